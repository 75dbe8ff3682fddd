/**
 * Run guard from the engine's numbers alone (no tfjs): peak activation memory when every tensor lives
 * until its last consumer (as the executor frees them), weight memory, and the largest WebGL texture.
 * Deliberately conservative: each node also counts its kernel's scratch tensors (the padded input of a
 * padded pool, WebGL's im2col matrix for a k x k convolution, the pre-bias conv output, RoIAlign's
 * sample crops and edge-padded levels, a transposed conv's uncropped scatter, GroupNorm's temporaries).
 * Tensors after a RoIAlign have a batch of regions, not images: their size follows the region counts.
 */
import type { Graph, GraphNode, InferResult, Shape } from '../core/types';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface TextureEstimate {
  node: string;
  width: number;
  height: number;
}

export interface RunEstimate {
  input: Shape;
  backend: BackendName;
  /** Peak bytes of live activations and scratch during the pass. */
  peakBytes: number;
  peakNode: string;
  /** Weights, biases and batch-norm statistics at float32. */
  weightBytes: number;
  /** Largest 2-D texture WebGL would allocate (packed RGBA, 2x2 values per texel). */
  texture: TextureEstimate;
  /** Nodes the engine could not give a shape; a run would fail there. */
  unknown: string[];
  /** When the peak node's batch counts regions (after a RoIAlign): which count, and how many per image. */
  peakRegions: { source: 'proposals' | 'detections'; regions: number } | null;
}

const F32 = 4;
const vol = (s: Shape) => s[0] * s[1] * s[2] * s[3];

/**
 * tfjs packs a [N, H, W, C] tensor as rows N*H*W by columns C, two by two per RGBA texel; when a side
 * exceeds the limit it falls back to a near-square layout of the same texel count.
 */
export function textureFor(
  rows: number,
  cols: number,
  maxTextureSize = Infinity
): { width: number; height: number } {
  const height = Math.ceil(rows / 2);
  const width = Math.ceil(cols / 2);
  if (height <= maxTextureSize && width <= maxTextureSize) return { width, height };
  const texels = height * width;
  const side = Math.ceil(Math.sqrt(texels));
  return { width: side, height: Math.ceil(texels / side) };
}

export function scratchBytes(
  node: GraphNode,
  ins: Shape[],
  out: Shape,
  backend: BackendName
): { bytes: number; texture?: [rows: number, cols: number] } {
  const x = ins[0];
  if (node.op === 'conv2d') {
    const a = node.attrs;
    const k = a.kernel[0] * a.kernel[1];
    const bias = a.bias ? vol(out) * F32 : 0;
    if (backend !== 'webgl' || k === 1) return { bytes: bias };
    const rows = (k * x[1]) / a.groups;
    const cols = out[0] * out[2] * out[3];
    return { bytes: bias + rows * cols * F32, texture: [rows, cols] };
  }
  if ((node.op === 'maxpool' || node.op === 'avgpool') && typeof node.attrs.padding === 'object') {
    // The kernel pads a copy when there is padding or a ceil_mode overhang (at most stride - 1).
    const a = node.attrs;
    const p = a.padding as Exclude<typeof a.padding, string>;
    const ph = p.top + p.bottom + (a.ceilMode ? a.stride[0] - 1 : 0);
    const pw = p.left + p.right + (a.ceilMode ? a.stride[1] - 1 : 0);
    if (ph + pw === 0) return { bytes: 0 };
    return { bytes: x[0] * x[1] * (x[2] + ph) * (x[3] + pw) * F32 };
  }
  if (node.op === 'flatten' || node.op === 'adaptiveavgpool') return { bytes: vol(x) * F32 };
  if (node.op === 'roialign') {
    // Every sr x sr sample of every bin (before the average pool), and each level padded by one pixel.
    const sr = node.attrs.samplingRatio;
    const levels = ins.reduce((a, l) => a + l[0] * l[1] * (l[2] + 2) * (l[3] + 2), 0);
    const crops = vol(out) * sr * sr;
    return { bytes: (crops + levels) * F32, texture: [out[0] * out[2] * sr * out[3] * sr, out[1]] };
  }
  if (node.op === 'convtranspose2d') {
    const a = node.attrs;
    const full = [0, 1].map((i) => (x[2 + i] - 1) * a.stride[i] + a.kernel[i]);
    return { bytes: (out[0] * out[1] * full[0] * full[1] + (a.bias ? vol(out) : 0)) * F32 };
  }
  if (node.op === 'groupnorm') return { bytes: 2 * vol(x) * F32 }; // x - mean, then the normalised copy
  return { bytes: 0 };
}

