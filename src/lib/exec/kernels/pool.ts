/**
 * Max and average pooling with PyTorch's exact padding rules. Explicit padding is applied with
 * tf.pad (a huge negative for max, so a pad never wins; zeros for avg), ceil_mode adds the missing
 * bottom/right rows so the last partial window exists, and average pooling divides each window's
 * sum by PyTorch's own divisor (count_include_pad counts the explicit pads but never the ceil_mode
 * overhang). 'SAME'/'VALID' go straight to tfjs, which follows TensorFlow there.
 */
import type { PoolAttrs } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';

// Not -Infinity: some WebGL drivers mishandle infinities in uniforms; any real activation is larger.
const NEG = -3e38;

interface Axis {
  out: number;
  before: number;
  after: number;
  /** Extra rows after the padding so ceil_mode's last window fits. */
  extra: number;
}

export function poolAxis(
  n: number,
  k: number,
  s: number,
  before: number,
  after: number,
  ceil: boolean
): Axis {
  const span = n + before + after - k;
  if (span < 0) throw new Error(`a ${k}-wide pooling window does not fit in ${n} pixels plus padding`);
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  // PyTorch drops a last window that would start inside the right padding.
  if (ceil && (out - 1) * s >= n + before) out -= 1;
  const extra = Math.max(0, (out - 1) * s + k - (n + before + after));
  return { out, before, after, extra };
}

/** PyTorch avg_pool2d divisor per output position along one axis. */
function divisors(n: number, k: number, s: number, ax: Axis, includePad: boolean): number[] {
  return Array.from({ length: ax.out }, (_, i) => {
    let start = i * s - ax.before;
    let end = Math.min(start + k, n + ax.after);
    if (!includePad) {
      start = Math.max(start, 0);
      end = Math.min(end, n);
    }
    return end - start;
  });
}

function axes(a: PoolAttrs, x: Tensor4D): [Axis, Axis] | null {
  const p = a.padding;
  if (typeof p === 'string') return null;
  return [
    poolAxis(x.shape[1], a.kernel[0], a.stride[0], p.top, p.bottom, a.ceilMode),
    poolAxis(x.shape[2], a.kernel[1], a.stride[1], p.left, p.right, a.ceilMode)
  ];
}

function padded(tf: Tf, x: Tensor4D, [h, w]: [Axis, Axis], value: number): Tensor4D {
  if (h.before + h.after + h.extra + w.before + w.after + w.extra === 0) return x;
  return tf.pad(
    x,
    [
      [0, 0],
      [h.before, h.after + h.extra],
      [w.before, w.after + w.extra],
      [0, 0]
    ],
    value
  );
}

export function maxpool(tf: Tf, _id: string, a: PoolAttrs, [x]: Tensor4D[]): Tensor4D {
  const ax = axes(a, x);
  if (!ax) return tf.maxPool(x, a.kernel, a.stride, a.padding === 'SAME' ? 'same' : 'valid');
  return tf.maxPool(padded(tf, x, ax, NEG), a.kernel, a.stride, 'valid');
}

export function avgpool(tf: Tf, _id: string, a: PoolAttrs, [x]: Tensor4D[]): Tensor4D {
  const ax = axes(a, x);
  // TF's SAME average excludes the padding, which is what tfjs does.
  if (!ax) return tf.avgPool(x, a.kernel, a.stride, a.padding === 'SAME' ? 'same' : 'valid');
  const includePad = a.countIncludePad ?? true;
  const [kh, kw] = a.kernel;
  const mean = tf.avgPool(padded(tf, x, ax, 0), a.kernel, a.stride, 'valid');
  const dh = divisors(x.shape[1], kh, a.stride[0], ax[0], includePad);
  const dw = divisors(x.shape[2], kw, a.stride[1], ax[1], includePad);
  if (dh.every((d) => d === kh) && dw.every((d) => d === kw)) return mean;
  // sum = mean * kh*kw; result = sum / divisor, one scale factor per output position.
  const scale = new Float32Array(ax[0].out * ax[1].out);
  dh.forEach((a0, i) => dw.forEach((b0, j) => (scale[i * ax[1].out + j] = (kh * kw) / (a0 * b0))));
  return tf.mul(mean, tf.tensor4d(scale, [1, ax[0].out, ax[1].out, 1]));
}
