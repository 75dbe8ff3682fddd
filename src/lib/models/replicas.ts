/**
 * Heads applied to every pyramid level with one set of weights (torchvision's RPNHead, RetinaNetHead,
 * FCOSHead): the builders emit one subgroup per level (`rpn/P2`, `rpn/P3`, ...) whose nodes name the
 * same modules, so every level after the first shares the first level's weights (`sharesWith`). Read
 * from the graph alone, so the layer graph can draw such a head once and the summary can say it is
 * counted once.
 */
import type { Graph, GraphNode } from '../core/types';

export interface ReplicaSet {
  /** The group whose child groups are the per-level copies, e.g. `rpn` or `head`. */
  path: string;
  /** The copies' paths in graph order; the first owns the weights, e.g. `rpn/P2`. */
  children: string[];
  /** The copies' last path segments, e.g. P2..P6. */
  levels: string[];
  /** What the head is called without its level: "RPN head" from "RPN head on P2". */
  name: string;
}

export interface Replicas {
  sets: ReplicaSet[];
  /** Node id in a later copy -> the node at the same place in the first copy. */
  repOf: Map<string, string>;
  /** A first copy's path -> its set (the group the layer graph draws once). */
  byRep: Map<string, ReplicaSet>;
}

const cache = new WeakMap<Graph, Replicas>();

const childOf = (parent: string, path: string) =>
  path.startsWith(parent + '/') && !path.slice(parent.length + 1).includes('/');

function membersOf(graph: Graph, path: string): GraphNode[] {
  return graph.nodes.filter((n) => n.id.startsWith(path + '/'));
}

/**
 * A group is a shared head when it has two or more child groups with the same member structure and
 * every weighted node of the later children shares its weights with the node at the same relative
 * place in the first child.
 */
function asReplicaSet(graph: Graph, path: string, labels: Map<string, string>): ReplicaSet | null {
  const children = graph.groups.map((g) => g.path).filter((p) => childOf(path, p));
  if (children.length < 2) return null;
  const first = membersOf(graph, children[0]);
  const rel = (child: string, id: string) => id.slice(child.length + 1);
  const shape = first.map((n) => `${rel(children[0], n.id)}:${n.op}`).join('|');
  if (!first.some((n) => n.module)) return null;
  for (const child of children.slice(1)) {
    const nodes = membersOf(graph, child);
    if (nodes.map((n) => `${rel(child, n.id)}:${n.op}`).join('|') !== shape) return null;
    for (const n of nodes) {
      if (!n.module) continue;
      if (n.sharesWith !== `${children[0]}/${rel(child, n.id)}`) return null;
    }
  }
  const levels = children.map((c) => c.slice(path.length + 1));
  const label = labels.get(children[0]) ?? path;
  const name = label.replace(new RegExp(`\\s+on\\s+${levels[0]}$`), '');
  return { path, children, levels, name };
}

export function replicas(graph: Graph): Replicas {
  const hit = cache.get(graph);
  if (hit) return hit;
  const labels = new Map(graph.groups.map((g) => [g.path, g.label]));
  const sets: ReplicaSet[] = [];
  for (const g of graph.groups) {
    // Copies nested inside a copy (a subnet of one level) belong to the outer set.
    if (sets.some((s) => g.path.startsWith(s.path + '/'))) continue;
    const set = asReplicaSet(graph, g.path, labels);
    if (set) sets.push(set);
  }
  const repOf = new Map<string, string>();
  for (const s of sets)
    for (const child of s.children.slice(1))
      for (const n of membersOf(graph, child))
        repOf.set(n.id, `${s.children[0]}/${n.id.slice(child.length + 1)}`);
  const out = { sets, repOf, byRep: new Map(sets.map((s) => [s.children[0], s])) };
  cache.set(graph, out);
  return out;
}

/** "P2–P6" for a run of consecutive levels, else "P3, P5". */
export function levelRange(levels: string[]): string {
  const nums = levels.map((l) => Number(l.slice(1)));
  const consecutive =
    levels.every((l) => /^P\d+$/.test(l)) && nums.every((v, i) => i === 0 || v === nums[i - 1] + 1);
  return consecutive && levels.length > 2 ? `${levels[0]}–${levels[levels.length - 1]}` : levels.join(', ');
}

/** "RPN head ×5: P2–P6": the one line a shared head is drawn and listed under. */
export function replicaTitle(s: ReplicaSet): string {
  return `${s.name} ×${s.children.length}: ${levelRange(s.levels)}`;
}
