/**
 * torchvision's GeneralizedRCNNTransform without normalisation: the bilinear resize
 * (align_corners=False; interpolate with recompute_scale_factor=True samples at in / out, as tfjs's
 * half-pixel resize does) to the engine's rule for the size (core/ops/transform.ts), then zero-padding
 * on the bottom and right to a multiple of the divisor (batch_images).
 */
import { resizeOutput } from '../../core/ops/transform';
import type { PadToAttrs, ResizeAttrs } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';

export function resize(tf: Tf, id: string, a: ResizeAttrs, [x]: Tensor4D[]): Tensor4D {
  const [, h, w] = x.shape;
  const size = resizeOutput(h, w, a);
  if (size[0] < 1 || size[1] < 1) throw new Error(`${id}: resizing ${h}x${w} gives ${size[0]}x${size[1]}`);
  return tf.image.resizeBilinear(x, size, false, true);
}

export function padto(tf: Tf, _id: string, a: PadToAttrs, [x]: Tensor4D[]): Tensor4D {
  const [, h, w] = x.shape;
  const up = (v: number) => Math.ceil(v / a.divisor) * a.divisor - v;
  if (up(h) + up(w) === 0) return tf.clone(x);
  return tf.pad(x, [
    [0, 0],
    [0, up(h)],
    [0, up(w)],
    [0, 0]
  ]);
}
