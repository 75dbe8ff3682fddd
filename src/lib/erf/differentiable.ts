/**
 * Each node's forward pass in a form tfjs can differentiate. Most nodes run their own kernel
 * (exec/kernels) under tf.grads; two cannot, and get an equal forward built from ops whose gradients
 * tfjs does have:
 * - a dilated convolution: tfjs's conv2d and depthwiseConv2d gradients refuse dilation > 1, so it runs
 *   as TensorFlow's atrous form, spaceToBatchND -> the node's kernel undilated (its own weights and
 *   groups) -> batchToSpaceND, then the stride as a reshape and slice (stridedSlice has no gradient);
 * - a bilinear upsample: tfjs's ResizeBilinearGrad ignores halfPixelCenters on every backend, so the
 *   resize runs as two matrix products with PyTorch's interpolation weights (align_corners either way);
 * - a 1x1 pool without padding (FPN's P6, torchvision's max_pool2d(x, 1, 2, 0)): the wasm backend's
 *   MaxPoolGrad loses values for 1x1 windows over more than four channels, so it runs as the subsampling
 *   it is.
 */
import { windowAxis } from '../core/spatial';
import type { Conv2dAttrs, GraphNode, Padding, PoolAttrs } from '../core/types';
import { runKernel } from '../exec/kernels';
import type { KernelContext } from '../exec/kernels/context';
import type { Params } from '../exec/kernels/params';
import { targetSize } from '../exec/kernels/resize';
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { Tensor4D, Tf } from '../exec/tf';

/** Explicit [before, after] padding of one axis, resolved as the engine and tfjs resolve SAME. */
function axisPad(n: number, k: number, s: number, d: number, p: Padding, axis: 'h' | 'w'): [number, number] {
  const r = windowAxis(n, k, s, d, p, axis);
  return [r.padBefore, r.padAfter];
}

/** Every s-th row and column from the first: the strided windows of a stride-1 result. */
function subsample(tf: Tf, y: Tensor4D, [sh, sw]: [number, number]): Tensor4D {
  const [n, h, w, c] = y.shape;
  const oh = Math.ceil(h / sh);
  const ow = Math.ceil(w / sw);
  let t = tf.pad(y, [
    [0, 0],
    [0, oh * sh - h],
    [0, ow * sw - w],
    [0, 0]
  ]);
  // Rows: [n, oh, sh * w * c] holds sh consecutive rows per output row; keep the first.
  t = tf.reshape(tf.slice(tf.reshape(t, [n, oh, sh * ow * sw * c]), [0, 0, 0], [n, oh, ow * sw * c]), [
    n,
    oh,
    ow * sw,
    c
  ]);
  // Columns: [n, oh, ow, sw * c], keep the first c.
  return tf.reshape(tf.slice(tf.reshape(t, [n, oh, ow, sw * c]), [0, 0, 0, 0], [n, oh, ow, c]), [
    n,
    oh,
    ow,
    c
  ]);
}

function atrousConv(
  tf: Tf,
  node: GraphNode & { op: 'conv2d' },
  x: Tensor4D,
  params: Params,
  ctx: KernelContext
) {
  const a: Conv2dAttrs = node.attrs;
  const [, h, w] = x.shape;
  const [dh, dw] = a.dilation;
  const ph = axisPad(h, a.kernel[0], a.stride[0], dh, a.padding, 'h');
  const pw = axisPad(w, a.kernel[1], a.stride[1], dw, a.padding, 'w');
  const padded = tf.pad(x, [[0, 0], ph, pw, [0, 0]]);
  const [, hp, wp] = padded.shape;
  const extra: [number, number] = [(dh - (hp % dh)) % dh, (dw - (wp % dw)) % dw];
  const phases = tf.spaceToBatchND(
    padded,
    [dh, dw],
    [
      [0, extra[0]],
      [0, extra[1]]
    ]
  ) as Tensor4D;
  const plain = {
    ...node,
    attrs: { ...a, dilation: [1, 1], stride: [1, 1], padding: 'VALID' }
  } as GraphNode;
  const y = runKernel(tf, plain, [phases], params, ctx);
  const merged = tf.batchToSpaceND(
    y,
    [dh, dw],
    [
      [0, extra[0]],
      [0, extra[1]]
    ]
  ) as Tensor4D;
  return a.stride[0] > 1 || a.stride[1] > 1 ? subsample(tf, merged, a.stride) : merged;
}

/** PyTorch's bilinear weights as an out x in matrix (interpolate, align_corners true or false). */
export function bilinearMatrix(inSize: number, outSize: number, alignCorners: boolean): Float32Array {
  const m = new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const src = alignCorners
      ? outSize > 1
        ? (o * (inSize - 1)) / (outSize - 1)
        : 0
      : Math.max(((o + 0.5) * inSize) / outSize - 0.5, 0);
    const lo = Math.min(Math.floor(src), inSize - 1);
    const hi = Math.min(lo + 1, inSize - 1);
    const t = src - lo;
    m[o * inSize + lo] += 1 - t;
    m[o * inSize + hi] += t;
  }
  return m;
}

/** Resizes axis 1 of x [a, n, b, c] ... as matMul(A, x) over that axis, for x in NHWC. */
function resizeAxis(tf: Tf, x: Tensor4D, axis: 1 | 2, out: number, alignCorners: boolean): Tensor4D {
  const perm = axis === 1 ? [1, 0, 2, 3] : [2, 0, 1, 3];
  const back = axis === 1 ? [1, 0, 2, 3] : [1, 2, 0, 3];
  const moved = tf.transpose(x, perm);
  const [n, ...rest] = moved.shape;
  const a = tf.tensor2d(bilinearMatrix(n, out, alignCorners), [out, n]);
  const flat = tf.reshape(moved, [n, rest[0] * rest[1] * rest[2]]) as Tensor2D;
  const y = tf.reshape(tf.matMul(a, flat), [out, rest[0], rest[1], rest[2]]);
  return tf.transpose(y, back) as Tensor4D;
}

/** The node's output from its inputs, differentiable by tf.grads (see the file comment). */
export function differentiableForward(
  tf: Tf,
  node: GraphNode,
  inputs: Tensor4D[],
  params: Params,
  ctx: KernelContext
): Tensor4D {
  if (node.op === 'conv2d' && (node.attrs.dilation[0] > 1 || node.attrs.dilation[1] > 1))
    return atrousConv(tf, node, inputs[0], params, ctx);
  if (node.op === 'upsample' && node.attrs.mode === 'bilinear') {
    const [oh, ow] = targetSize(node.id, node.attrs, inputs);
    const rows = resizeAxis(tf, inputs[0], 1, oh, node.attrs.alignCorners);
    return resizeAxis(tf, rows, 2, ow, node.attrs.alignCorners);
  }
  if ((node.op === 'maxpool' || node.op === 'avgpool') && isPlainSubsample(node.attrs))
    return subsample(tf, inputs[0], node.attrs.stride);
  return runKernel(tf, node, inputs, params, ctx);
}

/** A 1x1 window without padding selects every s-th pixel (with or without ceil_mode: ceil(n / s) outputs). */
function isPlainSubsample(a: PoolAttrs): boolean {
  if (a.kernel[0] !== 1 || a.kernel[1] !== 1) return false;
  const p = a.padding;
  return typeof p === 'string' || p.top + p.bottom + p.left + p.right === 0;
}
