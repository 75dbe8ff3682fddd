/** Attribute factories for the common layers, so builders read like torchvision's modules. */
import { symmetric } from './spatial';
import type { Conv2dAttrs, Padding, PoolAttrs } from './types';

export function conv(
  outChannels: number,
  kernel: number,
  stride = 1,
  opts: { padding?: Padding | number; dilation?: number; bias?: boolean; groups?: number } = {}
): Conv2dAttrs {
  const dilation = opts.dilation ?? 1;
  const pad = opts.padding ?? Math.floor(kernel / 2) * dilation;
  return {
    outChannels,
    kernel: [kernel, kernel],
    stride: [stride, stride],
    dilation: [dilation, dilation],
    groups: opts.groups ?? 1,
    padding: typeof pad === 'number' ? symmetric(pad) : pad,
    bias: opts.bias ?? false
  };
}

export function pool(
  kernel: number,
  stride: number,
  padding: Padding | number = 0,
  ceilMode = false
): PoolAttrs {
  return {
    kernel: [kernel, kernel],
    stride: [stride, stride],
    padding: typeof padding === 'number' ? symmetric(padding) : padding,
    ceilMode
  };
}
