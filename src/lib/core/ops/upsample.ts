import type { ReceptiveField } from '../types';
import { type OpRule, none } from './rule';

/**
 * Nearest or bilinear resize, by an integer factor or to the spatial size of a second input (torchvision's FPN interpolates to the lateral's size; PSPNet to the input's).
 */
export const upsample: OpRule<'upsample'> = {
  infer(a, [x, ref]) {
    const [n, c, h, w] = x;
    if (a.sizeFromInput) {
      if (!ref) return { error: 'upsample to a reference size needs a second input' };
      return { shape: [n, c, ref[2], ref[3]] };
    }
    const s = a.scale ?? 1;
    return { shape: [n, c, Math.floor(h * s), Math.floor(w * s)] };
  },
  params: none,
  macs: none,
  rf(a, [rf], [x], out): ReceptiveField {
    const axis = (i: 0 | 1) => {
      const nIn = x[2 + i];
      const nOut = out[2 + i];
      const ratio = nIn / nOut;
      // Output pixel 0 samples input coordinate 0 (nearest, align_corners) or 0.5*ratio - 0.5.
      const offset = a.mode === 'bilinear' && !a.alignCorners ? Math.max(0.5 * ratio - 0.5, 0) : 0;
      const extra = a.mode === 'bilinear' ? rf.stride[i] : 0; // bilinear reads two neighbours
      return {
        size: rf.size[i] + extra,
        stride: rf.stride[i] * ratio,
        start: rf.start[i] + offset * rf.stride[i]
      };
    };
    const h = axis(0);
    const w = axis(1);
    return { size: [h.size, w.size], stride: [h.stride, w.stride], start: [h.start, w.start] };
  }
};
