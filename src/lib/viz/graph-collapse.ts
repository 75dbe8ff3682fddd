/**
 * Collapsing the DAG: a node id's path prefixes are its groups (GroupInfo). A collapsed group shows
 * as one box standing for all its members; edges between members of different visible items are
 * merged and keep the most telling kind (lateral/top-down over main over shortcut). A head applied to
 * every pyramid level with shared weights (models/replicas.ts) is drawn once: the nodes of its later
 * copies stand for the first copy's nodes, so every level's edges meet in one drawing of the head.
 */
import type { Graph, GraphNode, GroupInfo } from '../core/types';
import { type ReplicaSet, replicas } from '../models/replicas';
import { regionNodes } from '../models/whole';

/** `size`: an upsample's size reference (it reads only the other tensor's height and width). */
export type EdgeKind = 'main' | 'shortcut' | 'lateral' | 'topdown' | 'size';

export interface VisibleItem {
  id: string;
  group: GroupInfo | null;
  node: GraphNode | null;
  /** The node whose statistics the item shows: the node itself, or the group's last member. */
  output: string;
  /** Which lane of the layout the item belongs to. */
  band: Band;
}
/** `head`: a head shared across pyramid levels; `roi`: the per-region heads (both read the neck). */
export type Band = 'main' | 'shortcut' | 'branch' | 'neck' | 'head' | 'roi';

export interface VisibleEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
}

export interface VisibleGraph {
  items: VisibleItem[];
  edges: VisibleEdge[];
  /** Expanded groups that produced this view, sorted (the layout cache key). */
  key: string;
}

export interface GroupIndex {
  groups: Map<string, GroupInfo>;
  /** Group path -> ids of its member nodes in topological order. */
  members: Map<string, string[]>;
  nodes: Map<string, GraphNode>;
  /** A later copy's node -> the first copy's node it is drawn as. */
  repOf: ReadonlyMap<string, string>;
  /** A first copy's node -> every copy of it, itself first (costs of a shared op sum over these). */
  copies: Map<string, string[]>;
  /** First copies of shared heads: drawn as their parent's content, never as a box or frame. */
  transparent: ReadonlyMap<string, ReplicaSet>;
  /** The shared head's group path (`rpn`) -> its replica set. */
  shared: Map<string, ReplicaSet>;
}

const indexCache = new WeakMap<Graph, GroupIndex>();

