import type { ReceptiveField } from '../types';
import { type OpRule, none, passRf } from './rule';

const FRESH_FIELD: ReceptiveField = { size: [1, 1], stride: [1, 1], start: [0, 0] };

/**
 * torchvision's GeneralizedRCNNTransform resize: scale = min(minSize / short, maxSize / long) on
 * float32 tensors, where PyTorch evaluates `number / tensor` as reciprocal(tensor) x number, two
 * float32 roundings; then each side becomes floor(side x scale) in double precision, as
 * interpolate(recompute_scale_factor=True) computes it. So 375x500 becomes 799x1066: 1/375 x 800 is
 * 2.1333332 in float32, just under 800/375.
 */
export function resizedSize(h: number, w: number, minSize: number, maxSize: number): [number, number] {
  const f = Math.fround;
  const scale = Math.min(f(f(1 / Math.min(h, w)) * minSize), f(f(1 / Math.max(h, w)) * maxSize));
  return [Math.floor(h * scale), Math.floor(w * scale)];
}

export const resize: OpRule<'resize'> = {
  infer(a, [x]) {
    const [oh, ow] = resizedSize(x[2], x[3], a.minSize, a.maxSize);
    if (oh < 1 || ow < 1) return { empty: true, error: `resizing ${x[2]}x${x[3]} gives ${oh}x${ow}` };
    return { shape: [x[0], x[1], oh, ow] };
  },
  params: none,
  macs: none,
  // Receptive fields are measured in pixels of the tensor the network sees, after the resize.
  rf: () => FRESH_FIELD
};

/** Zero-padding on the bottom and right to the next multiple of `divisor` (batch_images). */
export const padto: OpRule<'padto'> = {
  infer(a, [x]) {
    const up = (n: number) => Math.ceil(n / a.divisor) * a.divisor;
    return { shape: [x[0], x[1], up(x[2]), up(x[3])] };
  },
  params: none,
  macs: none,
  rf: passRf
};
