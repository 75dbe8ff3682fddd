/**
 * Shape inference and statistics over a graph for one input shape. Pure and allocation-light:
 * every slider tick calls it. A node that cannot be computed gets a diagnostic and a null shape;
 * its dependants get no shape either (quietly), and everything else is still computed.
 *
 * Parameters do not depend on the input size, so a layer without a shape still counts its own: its
 * channels are carried on a stand-in shape (see `standIn`). MACs and memory of such layers are
 * unknown; `unshaped` lists them so every total can say it is partial.
 */
import { rules } from './ops';
import type { OpRule } from './ops/rule';
import type { Diagnostic, Graph, GraphNode, InferResult, NodeStats, ReceptiveField, Shape } from './types';

const FLOAT32_BYTES = 4;
/**
 * The side given to a layer's inputs when its real shape failed: large enough for every kernel here,
 * so the op's rule yields output channels (all a parameter count reads). Ops that fix their own
 * output size (adaptive pools, RoIAlign) keep it, so a flatten after them still counts right.
 */
const STAND_IN_SIDE = 256;
const INPUT_RF: ReceptiveField = { size: [1, 1], stride: [1, 1], start: [0, 0] };

function volume(s: Shape): number {
  return s[0] * s[1] * s[2] * s[3];
}

/** Explains an add/concat mismatch in terms of the upstream upsample that caused it, if any. */
function mismatchHint(graph: Map<string, GraphNode>, node: GraphNode, stats: Map<string, NodeStats>): string {
  for (const id of node.inputs) {
    const up = graph.get(id);
    if (up?.op !== 'upsample' || !up.attrs.scale) continue;
    const src = stats.get(up.inputs[0])?.shape;
    if (!src) continue;
    return (
      ` The nearest x${up.attrs.scale} upsample of ${src[2]}x${src[3]} (${up.id}) cannot reach the other input's odd size;` +
      " use an input whose sides divide by the largest stride, or upsample to the lateral's size (fpnUpsample=nearest or bilinear)."
    );
  }
  return '';
}

/**
 * A shape with the right channels for a node whose real shape failed, from its inputs' real or
 * stand-in shapes; tried as they are, then with every input at STAND_IN_SIDE (the failure may be the
 * inputs' spatial mismatch itself). Null where even that fails (channels that do not match).
 */
function standIn(rule: OpRule<GraphNode['op']>, node: GraphNode, inputs: Shape[]): Shape | null {
  const first = rule.infer(node.attrs as never, inputs);
  if (!('error' in first)) return first.shape;
  const square = inputs.map((s): Shape => [s[0], s[1], STAND_IN_SIDE, STAND_IN_SIDE]);
  const second = rule.infer(node.attrs as never, square);
  return 'error' in second ? null : second.shape;
}

export function infer(graph: Graph, input: Shape): InferResult {
  const stats = new Map<string, NodeStats>();
  const diagnostics: Diagnostic[] = [];
  const unshaped: string[] = [];
  const paramsUnknown: string[] = [];
  // Stand-in shapes of the nodes without a real one (empty on a healthy graph).
  const standIns = new Map<string, Shape>();
  let params = 0;
  let trainable = 0;
  let macs = 0;
  let bytes = 0;

  /** A node without a shape: no MACs or memory, but its parameters from the stand-in shapes. */
  const unshapedNode = (node: GraphNode, rule: OpRule<GraphNode['op']>) => {
    unshaped.push(node.id);
    const ins = node.inputs.map((id) => stats.get(id)?.shape ?? standIns.get(id) ?? null);
    const shape = ins.every((s) => s !== null) ? standIn(rule, node, ins as Shape[]) : null;
    let p = 0;
    if (shape) {
      standIns.set(node.id, shape);
      p = node.sharesWith ? 0 : rule.params(node.attrs as never, ins as Shape[], shape);
    } else paramsUnknown.push(node.id);
    stats.set(node.id, { shape: null, params: p, macs: 0, bytes: 0, rf: null });
    params += p;
    if (!node.noGrad) trainable += p;
  };

  for (const node of graph.nodes) {
    if (node.op === 'input') {
      const shape: Shape = [input[0], node.attrs.channels, input[2], input[3]];
      stats.set(node.id, { shape, params: 0, macs: 0, bytes: volume(shape) * FLOAT32_BYTES, rf: INPUT_RF });
      continue;
    }
    const ins = node.inputs.map((id) => stats.get(id));
    const inShapes = ins.map((s) => s?.shape ?? null);
    const rule = rules[node.op] as OpRule<typeof node.op>;
    if (inShapes.some((s) => s === null)) {
      unshapedNode(node, rule);
      continue;
    }
    const shapes = inShapes as Shape[];
    const outcome = rule.infer(node.attrs as never, shapes);
    if ('error' in outcome) {
      const hint =
        node.op === 'add' || node.op === 'concat'
          ? mismatchHint(new Map(graph.nodes.map((n) => [n.id, n])), node, stats)
          : '';
      const message = `${node.id}: ${outcome.error}.${hint}`;
      const code = outcome.empty ? { code: 'empty' as const } : {};
      diagnostics.push({ node: node.id, severity: 'error', message, ...code });
      unshapedNode(node, rule);
      continue;
    }
    for (const w of outcome.warnings ?? [])
      diagnostics.push({ node: node.id, severity: 'warning', message: `${node.id}: ${w}` });
    const out = outcome.shape;
    // A node that reuses an earlier node's module (a head shared by pyramid levels) owns no parameters.
    const p = node.sharesWith ? 0 : rule.params(node.attrs as never, shapes, out);
    const m = rule.macs(node.attrs as never, shapes, out);
    const b = volume(out) * FLOAT32_BYTES;
    const rfs = ins.map((s) => s?.rf ?? null);
    const rf = rfs.every((r) => r !== null)
      ? rule.rf(node.attrs as never, rfs as ReceptiveField[], shapes, out, outcome.pad)
      : null;
    stats.set(node.id, { shape: out, params: p, macs: m, bytes: b, rf, pad: outcome.pad });
    params += p;
    if (!node.noGrad) trainable += p;
    macs += m;
    bytes += b;
  }
  return { input, stats, diagnostics, totals: { params, trainable, macs, bytes }, unshaped, paramsUnknown };
}
