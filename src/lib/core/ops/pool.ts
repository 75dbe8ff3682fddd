import { windowAxis } from '../spatial';
import type { OpAttrs, Shape } from '../types';
import { type OpRule, type ShapeOutcome, none, windowRf } from './rule';

function poolInfer(kind: string, a: OpAttrs['maxpool'], [x]: Shape[]): ShapeOutcome {
  const [n, c, h, w] = x;
  if (typeof a.padding === 'object') {
    const worst = Math.max(a.padding.top, a.padding.bottom, a.padding.left, a.padding.right);
    if (worst > Math.floor(Math.min(a.kernel[0], a.kernel[1]) / 2)) {
      return {
        error: `${kind} padding ${worst} exceeds half the ${a.kernel[0]}x${a.kernel[1]} kernel (PyTorch refuses it)`
      };
    }
  }
  const hh = windowAxis(h, a.kernel[0], a.stride[0], 1, a.padding, 'h', a.ceilMode);
  const ww = windowAxis(w, a.kernel[1], a.stride[1], 1, a.padding, 'w', a.ceilMode);
  if (hh.out < 1 || ww.out < 1) {
    return {
      empty: true,
      error: `a ${a.kernel[0]}x${a.kernel[1]} ${kind} (stride ${a.stride[0]}) on ${h}x${w} gives ${Math.max(hh.out, 0)}x${Math.max(ww.out, 0)}`
    };
  }
  return { shape: [n, c, hh.out, ww.out], pad: [hh.padBefore, hh.padAfter, ww.padBefore, ww.padAfter] };
}

function poolRule<K extends 'maxpool' | 'avgpool'>(kind: string): OpRule<K> {
  return {
    infer: (a, inputs) => poolInfer(kind, a as OpAttrs['maxpool'], inputs),
    params: none,
    macs: none,
    rf: (a, [rf], _i, _o, pad) => windowRf(rf, a.kernel, a.stride, [pad?.[0] ?? 0, pad?.[2] ?? 0])
  };
}

export const maxpool = poolRule<'maxpool'>('max-pool');
export const avgpool = poolRule<'avgpool'>('avg-pool');
