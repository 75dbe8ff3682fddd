/**
 * nn.ConvTranspose2d (groups 1, dilation 1) with PyTorch's semantics: the full scatter
 * (n - 1) x stride + k per axis, then `padding` rows cut from both sides and `output_padding` extra
 * rows kept at the bottom/right (zeros where the full scatter does not reach, plus the bias).
 * PyTorch's weight is [in, out, kh, kw]; tfjs's conv2dTranspose takes [kh, kw, out, in] and is the
 * same gradient-of-conv operation (no kernel flip between the two).
 */
import type { ConvTransposeAttrs } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';
import type { Params } from './params';

export function convtranspose2d(
  tf: Tf,
  id: string,
  a: ConvTransposeAttrs,
  [x]: Tensor4D[],
  params: Params
): Tensor4D {
  const [n, h, w, inC] = x.shape;
  const [kh, kw] = a.kernel;
  const [sh, sw] = a.stride;
  const full: [number, number] = [(h - 1) * sh + kh, (w - 1) * sw + kw];
  const out = [0, 1].map((i) => full[i] - 2 * a.padding[i] + a.outputPadding[i]);
  if (out[0] < 1 || out[1] < 1) throw new Error(`${id}: the output would be ${out[0]}x${out[1]}`);
  // Each output pixel gathers about in x (k / s)^2 inputs: the fan-in of seeded weights.
  const fanIn = Math.max(1, (inC * kh * kw) / (sh * sw));
  const weight = params.get('weight', [inC, a.outChannels, kh, kw], fanIn, (t) =>
    tf.transpose(t, [2, 3, 1, 0])
  ) as Tensor4D;
  let y = tf.conv2dTranspose(x, weight, [n, full[0], full[1], a.outChannels], [sh, sw], 'valid');
  // Keep rows [padding, padding + out) of the full scatter, zero-extended past its end.
  const extra = [0, 1].map((i) => Math.max(0, a.padding[i] + out[i] - full[i]));
  if (extra[0] + extra[1] > 0)
    y = tf.pad(y, [
      [0, 0],
      [0, extra[0]],
      [0, extra[1]],
      [0, 0]
    ]);
  if (a.padding[0] + a.padding[1] > 0 || extra[0] + extra[1] > 0)
    y = tf.slice(y, [0, a.padding[0], a.padding[1], 0], [n, out[0], out[1], a.outChannels]);
  if (a.bias) y = tf.add(y, params.get('bias', [a.outChannels], fanIn));
  return y;
}
