/**
 * Finding a layer by name: every node and every group of the graph, by its id (`C4/unit3/conv2`), its
 * torchvision module path (`layer3.2.conv2`, also as the tail of `backbone.body.layer3.2.conv2`) or
 * its group label (`layer3`, `RoIAlign`), and the expansion that brings the find into view.
 */
import type { Graph } from '../core/types';
import { type GroupIndex, groupIndex, prefixes } from './graph-collapse';

export interface SearchEntry {
  /** A node id or a group path. */
  id: string;
  group: boolean;
  /** The torchvision module path; a group's is its members' common prefix (`backbone.body.layer3.2`). */
  module: string;
  /** What the entry is: the op, or the group's label. */
  label: string;
}

export interface SearchHit extends SearchEntry {
  /** Lower is better: 0 the id itself, 1 the module path (or its tail), then prefixes and substrings. */
  rank: number;
}

const entriesCache = new WeakMap<Graph, SearchEntry[]>();

/** The dotted segments all the given module paths start with, joined again ('' when none). */
function commonModule(modules: string[]): string {
  if (!modules.length) return '';
  let common = modules[0].split('.');
  for (const m of modules.slice(1)) {
    const parts = m.split('.');
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join('.');
}

/** Groups first, then their members, in the graph's order. */
export function searchEntries(graph: Graph): SearchEntry[] {
  const hit = entriesCache.get(graph);
  if (hit) return hit;
  const { groups, members, nodes } = groupIndex(graph);
  const out: SearchEntry[] = [];
  const listed = new Set<string>();
  for (const n of graph.nodes) {
    for (const p of prefixes(n.id)) {
      const g = groups.get(p);
      if (!g || listed.has(p) || !members.has(p)) continue;
      listed.add(p);
      const modules = members.get(p)!.flatMap((id) => nodes.get(id)?.module ?? []);
      out.push({ id: p, group: true, module: commonModule(modules), label: g.label });
    }
    out.push({ id: n.id, group: false, module: n.module ?? '', label: n.op });
  }
  entriesCache.set(graph, out);
  return out;
}

function rankOf(e: SearchEntry, q: string): number {
  const id = e.id.toLowerCase();
  const mod = e.module.toLowerCase();
  if (id === q) return 0;
  if (mod && (mod === q || mod.endsWith('.' + q))) return 1;
  if (id.startsWith(q)) return 2;
  if (id.includes(q)) return 3;
  if (mod.includes(q)) return 4;
  if (e.label.toLowerCase().includes(q)) return 5;
  return -1;
}

/** Up to `limit` entries matching the query (case-insensitive), best first, and how many matched. */
export function findEntries(
  entries: readonly SearchEntry[],
  query: string,
  limit = 8
): { hits: SearchHit[]; total: number } {
  const q = query.trim().toLowerCase();
  if (!q) return { hits: [], total: 0 };
  const all: SearchHit[] = [];
  for (const e of entries) {
    const rank = rankOf(e, q);
    if (rank >= 0) all.push({ ...e, rank });
  }
  // Stable: within a rank the graph's order (a group before its members, shallow before deep).
  all.sort((a, b) => a.rank - b.rank);
  return { hits: all.slice(0, limit), total: all.length };
}

/** The groups that must be open for `id` to be drawn (a shared head's copies are drawn as the first). */
function openAround(idx: GroupIndex, id: string, expanded: ReadonlySet<string>): Set<string> {
  const drawn = idx.repOf.get(id) ?? id;
  const next = new Set(expanded);
  for (const p of prefixes(drawn)) if (idx.members.has(p) && !idx.transparent.has(p)) next.add(p);
  return next;
}

/**
 * What picking an entry does: the expansion that shows it and what to select. A node gets every
 * group around it opened; a group gets the groups around it opened and is selected itself (as a
 * click on its box does), so it shows as one highlighted box and the details sum its ops.
 */
export function revealEntry(
  graph: Graph,
  expanded: ReadonlySet<string>,
  entry: Pick<SearchEntry, 'id' | 'group'>
): { expanded: Set<string>; select: string } {
  const idx = groupIndex(graph);
  // openAround treats the path as a node's: its proper prefixes. A group itself stays as it was.
  return { expanded: openAround(idx, entry.id, expanded), select: entry.id };
}