/** Proper prefixes of a path: `C3/unit1/conv2` -> [`C3`, `C3/unit1`]. */
export function prefixes(id: string): string[] {
  const parts = id.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function groupIndex(graph: Graph): GroupIndex {
  let idx = indexCache.get(graph);
  if (idx) return idx;
  const groups = new Map(graph.groups.map((g) => [g.path, g]));
  const members = new Map<string, string[]>();
  for (const n of graph.nodes)
    for (const p of prefixes(n.id)) {
      if (!groups.has(p)) continue;
      const list = members.get(p);
      if (list) list.push(n.id);
      else members.set(p, [n.id]);
    }
  const r = replicas(graph);
  const copies = new Map<string, string[]>();
  for (const [copy, rep] of r.repOf) {
    const list = copies.get(rep);
    if (list) list.push(copy);
    else copies.set(rep, [rep, copy]);
  }
  idx = {
    groups,
    members,
    nodes: new Map(graph.nodes.map((n) => [n.id, n])),
    repOf: r.repOf,
    copies,
    transparent: r.byRep,
    shared: new Map(r.sets.map((s) => [s.path, s]))
  };
  indexCache.set(graph, idx);
  return idx;
}

/** Stages are the top-level groups with members (C2..C5, neck, ppm, head, ...). */
export function stageGroups(graph: Graph): string[] {
  const { members } = groupIndex(graph);
  return graph.groups.filter((g) => !g.path.includes('/') && members.has(g.path)).map((g) => g.path);
}

/** Default view: backbone stages and heads collapsed; the neck and PSPNet's pooling open to their levels. */
export function defaultExpanded(graph: Graph): Set<string> {
  const { members } = groupIndex(graph);
  return new Set(['neck', 'ppm'].filter((p) => members.has(p)));
}

/** The visible item that stands for a node under the given expansion. */
export function itemFor(id: string, idx: GroupIndex, expanded: ReadonlySet<string>): string {
  const drawn = idx.repOf.get(id) ?? id;
  for (const p of prefixes(drawn))
    if (idx.members.has(p) && !expanded.has(p) && !idx.transparent.has(p)) return p;
  return drawn;
}

/**
 * Expansion that makes `id` visible, or null when it already is, either itself or as the output
 * of a collapsed group. A group path (a selected stage or unit) opens the groups around it.
 */
export function reveal(graph: Graph, expanded: ReadonlySet<string>, id: string): Set<string> | null {
  const idx = groupIndex(graph);
  if (!idx.nodes.has(id)) return idx.members.has(id) ? revealGroup(idx, expanded, id) : null;
  const drawn = idx.repOf.get(id) ?? id;
  const item = itemFor(id, idx, expanded);
  if (item === drawn) return null;
  const members = idx.members.get(item);
  if (members && members[members.length - 1] === id) return null;
  const next = new Set(expanded);
  for (const p of prefixes(drawn)) if (idx.members.has(p) && !idx.transparent.has(p)) next.add(p);
  return next;
}

/** A selected group is shown as its own box: the groups around it open, the group itself as it was. */
function revealGroup(idx: GroupIndex, expanded: ReadonlySet<string>, path: string): Set<string> | null {
  const closed = prefixes(path).filter(
    (p) => idx.members.has(p) && !expanded.has(p) && !idx.transparent.has(p)
  );
  if (!closed.length) return null;
  const next = new Set(expanded);
  for (const p of closed) next.add(p);
  return next;
}

/** Opens a closed group, or closes an open one together with the groups inside it. */
export function toggled(expanded: ReadonlySet<string>, path: string): Set<string> {
  const next = new Set(expanded);
  if (next.has(path)) {
    for (const p of expanded) if (p === path || p.startsWith(path + '/')) next.delete(p);
  } else next.add(path);
  return next;
}

function bandOf(id: string, idx: GroupIndex, perRegion: ReadonlyMap<string, unknown>, output: string): Band {
  if (idx.shared.has(id.split('/')[0])) return 'head';
  if (perRegion.has(output)) return 'roi';
  if (id.startsWith('neck')) return 'neck';
  // PSPNet's decoder (pooling pyramid, head, auxiliary head) folds under the backbone as an FPN neck
  // does: past C5 it was three columns too wide for a 1280 px window.
  if (idx.groups.has('ppm') && /^(ppm|head|aux)(\/|$)/.test(id)) return 'neck';
  if (id.includes('/shortcut')) return 'shortcut';
  if (id.startsWith('aux')) return 'branch';
  return 'main';
}

/** Kind of the edge feeding input `index` of `target` from `source`. */
export function edgeKind(source: GraphNode, target: GraphNode, index: number): EdgeKind {
  if (target.id.includes('/lateral')) return 'lateral';
  if (target.id.startsWith('neck') && target.op === 'upsample' && index === 0) return 'topdown';
  if (target.op === 'upsample' && index > 0) return 'size';
  if (target.id.includes('/shortcut') || source.id.includes('/shortcut')) return 'shortcut';
  if (target.op === 'add' && /\/unit\d+\/add$/.test(target.id) && index === 1) return 'shortcut';
  return 'main';
}

const RANK: Record<EdgeKind, number> = { lateral: 3, topdown: 3, main: 2, shortcut: 1, size: 0 };

export function visibleGraph(graph: Graph, expanded: ReadonlySet<string>): VisibleGraph {
  const idx = groupIndex(graph);
  const perRegion = regionNodes(graph);
  const items: VisibleItem[] = [];
  const seen = new Map<string, VisibleItem>();
  const owner = new Map<string, string>();
  for (const n of graph.nodes) {
    const id = itemFor(n.id, idx, expanded);
    owner.set(n.id, id);
    const existing = seen.get(id);
    if (existing) {
      // A later copy of a shared head is drawn as the first: its shape stays the first copy's.
      if (!idx.repOf.has(n.id)) existing.output = n.id;
      continue;
    }
    const group = id === n.id ? null : (idx.groups.get(id) ?? null);
    const item: VisibleItem = {
      id,
      group,
      node: group ? null : n,
      output: n.id,
      band: bandOf(id, idx, perRegion, n.id)
    };
    seen.set(id, item);
    items.push(item);
  }
  const edges = new Map<string, VisibleEdge>();
  for (const n of graph.nodes) {
    const t = owner.get(n.id)!;
    n.inputs.forEach((src, i) => {
      const s = owner.get(src)!;
      if (s === t) return;
      const kind = edgeKind(idx.nodes.get(src)!, n, i);
      const key = `${s}->${t}`;
      const prev = edges.get(key);
      if (!prev) edges.set(key, { id: key, source: s, target: t, kind });
      else if (RANK[kind] > RANK[prev.kind]) prev.kind = kind;
    });
  }
  return { items, edges: [...edges.values()], key: [...expanded].sort().join('|') };
}
