/**
 * The words for one tap's statistics. Once NaN or infinity reaches a tap, its min, mean and max are
 * not numbers worth printing, so the row says what the values hold instead. Read from those three
 * alone, at no cost to the run: a NaN makes the mean NaN (sums propagate it on every backend), an
 * infinity shows as max +Inf or min -Inf. Counting them would take boolean kernels that cost the wasm
 * backend ten times the three reductions (docs/decisions.md).
 */
import type { TensorStats } from '$lib/exec/executor';

export type TapCells =
  { finite: true; min: string; mean: string; max: string } | { finite: false; text: string };

const num = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toFixed(3);

export function isFiniteStats({ min, mean, max }: TensorStats): boolean {
  return Number.isFinite(min) && Number.isFinite(mean) && Number.isFinite(max);
}

export function tapCells(s: TensorStats): TapCells {
  const { min, mean, max } = s;
  if (isFiniteStats(s)) return { finite: true, min: num(min), mean: num(mean), max: num(max) };
  const pos = max === Infinity || min === Infinity;
  const neg = min === -Infinity || max === -Infinity;
  // +Inf and -Inf together also make the mean NaN (Inf - Inf), so NaN values are then unknown.
  const nan = Number.isNaN(min) || Number.isNaN(max) || (Number.isNaN(mean) && !(pos && neg));
  const kinds = [nan ? 'NaN' : '', pos ? '+Inf' : '', neg ? '−Inf' : ''].filter(Boolean);
  if (!kinds.length) {
    // Finite values whose float32 sum overflowed.
    return { finite: false, text: `values up to ${num(Math.max(-min, max))}: their float32 sum overflows` };
  }
  const words = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`;
  const maybe = Number.isNaN(mean) && pos && neg && !nan ? ', perhaps NaN too' : '';
  return { finite: false, text: `holds ${words}${maybe}` };
}
