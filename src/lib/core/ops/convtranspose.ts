import type { ReceptiveField } from '../types';
import type { OpRule } from './rule';

/**
 * nn.ConvTranspose2d (groups 1): out = (n - 1)s - 2p + k + output_padding per axis.
 * MACs: every input pixel scatters a k x k kernel into every output channel, Cin x Cout x k x k per
 * input pixel, the count torchvision's published Mask and Keypoint R-CNN figures use.
 */
export const convtranspose2d: OpRule<'convtranspose2d'> = {
  infer(a, [x]) {
    const [n, , h, w] = x;
    const axis = (i: 0 | 1, size: number) =>
      (size - 1) * a.stride[i] - 2 * a.padding[i] + a.kernel[i] + a.outputPadding[i];
    const oh = axis(0, h);
    const ow = axis(1, w);
    if (oh < 1 || ow < 1)
      return {
        empty: true,
        error: `a transposed ${a.kernel[0]}x${a.kernel[1]} convolution on ${h}x${w} gives ${oh}x${ow}`
      };
    return { shape: [n, a.outChannels, oh, ow] };
  },
  params: (a, [x]) => x[1] * a.outChannels * a.kernel[0] * a.kernel[1] + (a.bias ? a.outChannels : 0),
  macs: (a, [x]) => x[0] * x[1] * x[2] * x[3] * a.outChannels * a.kernel[0] * a.kernel[1],
  rf(a, [rf]): ReceptiveField {
    // Each output pixel gathers ceil(k / s) input pixels per axis; the grid becomes s times finer.
    const axis = (i: 0 | 1) => ({
      size: rf.size[i] + (Math.ceil(a.kernel[i] / a.stride[i]) - 1) * rf.stride[i],
      stride: rf.stride[i] / a.stride[i],
      start: rf.start[i] + ((a.kernel[i] - 1) / 2 - a.padding[i]) * (rf.stride[i] / a.stride[i])
    });
    const h = axis(0);
    const w = axis(1);
    return { size: [h.size, w.size], stride: [h.stride, w.stride], start: [h.start, w.start] };
  }
};
