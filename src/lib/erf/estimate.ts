/**
 * The effective-field run's guard, from the engine's numbers alone (no tfjs), conservative like the
 * live run's (exec/estimate.ts, whose per-node scratch and weight counts it reuses): the forward pass
 * keeps every activation of the targets' ancestors for the backward pass, and while one node's
 * vector-Jacobian product runs, its forward is recomputed (output and scratch) and the gradients of
 * every node still waiting for its consumers are alive, plus the new input gradients.
 */
import { infer } from '../core/infer';
import type { Graph, InferResult, Shape } from '../core/types';
import { largestFitting, type RunLimits, sameAspect } from '../exec/budget';
import {
  type BackendName,
  type TextureEstimate,
  scratchBytes,
  textureFor,
  weightValues
} from '../exec/estimate';
import { formatBytes } from '../format';
import { dataInputs } from './data-inputs';
import { imageNode } from './field';

export interface ErfEstimate {
  input: Shape;
  backend: BackendName;
  /** Activations kept from the forward pass. */
  keptBytes: number;
  /** Peak of kept activations, live gradients and one node's recomputation. */
  peakBytes: number;
  peakNode: string;
  weightBytes: number;
  texture: TextureEstimate;
  /** Nodes the engine could not give a shape at this size. */
  unknown: string[];
}

const F32 = 4;
const vol = (s: Shape) => s[0] * s[1] * s[2] * s[3];

export function estimateErf(
  graph: Graph,
  result: InferResult,
  targets: string[],
  backend: BackendName = 'webgl',
  maxTextureSize = 8192
): ErfEstimate {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const up = new Set<string>();
  const stack = [...targets];
  while (stack.length) {
    const id = stack.pop()!;
    if (up.has(id)) continue;
    up.add(id);
    stack.push(...(byId.get(id)?.inputs ?? []));
  }
  const nodes = graph.nodes.filter((n) => up.has(n.id));
  const shape = (id: string) => result.stats.get(id)?.shape ?? null;
  const bytes = (id: string) => {
    const s = shape(id);
    return s ? vol(s) * F32 : 0;
  };
  const unknown = nodes.filter((n) => !shape(n.id)).map((n) => n.id);
  let texture: TextureEstimate = { node: '', width: 0, height: 0 };
  const consider = (node: string, rows: number, cols: number) => {
    const t = textureFor(rows, cols, maxTextureSize);
    if (Math.max(t.width, t.height) > Math.max(texture.width, texture.height)) texture = { node, ...t };
  };
  let keptBytes = 0;
  let weightBytes = 0;
  const scratch = new Map<string, number>();
  for (const n of nodes) {
    const out = shape(n.id);
    if (!out) continue;
    keptBytes += vol(out) * F32;
    weightBytes += weightValues(n, result.stats.get(n.id)!.params, out) * F32;
    const ins = n.inputs.map(shape).filter((s): s is Shape => !!s);
    const sc = ins.length ? scratchBytes(n, ins, out, backend) : { bytes: 0 };
    scratch.set(n.id, sc.bytes);
    consider(n.id, out[0] * out[2] * out[3], out[1]);
    if (sc.texture) consider(n.id, sc.texture[0], sc.texture[1]);
  }
  let peakBytes = keptBytes;
  let peakNode = nodes[nodes.length - 1]?.id ?? '';
  const wrt = imageNode(graph);
  for (const target of targets) {
    // Gradients waiting for their node's turn, in reverse graph order.
    const waiting = new Map<string, number>([[target, bytes(target)]]);
    let live = bytes(target);
    for (const n of [...nodes].reverse()) {
      if (!waiting.has(n.id) || n.id === wrt) continue;
      const fresh = dataInputs(n)
        .map((k) => n.inputs[k])
        .filter((id) => !waiting.has(id));
      const dx = dataInputs(n).reduce((a, k) => a + bytes(n.inputs[k]), 0);
      const at = keptBytes + live + bytes(n.id) + (scratch.get(n.id) ?? 0) + dx;
      if (at > peakBytes) {
        peakBytes = at;
        peakNode = n.id;
      }
      live -= waiting.get(n.id)!;
      waiting.delete(n.id);
      for (const id of fresh) {
        waiting.set(id, bytes(id));
        live += bytes(id);
      }
    }
  }
  return { input: result.input, backend, keptBytes, peakBytes, peakNode, weightBytes, texture, unknown };
}

export type ErfVerdict =
  | { ok: true; estimate: ErfEstimate }
  | { ok: false; estimate: ErfEstimate; message: string; suggestion: [number, number] | null };

function problems(e: ErfEstimate, limits: RunLimits): string[] {
  const out: string[] = [];
  if (e.unknown.length) out.push(`the shape engine cannot compute ${e.unknown[0]} at this size`);
  const total = e.peakBytes + e.weightBytes;
  if (total > limits.totalBytes)
    out.push(
      `the backward pass needs about ${formatBytes(total)} (the forward pass keeps ${formatBytes(e.keptBytes)} of activations for it, the peak is at ${e.peakNode}, weights ${formatBytes(e.weightBytes)}), over the ${formatBytes(limits.totalBytes)} budget for ${e.backend}`
    );
  const max = limits.maxTextureSize;
  if (e.backend === 'webgl' && max && Math.max(e.texture.width, e.texture.height) > max)
    out.push(
      `its largest texture (${e.texture.width}x${e.texture.height} at ${e.texture.node}) exceeds this GPU's limit of ${max}`
    );
  return out;
}

/**
 * Whether the run fits; if not, why in plain words and the largest input of the same aspect ratio that
 * fits (by bisection: memory grows with the input), checked to be one the engine accepts.
 */
export function checkErfBudget(
  graph: Graph,
  result: InferResult,
  targets: string[],
  backend: BackendName,
  limits: RunLimits
): ErfVerdict {
  const estimate = estimateErf(graph, result, targets, backend, limits.maxTextureSize);
  const why = problems(estimate, limits);
  if (!why.length) return { ok: true, estimate };
  const at = sameAspect(result.input);
  const best = largestFitting(result.input[2], (hh) => {
    const e = estimateErf(graph, infer(graph, at(hh)), targets, backend, limits.maxTextureSize);
    return problems(e, limits).length === 0;
  });
  const s = best ? at(best) : null;
  const resized = graph.nodes.some((nd) => nd.op === 'resize');
  const fix = resized
    ? ' The detection transform resizes every input to minSize: lower minSize and maxSize, or set transform=none.'
    : s
      ? ` Try ${s[2]}x${s[3]} (same aspect ratio), which fits.`
      : '';
  return {
    ok: false,
    estimate,
    message: `The effective field at ${result.input[2]}x${result.input[3]} was not computed: ${why.join('; ')}.${fix}`,
    suggestion: resized || !s ? null : [s[2], s[3]]
  };
}
