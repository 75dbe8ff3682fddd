/**
 * How the fused plan's folded nodes (fusion.ts) are described to the user; its own module so the
 * explorer's first load (live panel, graph tooltips) does not carry the planner.
 */
import type { Graph, GraphNode } from '../core/types';

/** How a folded node is described to the user: "bn1 folded into conv1", "relu1 fused into conv1". */
export function foldedNote(node: string, into: string, op: GraphNode['op'] | undefined): string {
  const leaf = (id: string) => id.split('/').pop() ?? id;
  return `${leaf(node)} ${op === 'batchnorm' ? 'folded' : 'fused'} into ${leaf(into)}`;
}

/**
 * The live panel's sentence on what the fused plan folded, e.g. "53 batch norms folded into their
 * convs and 33 ReLUs fused: those 86 shapes were confirmed through the fused op"; null when nothing was.
 */
export function foldedSummary(graph: Graph, folded: ReadonlyMap<string, string>): string | null {
  if (!folded.size) return null;
  const op = new Map(graph.nodes.map((n) => [n.id, n.op]));
  const norms = [...folded.keys()].filter((id) => op.get(id) === 'batchnorm').length;
  const relus = folded.size - norms;
  const parts = [
    norms
      ? `${norms} batch ${norms === 1 ? 'norm' : 'norms'} folded into ${norms === 1 ? 'its conv' : 'their convs'}`
      : '',
    relus ? `${relus} ${relus === 1 ? 'ReLU' : 'ReLUs'} fused` : ''
  ].filter(Boolean);
  const n = folded.size;
  return `${parts.join(' and ')}: ${n === 1 ? 'that shape was' : `those ${n} shapes were`} confirmed through the fused op`;
}
