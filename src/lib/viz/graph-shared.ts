/**
 * What the layer graph says about a head drawn once for several pyramid levels: its box title
 * ("RPN head", "×5: P2–P6"), the nodes an item stands for (every level's copy, so costs sum over the
 * levels), and the tooltip lines that explain the sharing.
 */
import type { Analysis } from '../models/analyze';
import { levelRange, replicaTitle } from '../models/replicas';
import type { GroupIndex, VisibleItem } from './graph-collapse';
import { formatCount } from '../format';

/** The shared head an item belongs to (the head itself or anything drawn inside it), if any. */
function sharedOf(item: VisibleItem, idx: GroupIndex) {
  const top = item.id.split('/')[0];
  return idx.shared.get(top) ?? null;
}

/** Title and subtitle for the box of a collapsed shared head: ["RPN head", "×5: P2–P6, shared"]. */
export function sharedTitle(item: VisibleItem, idx: GroupIndex): [string, string] | null {
  const set = item.group ? idx.shared.get(item.id) : undefined;
  return set ? [set.name, `×${set.children.length}: ${levelRange(set.levels)}, shared`] : null;
}

/** The label of an open shared head's frame: "rpn · RPN head ×5: P2–P6 (one set of weights)". */
export function sharedFrameLabel(path: string, idx: GroupIndex): string | null {
  const set = idx.shared.get(path);
  return set ? `${path} · ${replicaTitle(set)} (one set of weights)` : null;
}

/**
 * Every node an item stands for. Inside an open shared head an item is drawn once for all levels, so
 * it stands for its nodes on every level; elsewhere, the item's own nodes.
 */
export function itemMembers(item: VisibleItem, idx: GroupIndex): string[] {
  const own = item.group ? (idx.members.get(item.id) ?? []) : [item.id];
  if (!sharedOf(item, idx) || idx.shared.has(item.id)) return own;
  return own.flatMap((id) => idx.copies.get(id) ?? [id]);
}

/** Tooltip lines on sharing: which levels the drawing stands for, and how params and MACs count. */
export function sharedLines(item: VisibleItem, a: Analysis, idx: GroupIndex): string[] {
  const set = sharedOf(item, idx);
  if (!set) return [];
  const lines = [`shared: ${replicaTitle(set)}, one set of weights (params once, MACs on every level)`];
  if (!idx.shared.has(item.id)) {
    const perLevel = itemMembers(item, idx).length / Math.max(1, set.children.length);
    const first = a.result.stats.get(item.output)?.shape;
    lines.push(
      `drawn once for ${set.levels.length} levels (${Math.round(perLevel)} op${perLevel === 1 ? '' : 's'} each); shape shown on ${set.levels[0]}${first ? '' : ' (not computed)'}`
    );
  }
  const owners = itemMembers(item, idx).filter((id) => idx.nodes.get(id)?.sharesWith);
  if (owners.length)
    lines.push(`${formatCount(owners.length)} later-level ops reuse the weights (0 params there)`);
  return lines;
}
