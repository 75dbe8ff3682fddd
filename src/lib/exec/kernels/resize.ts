/**
 * Upsampling with PyTorch's sampling grids:
 * - nearest: source = floor(dst * in/out) == tfjs alignCorners=false, halfPixelCenters=false;
 * - bilinear align_corners=False: source = (dst + 0.5) * in/out - 0.5 clamped at 0 == halfPixelCenters;
 * - bilinear align_corners=True: source = dst * (in-1)/(out-1) == tfjs alignCorners=true.
 * tests/unit/exec-numerics.test.ts pins these with hand-computed values.
 */
import type { UpsampleAttrs } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';

export function targetSize(id: string, a: UpsampleAttrs, [x, ref]: Tensor4D[]): [number, number] {
  if (a.sizeFromInput) {
    if (!ref) throw new Error(`${id}: upsample to a reference size needs a second input`);
    return [ref.shape[1], ref.shape[2]];
  }
  const s = a.scale ?? 1;
  return [Math.floor(x.shape[1] * s), Math.floor(x.shape[2] * s)];
}

export function upsample(tf: Tf, id: string, a: UpsampleAttrs, inputs: Tensor4D[]): Tensor4D {
  const size = targetSize(id, a, inputs);
  const x = inputs[0];
  if (a.mode === 'nearest') return tf.image.resizeNearestNeighbor(x, size, false, false);
  return tf.image.resizeBilinear(x, size, a.alignCorners, !a.alignCorners);
}
