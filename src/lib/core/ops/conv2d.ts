import { effectiveKernel, windowAxis } from '../spatial';
import type { Shape } from '../types';
import { type OpRule, windowRf } from './rule';

export const conv2d: OpRule<'conv2d'> = {
  infer(a, [x]) {
    const [n, c, h, w] = x;
    if (c % a.groups !== 0 || a.outChannels % a.groups !== 0) {
      return { error: `channels ${c} -> ${a.outChannels} are not divisible by groups=${a.groups}` };
    }
    const hh = windowAxis(h, a.kernel[0], a.stride[0], a.dilation[0], a.padding, 'h');
    const ww = windowAxis(w, a.kernel[1], a.stride[1], a.dilation[1], a.padding, 'w');
    if (hh.out < 1 || ww.out < 1) {
      return {
        empty: true,
        error: `a ${a.kernel[0]}x${a.kernel[1]} convolution (stride ${a.stride[0]}) on ${h}x${w} gives ${Math.max(hh.out, 0)}x${Math.max(ww.out, 0)}`
      };
    }
    return {
      shape: [n, a.outChannels, hh.out, ww.out],
      pad: [hh.padBefore, hh.padAfter, ww.padBefore, ww.padAfter]
    };
  },
  params(a, [x]) {
    const weights = a.outChannels * (x[1] / a.groups) * a.kernel[0] * a.kernel[1];
    return weights + (a.bias ? a.outChannels : 0);
  },
  macs(a, [x], out: Shape) {
    return out[0] * out[1] * out[2] * out[3] * (x[1] / a.groups) * a.kernel[0] * a.kernel[1];
  },
  rf(a, [rf], _inputs, _out, pad) {
    const keff: [number, number] = [
      effectiveKernel(a.kernel[0], a.dilation[0]),
      effectiveKernel(a.kernel[1], a.dilation[1])
    ];
    return windowRf(rf, keff, a.stride, [pad?.[0] ?? 0, pad?.[2] ?? 0]);
  }
};
