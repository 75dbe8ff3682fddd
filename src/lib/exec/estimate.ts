/**
 * Run guard from the engine's numbers alone (no tfjs): peak activation memory when every tensor lives
 * until its last consumer (as the executor frees them), weight memory, and the largest WebGL texture.
 * Deliberately conservative: each node also counts its kernel's scratch tensors (the padded input of a
 * padded pool, WebGL's im2col matrix for a k x k convolution, the pre-bias conv output).
 */
import type { Graph, GraphNode, InferResult, Shape } from '../core/types';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

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

function scratchBytes(
  node: GraphNode,
  ins: Shape[],
  out: Shape,
  backend: BackendName
): { bytes: number; im2col?: [number, number] } {
  const x = ins[0];
  if (node.op === 'conv2d') {
    const a = node.attrs;
    const k = a.kernel[0] * a.kernel[1];
    const bias = a.bias ? vol(out) * F32 : 0;
    if (backend !== 'webgl' || k === 1) return { bytes: bias };
    const rows = (k * x[1]) / a.groups;
    const cols = out[0] * out[2] * out[3];
    return { bytes: bias + rows * cols * F32, im2col: [rows, cols] };
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
  return { bytes: 0 };
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
    // BN running mean/var are buffers, not params; they occupy memory all the same.
    weightBytes += (st.params + (node.op === 'batchnorm' ? 2 * out[1] : 0)) * F32;
    const ins = node.inputs.map((id) => result.stats.get(id)?.shape).filter((s): s is Shape => !!s);
    const scratch = ins.length ? scratchBytes(node, ins, out, backend) : { bytes: 0 };
    const outBytes = vol(out) * F32;
    if (aliveBytes + outBytes + scratch.bytes > peakBytes) {
      peakBytes = aliveBytes + outBytes + scratch.bytes;
      peakNode = node.id;
    }
    consider(node.id, out[0] * out[2] * out[3], out[1]);
    if (scratch.im2col) consider(node.id, scratch.im2col[0], scratch.im2col[1]);
    alive.set(node.id, outBytes);
    aliveBytes += outBytes;
    const release = (id: string) => {
      aliveBytes -= alive.get(id) ?? 0;
      alive.delete(id);
    };
    for (const id of node.inputs) if (last.get(id) === i) release(id);
    if (!last.has(node.id)) release(node.id);
  });
  return { input: result.input, backend, peakBytes, peakNode, weightBytes, texture, unknown };
}
