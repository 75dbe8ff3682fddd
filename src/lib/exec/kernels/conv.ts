/**
 * conv2d in NHWC with PyTorch's semantics: explicit per-side padding, dilation, groups.
 * tfjs refuses dilation > 1 together with stride > 1, so that combination runs as a stride-1
 * convolution followed by subsampling, which selects exactly the strided windows.
 * fusedConv2d is the same convolution as one tf.fused op with its bias and an optional ReLU (the
 * execution plan's folded conv + batch norm + ReLU, fusion.ts); bias and ReLU commute with the
 * subsampling, so the split case fuses too.
 */
import type { Conv2dAttrs } from '../../core/types';
import type { Tensor1D } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D, Tf } from '../tf';
import { type Params, oihwToHwio } from './params';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/** TensorFlow's SAME split (extra pixel after), used only when SAME must become explicit. */
function sameAxis(n: number, k: number, s: number, d: number): [number, number] {
  const keff = d * (k - 1) + 1;
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + keff - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function tfPadding(a: Conv2dAttrs, x: Tensor4D, forceExplicit: boolean): Pad {
  const p = a.padding;
  if (p === 'VALID')
    return forceExplicit
      ? [
          [0, 0],
          [0, 0],
          [0, 0],
          [0, 0]
        ]
      : 'valid';
  if (p === 'SAME') {
    if (!forceExplicit) return 'same';
    const h = sameAxis(x.shape[1], a.kernel[0], a.stride[0], a.dilation[0]);
    const w = sameAxis(x.shape[2], a.kernel[1], a.stride[1], a.dilation[1]);
    return [[0, 0], h, w, [0, 0]];
  }
  return [
    [0, 0],
    [p.top, p.bottom],
    [p.left, p.right],
    [0, 0]
  ];
}

export function conv2d(tf: Tf, id: string, a: Conv2dAttrs, [x]: Tensor4D[], params: Params): Tensor4D {
  return convolve(tf, id, a, x, params, null);
}

/** The conv with a bias (from `params`, always) and `relu` as one fused op per group. */
export function fusedConv2d(
  tf: Tf,
  id: string,
  a: Conv2dAttrs,
  x: Tensor4D,
  params: Params,
  relu: boolean
): Tensor4D {
  return convolve(tf, id, a, x, params, { relu });
}

function convolve(
  tf: Tf,
  id: string,
  a: Conv2dAttrs,
  x: Tensor4D,
  params: Params,
  fused: { relu: boolean } | null
): Tensor4D {
  const inC = x.shape[3];
  const g = a.groups;
  if (inC % g !== 0 || a.outChannels % g !== 0) {
    throw new Error(`${id}: ${inC} -> ${a.outChannels} channels are not divisible by groups=${g}`);
  }
  const [kh, kw] = a.kernel;
  const fanIn = (inC / g) * kh * kw;
  const wShape = [a.outChannels, inC / g, kh, kw];
  const dilated = a.dilation[0] > 1 || a.dilation[1] > 1;
  const strided = a.stride[0] > 1 || a.stride[1] > 1;
  const split = dilated && strided;
  const stride: [number, number] = split ? [1, 1] : a.stride;
  const pad = tfPadding(a, x, split);
  const depthwise = g > 1 && g === inC;
  const dilations = a.dilation;
  const activation = fused?.relu ? 'relu' : 'linear';
  // The bias comes after the weight: a folded conv's bias is made from the same fold.
  const weight = (layout: (t: Tensor) => Tensor) => params.get('weight', wShape, fanIn, layout) as Tensor4D;
  const bias = () => params.get('bias', [a.outChannels], fanIn) as Tensor1D;

  let y: Tensor4D;
  if (g === 1) {
    const filter = weight((t) => oihwToHwio(tf, t));
    y = fused
      ? tf.fused.conv2d({ x, filter, strides: stride, pad, dilations, bias: bias(), activation })
      : tf.conv2d(x, filter, stride, pad, 'NHWC', dilations);
  } else if (depthwise) {
    // PyTorch [C*m, 1, kh, kw] (output o = c*m + j) -> tfjs [kh, kw, C, m], the same channel order.
    const m = a.outChannels / inC;
    const filter = weight((t) => tf.transpose(tf.reshape(t, [inC, m, kh, kw]), [2, 3, 0, 1]));
    // tf.fused.depthwiseConv2d takes no explicit padding: bias and ReLU follow as their own ops.
    y = tf.depthwiseConv2d(x, filter, stride, pad, 'NHWC', dilations);
    if (fused) y = tf.add(y, bias());
    if (fused?.relu) y = tf.relu(y);
  } else {
    const w = weight((t) => oihwToHwio(tf, t));
    const xs = tf.split(x, g, 3);
    const ws = tf.split(w, g, 3);
    const bs = fused ? tf.split(bias(), g) : [];
    const parts = xs.map((xi, i) =>
      fused
        ? tf.fused.conv2d({
            x: xi as Tensor4D,
            filter: ws[i] as Tensor4D,
            strides: stride,
            pad,
            dilations,
            bias: bs[i],
            activation
          })
        : tf.conv2d(xi as Tensor4D, ws[i] as Tensor4D, stride, pad, 'NHWC', dilations)
    );
    y = tf.concat(parts, 3);
  }
  if (split) {
    const [, h, w] = y.shape;
    y = tf.stridedSlice(
      y,
      [0, 0, 0, 0],
      [y.shape[0], h, w, y.shape[3]],
      [1, a.stride[0], a.stride[1], 1]
    ) as Tensor4D;
  }
  if (a.bias && !fused) y = tf.add(y, bias());
  return y;
}
