/**
 * Details-panel facts that whole models add: the torchvision module a node's weights live in, and
 * weight sharing between the levels of one head (both ways: the owner and the nodes reusing it).
 */
import type { Graph, GraphNode } from '../core/types';

const usersCache = new WeakMap<Graph, Map<string, string[]>>();

/** Owner node -> the later nodes that reuse its module. */
function sharedUsers(graph: Graph): Map<string, string[]> {
  const hit = usersCache.get(graph);
  if (hit) return hit;
  const out = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (!n.sharesWith) continue;
    const list = out.get(n.sharesWith);
    if (list) list.push(n.id);
    else out.set(n.sharesWith, [n.id]);
  }
  usersCache.set(graph, out);
  return out;
}

/** The module path and how the node's weights are shared: [label, value, node ids to link]. */
export function moduleFacts(n: GraphNode, graph: Graph): Array<[string, string, string[]]> {
  if (!n.module) return [];
  const out: Array<[string, string, string[]]> = [['module', n.module, []]];
  if (n.sharesWith) out.push(['weights', 'shared: 0 parameters here, counted once at', [n.sharesWith]]);
  const users = sharedUsers(graph).get(n.id);
  if (users?.length)
    out.push([
      'weights',
      `owned here, reused by ${users.length} later node${users.length === 1 ? '' : 's'}`,
      users
    ]);
  return out;
}
