/**
 * Every count ArchScope prints is exact. Counts are doubles, which hold integers exactly up to
 * 2^53 - 1; the per-layer products and the sums stay exact below that, so a configuration whose
 * largest count passes it (a 8192x8192 batch of 256 on a detector) is refused with a way out,
 * rather than printed rounded. Counts grow linearly with the batch, which gives the largest batch
 * that fits.
 */
import type { Diagnostic, InferResult } from '../core/types';

export const EXACT_LIMIT = Number.MAX_SAFE_INTEGER;

export function inexactDiagnostic(result: InferResult, batch: number): Diagnostic | null {
  const t = result.totals;
  const worst = Math.max(t.macs, t.bytes, t.params);
  if (worst <= EXACT_LIMIT) return null;
  const what = t.macs >= t.bytes ? 'multiply-accumulates' : 'activation bytes';
  const fits = Math.floor((batch * EXACT_LIMIT) / worst);
  const [, , h, w] = result.input;
  const fix = fits >= 1 ? `use batch ${fits} or less, or a smaller input` : 'use a smaller input';
  return {
    node: 'input',
    severity: 'error',
    code: 'inexact',
    message: `batch ${batch} at ${h}x${w} counts more ${what} than 2^53 (9,007,199,254,740,991), past which counts cannot be exact: ${fix}`
  };
}
