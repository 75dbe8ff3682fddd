/**
 * torchinfo's depth-grouped summary of the analysed model: rows down to a chosen depth of the node
 * paths (1 = stages and heads, 2 = units, 3 = ops; deeper for shortcuts and head towers), and its
 * footer. The footer follows torchinfo's definitions (torchinfo/model_statistics.py, layer_info.py), so
 * its figures match torchinfo's published summaries (ResNet-18 at 224x224: 1.81 G mult-adds, 39.75 MB
 * forward/backward pass):
 *  - mult-adds: for every layer holding parameters, its parameter count times the output's N x H x W
 *    for a convolution, times N otherwise (so BatchNorm counts 2C per image, a Linear its bias too);
 *  - forward/backward pass size: twice (gradients) the float32 output of every layer with parameters;
 *  - params size: the parameters at float32; input size: the input at float32; MB = 10^6 bytes.
 * A module applied more than once (a head shared by pyramid levels) counts its parameters once and
 * its mult-adds and outputs at every use, as torchinfo does for its "(recursive)" layers.
 */
import type { GraphNode, Shape } from '../core/types';
import type { Analysis } from './analyze';
import { trains } from './trainable';

export type Trainable = 'trainable' | 'frozen' | 'partly frozen' | null;

export interface SummaryRow {
  /** Node id for an op, its path prefix for a group (e.g. C3/unit1). */
  path: string;
  depth: number;
  /** The group's label, or the op's kind. */
  label: string;
  /**
   * What selecting the row selects: the op, or the group (the same selection as the graph's stage or
   * unit box); a path that is no group of the graph (a unit's shortcut: conv and norm) selects its
   * output node, as the graph, which draws those ops one by one, would.
   */
  select: string;
  /** An op row is one node; a group row stands for the nodes under its path. */
  op: GraphNode['op'] | null;
  /** Shown with its children below it (torchinfo then leaves the parameter count to the children). */
  expanded: boolean;
  kernel: string | null;
  input: Shape | null;
  output: Shape | null;
  /** null where torchinfo prints "--": an expanded group, or nothing to count. */
  params: number | null;
  /** Every parameter here belongs to a module counted at an earlier use. */
  shared: boolean;
  trainable: Trainable;
}

export interface SummaryFooter {
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  multAdds: number;
  inputMB: number;
  forwardBackwardMB: number;
  paramsMB: number;
  totalMB: number;
  /** Not in torchinfo's footer: BatchNorm running statistics, and FrozenBatchNorm2d's four vectors. */
  buffers: number;
}

export interface DepthSummary {
  rows: SummaryRow[];
  footer: SummaryFooter;
  /** The deepest path in the model: the depth at which every row is an op. */
  maxDepth: number;
}

const F32 = 4;
const MB = 1e6;
const vol = (s: Shape) => s[0] * s[1] * s[2] * s[3];
const CONVS = new Set<GraphNode['op']>(['conv2d', 'convtranspose2d']);

function kernelOf(n: GraphNode): string | null {
  if (n.op === 'conv2d' || n.op === 'convtranspose2d' || n.op === 'maxpool' || n.op === 'avgpool') {
    const [h, w] = n.attrs.kernel;
    return `${h}×${w}`;
  }
  return null;
}

/** The parameters of the module a node runs: its own, or the owner's when it shares them. */
function moduleParams(a: Analysis, n: GraphNode): number {
  return a.result.stats.get(n.sharesWith ?? n.id)?.params ?? 0;
}

function footerOf(a: Analysis, nodes: GraphNode[]): SummaryFooter {
  let multAdds = 0;
  let outputs = 0;
  let buffers = 0;
  for (const n of nodes) {
    const out = a.result.stats.get(n.id)?.shape;
    const p = moduleParams(a, n);
    if (out && p > 0) {
      multAdds += CONVS.has(n.op) ? p * out[0] * out[2] * out[3] : p * out[0];
      outputs += 2 * vol(out) * F32;
    }
    if (n.op === 'batchnorm' && !n.sharesWith && out) buffers += (n.attrs.frozen ? 4 : 2) * out[1];
  }
  const totalParams = a.result.totals.params;
  const trainableParams = a.result.totals.trainable;
  const input = vol(a.result.input) * F32;
  const params = totalParams * F32;
  return {
    totalParams,
    // torchinfo: non-trainable = parameters with requires_grad=False (trainableLayers). FrozenBatchNorm2d's
    // terms are buffers, not parameters, so they are in neither count.
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
    multAdds,
    inputMB: input / MB,
    forwardBackwardMB: outputs / MB,
    paramsMB: params / MB,
    totalMB: (input + outputs + params) / MB,
    buffers
  };
}

/**
 * Frozen: parameters without requires_grad (trainableLayers), or a FrozenBatchNorm2d, whose terms
 * are buffers; trainable: parameters that train.
 */
function trainableOf(nodes: GraphNode[], a: Analysis): Trainable {
  const frozen = nodes.some(
    (n) => (n.op === 'batchnorm' && n.attrs.frozen) || (!trains(n) && moduleParams(a, n) > 0)
  );
  const learns = nodes.some((n) => trains(n) && moduleParams(a, n) > 0);
  if (frozen && learns) return 'partly frozen';
  if (frozen) return 'frozen';
  return learns ? 'trainable' : null;
}

/** Rows down to `depth` (Infinity for every op), in graph order, and the footer. */
export function depthSummary(a: Analysis, depth: number): DepthSummary {
  const nodes = a.model.graph.nodes.filter((n) => n.op !== 'input');
  const labels = new Map(a.model.graph.groups.map((g) => [g.path, g.label]));
  const stats = a.result.stats;
  // Each row's nodes, keyed by path, in the order the paths first appear.
  const members = new Map<string, { depth: number; nodes: GraphNode[] }>();
  let maxDepth = 1;
  for (const n of nodes) {
    const parts = n.id.split('/');
    maxDepth = Math.max(maxDepth, parts.length);
    for (let d = 1; d <= Math.min(depth, parts.length); d++) {
      const path = parts.slice(0, d).join('/');
      let m = members.get(path);
      if (!m) members.set(path, (m = { depth: d, nodes: [] }));
      m.nodes.push(n);
    }
  }
  const rows: SummaryRow[] = [];
  for (const [path, m] of members) {
    const first = m.nodes[0];
    const last = m.nodes[m.nodes.length - 1];
    const isOp = m.nodes.length === 1 && first.id === path;
    const expanded = !isOp && m.depth < depth;
    const inside = new Set(m.nodes.map((n) => n.id));
    const from = first.inputs.find((id) => !inside.has(id)) ?? first.inputs[0];
    const own = m.nodes.reduce((s, n) => s + (stats.get(n.id)?.params ?? 0), 0);
    const shared = own === 0 && m.nodes.some((n) => n.sharesWith && moduleParams(a, n) > 0);
    rows.push({
      path,
      select: isOp || labels.has(path) ? path : last.id,
      depth: m.depth,
      label: isOp ? first.op : (labels.get(path) ?? path.split('/').pop()!),
      op: isOp ? first.op : null,
      expanded,
      kernel: isOp ? kernelOf(first) : null,
      input: (from ? stats.get(from)?.shape : null) ?? null,
      output: stats.get(last.id)?.shape ?? null,
      params: expanded || own === 0 ? null : own,
      shared,
      trainable: trainableOf(m.nodes, a)
    });
  }
  return { rows, footer: footerOf(a, nodes), maxDepth };
}
