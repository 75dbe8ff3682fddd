/**
 * Output-size arithmetic for windowed ops (conv, pools), one axis at a time, following
 * PyTorch's explicit-padding formula and TensorFlow's SAME/VALID rules exactly.
 */
import type { Padding } from './types';

export interface AxisResult {
  out: number;
  padBefore: number;
  padAfter: number;
}

/** Effective kernel extent with dilation: d(k-1)+1. */
export function effectiveKernel(k: number, d: number): number {
  return d * (k - 1) + 1;
}

/**
 * One spatial axis of a conv or pool.
 * - explicit: floor((n + pb + pa - keff) / s) + 1 (or ceil with ceilMode, where PyTorch then drops a
 *   last window that would start inside the right padding);
 * - SAME: ceil(n / s), padding total max((out-1)s + keff - n, 0), the extra pixel after (TF);
 * - VALID: ceil((n - keff + 1) / s).
 */
export function windowAxis(
  n: number,
  k: number,
  s: number,
  d: number,
  padding: Padding,
  axis: 'h' | 'w',
  ceilMode = false
): AxisResult {
  const keff = effectiveKernel(k, d);
  if (padding === 'SAME') {
    const out = Math.ceil(n / s);
    const total = Math.max((out - 1) * s + keff - n, 0);
    const padBefore = Math.floor(total / 2);
    return { out, padBefore, padAfter: total - padBefore };
  }
  if (padding === 'VALID') {
    return { out: Math.ceil((n - keff + 1) / s), padBefore: 0, padAfter: 0 };
  }
  const padBefore = axis === 'h' ? padding.top : padding.left;
  const padAfter = axis === 'h' ? padding.bottom : padding.right;
  const span = n + padBefore + padAfter - keff;
  // ceil_mode lets a window hang off the end, even when the kernel is larger than the padded input:
  // PyTorch's 3x3/2 ceil pool on 2x2 gives 1x1 (span -1 -> ceil(-1/2) + 1 = 1).
  if (span < 0 && !ceilMode) return { out: 0, padBefore, padAfter };
  let out = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceilMode && (out - 1) * s >= n + padBefore) out -= 1;
  return { out: Math.max(out, 0), padBefore, padAfter };
}

export function symmetric(p: number): Padding {
  return { top: p, bottom: p, left: p, right: p };
}

/** TF-slim's conv2d_same for stride > 1: explicit pad keff-1 split floor/ceil, then VALID. */
export function slimSamePadding(k: number, d: number): Padding {
  const total = effectiveKernel(k, d) - 1;
  const before = Math.floor(total / 2);
  return { top: before, bottom: total - before, left: before, right: total - before };
}

/** PyTorch adaptive pooling: bin i covers [floor(i*n/b), ceil((i+1)*n/b)). */
export function adaptiveBins(n: number, b: number): Array<[start: number, end: number]> {
  const bins: Array<[number, number]> = [];
  for (let i = 0; i < b; i++) bins.push([Math.floor((i * n) / b), Math.ceil(((i + 1) * n) / b)]);
  return bins;
}