/** Per node: the region count its batch follows, for the nodes downstream of a RoIAlign. */
function regionBatches(graph: Graph): Map<string, RunEstimate['peakRegions']> {
  const of = new Map<string, RunEstimate['peakRegions']>();
  for (const node of graph.nodes) {
    if (node.op === 'roialign') of.set(node.id, { source: node.attrs.source, regions: node.attrs.regions });
    else {
      const from = node.inputs.map((id) => of.get(id)).find((r) => r);
      if (from) of.set(node.id, from);
    }
  }
  return of;
}

/** Weights, biases and norm statistics: BN's running mean and variance are buffers, FrozenBatchNorm2d's
 * affine terms too; a node sharing an earlier node's module holds nothing of its own. */
export function weightValues(node: GraphNode, params: number, out: Shape): number {
  if (node.op !== 'batchnorm' || node.sharesWith) return params;
  return params + (node.attrs.frozen ? 4 : 2) * out[1];
}

export function estimateRun(
  graph: Graph,
  result: InferResult,
  backend: BackendName = 'webgl',
  maxTextureSize = 8192
): RunEstimate {
  const last = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.inputs.forEach((id) => last.set(id, i)));
  const alive = new Map<string, number>();
  let aliveBytes = 0;
  let peakBytes = 0;
  let peakNode = graph.nodes[0]?.id ?? '';
  let weightBytes = 0;
  let texture: TextureEstimate = { node: '', width: 0, height: 0 };
  const unknown: string[] = [];
  const regions = regionBatches(graph);
  const consider = (node: string, rows: number, cols: number) => {
    const t = textureFor(rows, cols, maxTextureSize);
    if (Math.max(t.width, t.height) > Math.max(texture.width, texture.height)) texture = { node, ...t };
  };

  graph.nodes.forEach((node, i) => {
    const st = result.stats.get(node.id);
    const out = st?.shape;
    if (!out) {
      unknown.push(node.id);
      return;
    }
    weightBytes += weightValues(node, st.params, out) * F32;
    const ins = node.inputs.map((id) => result.stats.get(id)?.shape).filter((s): s is Shape => !!s);
    // A linear layer's weight is a texture too: [out, in] (the box head's fc6 is 1024 x 12544).
    if (node.op === 'linear' && ins[0]) consider(node.id, node.attrs.outFeatures, ins[0][1]);
    const scratch = ins.length ? scratchBytes(node, ins, out, backend) : { bytes: 0 };
    const outBytes = vol(out) * F32;
    if (aliveBytes + outBytes + scratch.bytes > peakBytes) {
      peakBytes = aliveBytes + outBytes + scratch.bytes;
      peakNode = node.id;
    }
    consider(node.id, out[0] * out[2] * out[3], out[1]);
    if (scratch.texture) consider(node.id, scratch.texture[0], scratch.texture[1]);
    alive.set(node.id, outBytes);
    aliveBytes += outBytes;
    const release = (id: string) => {
      aliveBytes -= alive.get(id) ?? 0;
      alive.delete(id);
    };
    for (const id of node.inputs) if (last.get(id) === i) release(id);
    if (!last.has(node.id)) release(node.id);
  });
  const peakRegions = regions.get(peakNode) ?? null;
  return { input: result.input, backend, peakBytes, peakNode, weightBytes, texture, unknown, peakRegions };
}
