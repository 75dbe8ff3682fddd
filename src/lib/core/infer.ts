/**
 * Shape inference and statistics over a graph for one input shape. Pure and allocation-light:
 * every slider tick calls it. A node that cannot be computed gets a diagnostic and a null shape;
 * its dependants are skipped quietly, and everything else is still computed.
 */
import { rules } from './ops';
import type { OpRule } from './ops/rule';
import type { Diagnostic, Graph, GraphNode, InferResult, NodeStats, ReceptiveField, Shape } from './types';

const FLOAT32_BYTES = 4;
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

export function infer(graph: Graph, input: Shape): InferResult {
  const stats = new Map<string, NodeStats>();
  const diagnostics: Diagnostic[] = [];
  let params = 0;
  let macs = 0;
  let bytes = 0;

  for (const node of graph.nodes) {
    if (node.op === 'input') {
      const shape: Shape = [input[0], node.attrs.channels, input[2], input[3]];
      stats.set(node.id, { shape, params: 0, macs: 0, bytes: volume(shape) * FLOAT32_BYTES, rf: INPUT_RF });
      continue;
    }
    const ins = node.inputs.map((id) => stats.get(id));
    const inShapes = ins.map((s) => s?.shape ?? null);
    if (inShapes.some((s) => s === null)) {
      stats.set(node.id, { shape: null, params: 0, macs: 0, bytes: 0, rf: null });
      continue;
    }
    const shapes = inShapes as Shape[];
    const rule = rules[node.op] as OpRule<typeof node.op>;
    const outcome = rule.infer(node.attrs as never, shapes);
    if ('error' in outcome) {
      const hint =
        node.op === 'add' || node.op === 'concat'
          ? mismatchHint(new Map(graph.nodes.map((n) => [n.id, n])), node, stats)
          : '';
      const message = `${node.id}: ${outcome.error}.${hint}`;
      const code = outcome.empty ? { code: 'empty' as const } : {};
      diagnostics.push({ node: node.id, severity: 'error', message, ...code });
      stats.set(node.id, { shape: null, params: 0, macs: 0, bytes: 0, rf: null });
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
    macs += m;
    bytes += b;
  }
  return { input, stats, diagnostics, totals: { params, macs, bytes } };
}
