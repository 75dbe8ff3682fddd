/**
 * The words for one tap's statistics. When NaN or infinity has reached a tap, its min, mean and max
 * are not numbers worth printing (the mean of anything with a NaN is NaN, and min/max of NaN differ
 * between backends), so the row says what the values are instead.
 */
import type { Shape } from '$lib/core/types';
import type { TensorStats } from '$lib/exec/executor';
import { formatCount } from '$lib/export/format';

export type TapCells =
  { finite: true; min: string; mean: string; max: string } | { finite: false; text: string };

const num = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toFixed(3);

export function isFiniteStats(s: TensorStats): boolean {
  return s.nan === 0 && s.posInf === 0 && s.negInf === 0;
}

export function tapCells(s: TensorStats, shape: Shape | null): TapCells {
  if (isFiniteStats(s)) return { finite: true, min: num(s.min), mean: num(s.mean), max: num(s.max) };
  const parts = [
    s.nan ? `${formatCount(s.nan)} NaN` : '',
    s.posInf ? `${formatCount(s.posInf)} +Inf` : '',
    s.negInf ? `${formatCount(s.negInf)} −Inf` : ''
  ].filter(Boolean);
  const of = shape ? ` of ${formatCount(shape.reduce((a, b) => a * b, 1))} values` : '';
  return { finite: false, text: `not finite: ${parts.join(', ')}${of}` };
}
