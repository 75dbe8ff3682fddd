import type { ReceptiveField, ResizeAttrs } from '../types';
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

/**
 * detectron2's ResizeShortestEdge.get_output_shape, in double precision as Python computes it: the
 * short side becomes minSize, the long side scales with it; if the long side then exceeds maxSize
 * both scale down by maxSize / long; each side is then int(x + 0.5). So 375x500 becomes 800x1067
 * (torchvision: 799x1066).
 */
export function roundedSize(h: number, w: number, minSize: number, maxSize: number): [number, number] {
  const scale = minSize / Math.min(h, w);
  let [nh, nw] = h < w ? [minSize, scale * w] : [scale * h, minSize];
  if (Math.max(nh, nw) > maxSize) {
    const down = maxSize / Math.max(nh, nw);
    nh *= down;
    nw *= down;
  }
  return [Math.trunc(nh + 0.5), Math.trunc(nw + 0.5)];
}

/** The resized size under the node's rounding rule. */
export function resizeOutput(h: number, w: number, a: ResizeAttrs): [number, number] {
  return (a.rounding === 'nearest' ? roundedSize : resizedSize)(h, w, a.minSize, a.maxSize);
}

export const resize: OpRule<'resize'> = {
  infer(a, [x]) {
    const [oh, ow] = resizeOutput(x[2], x[3], a);
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
