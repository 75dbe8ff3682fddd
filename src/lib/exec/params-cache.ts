/**
 * Weight tensors, made once per (module, role) from a WeightSource and kept across runs (tf.keep), so
 * repeated runs and benchmarks measure the forward pass, not the weight upload. dispose() frees them.
 * Nodes that name the same module (a head applied to every pyramid level) get the same tensors, asked
 * of the source under the module's first node.
 * forFolded() gives a conv the weights of its batch norm folded in (fusion.ts), made on the CPU from the
 * same requests the unfused layers would make, so both modes read identical values.
 */
import type { GraphNode } from '../core/types';
import { NORM_EPS } from './kernels/norm';
import type { Params } from './kernels/params';
import type { Tensor, Tf } from './tf';
import { type WeightRequest, type WeightRole, type WeightSource, readWeight } from './weights';

const requestOf = (
  { id, module, sharesWith }: GraphNode,
  role: WeightRole,
  shape: number[],
  fanIn: number
): WeightRequest => ({ node: sharesWith ?? id, ...(module ? { module } : {}), role, shape, fanIn });

const keyOf = ({ id, module }: GraphNode) => module ?? id;

/**
 * W' = W g / sqrt(v + eps) per output channel (PyTorch layout [O, ...]: each channel's values are
 * contiguous), b' = (b - m) g / sqrt(v + eps) + beta; computed in float64, stored as float32.
 */
export function foldBatchNorm(
  weight: Float32Array,
  bias: Float32Array | null,
  bn: { gamma: Float32Array; beta: Float32Array; mean: Float32Array; var: Float32Array },
  eps = NORM_EPS
): { weight: Float32Array; bias: Float32Array } {
  const out = bn.gamma.length;
  const per = weight.length / out;
  const w = new Float32Array(weight.length);
  const b = new Float32Array(out);
  for (let o = 0; o < out; o++) {
    const s = bn.gamma[o] / Math.sqrt(bn.var[o] + eps);
    for (let i = o * per; i < (o + 1) * per; i++) w[i] = weight[i] * s;
    b[o] = ((bias ? bias[o] : 0) - bn.mean[o]) * s + bn.beta[o];
  }
  return { weight: w, bias: b };
}

export class ParamCache {
  private cache = new Map<string, { shape: string; tensor: Tensor }>();

  constructor(
    private tf: Tf,
    private source: WeightSource
  ) {}

  /** The cached tensor under `key` for `shape`, made by `make` (PyTorch-layout values) on a miss. */
  private held(key: string, shape: number[], make: () => Float32Array, layout?: (t: Tensor) => Tensor) {
    const hit = this.cache.get(key);
    const shapeKey = shape.join(',');
    if (hit && hit.shape === shapeKey) return hit.tensor;
    if (hit) hit.tensor.dispose(); // the input channels changed since the last run
    const data = make();
    const tf = this.tf;
    const tensor = tf.keep(
      tf.tidy(() => {
        const raw = tf.tensor(data, shape);
        return layout ? layout(raw) : raw;
      })
    );
    this.cache.set(key, { shape: shapeKey, tensor });
    return tensor;
  }

  forNode(node: GraphNode): Params {
    return {
      get: (role, shape, fanIn, layout) =>
        this.held(
          `${keyOf(node)}#${role}`,
          shape,
          () => readWeight(this.source, requestOf(node, role, shape, fanIn)),
          layout
        )
    };
  }

  /**
   * A conv's weight and bias with `bn` folded in: 'weight' is W', 'bias' is b' (the conv's own bias,
   * where it has one, enters b'). Without a batch norm this is forNode(conv).
   */
  forFolded(conv: GraphNode & { op: 'conv2d' }, bn: GraphNode | undefined): Params {
    if (!bn) return this.forNode(conv);
    const folded = (shape: number[], fanIn: number) => {
      const c = conv.attrs.outChannels;
      const vec = (role: WeightRole) => readWeight(this.source, requestOf(bn, role, [c], c));
      const weight = readWeight(this.source, requestOf(conv, 'weight', shape, fanIn));
      const bias = conv.attrs.bias ? readWeight(this.source, requestOf(conv, 'bias', [c], fanIn)) : null;
      return foldBatchNorm(weight, bias, {
        gamma: vec('gamma'),
        beta: vec('beta'),
        mean: vec('mean'),
        var: vec('var')
      });
    };
    const key = `${keyOf(conv)}+${keyOf(bn)}`;
    // The kernel asks for the weight first; the bias comes from the same fold (or a fresh one).
    let last: { shape: number[]; fanIn: number; bias?: Float32Array } = { shape: [], fanIn: 1 };
    return {
      get: (role, shape, fanIn, layout) => {
        if (role === 'weight') {
          last = { shape, fanIn };
          const make = () => {
            const f = folded(shape, fanIn);
            last.bias = f.bias;
            return f.weight;
          };
          return this.held(`${key}#weight`, shape, make, layout);
        }
        if (role !== 'bias') throw new Error(`${conv.id}: a folded conv has no ${role}`);
        const make = () => last.bias ?? folded(last.shape, last.fanIn).bias;
        return this.held(`${key}#bias`, shape, make, layout);
      }
    };
  }

  get size(): number {
    return this.cache.size;
  }

  dispose(): void {
    for (const { tensor } of this.cache.values()) tensor.dispose();
    this.cache.clear();
  }
}
