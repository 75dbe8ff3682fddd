/**
 * conv2d in NHWC with PyTorch's semantics: explicit per-side padding, dilation, groups.
 * tfjs refuses dilation > 1 together with stride > 1, so that combination runs as a stride-1
 * convolution followed by subsampling, which selects exactly the strided windows.
 */
import type { Conv2dAttrs } from '../../core/types';
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

  let y: Tensor4D;
  if (g === 1) {
    const w = params.get('weight', wShape, fanIn, (t) => oihwToHwio(tf, t)) as Tensor4D;
    y = tf.conv2d(x, w, stride, pad, 'NHWC', a.dilation);
  } else if (depthwise) {
    // PyTorch [C*m, 1, kh, kw] (output o = c*m + j) -> tfjs [kh, kw, C, m], the same channel order.
    const m = a.outChannels / inC;
    const w = params.get('weight', wShape, fanIn, (t) =>
      tf.transpose(tf.reshape(t, [inC, m, kh, kw]), [2, 3, 0, 1])
    ) as Tensor4D;
    y = tf.depthwiseConv2d(x, w, stride, pad, 'NHWC', a.dilation);
  } else {
    const w = params.get('weight', wShape, fanIn, (t) => oihwToHwio(tf, t)) as Tensor4D;
    const xs = tf.split(x, g, 3);
    const ws = tf.split(w, g, 3);
    const parts = xs.map((xi, i) =>
      tf.conv2d(xi as Tensor4D, ws[i] as Tensor4D, stride, pad, 'NHWC', a.dilation)
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
  if (a.bias) {
    const b = params.get('bias', [a.outChannels], fanIn) as Tensor;
    y = tf.add(y, b);
  }
  return y;
}
