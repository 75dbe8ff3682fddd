/**
 * The input-size slider's scale: logarithmic, so each screen pixel changes the size by the same ratio
 * (about 3 % on a 133 px track) instead of ~15 input pixels everywhere; small sizes, where rounding
 * conventions differ, get the fine steps. Arrow keys still step by exactly one input pixel.
 */
import { INPUT_MAX, INPUT_MIN, SLIDER_MAX, SLIDER_MIN } from '../../models/resolve';

/** Slider positions from 0 to STEPS: several per screen pixel on the panel's track. */
export const STEPS = 1000;

const SPAN = Math.log(SLIDER_MAX / SLIDER_MIN);

/** The size a slider position stands for. */
export function sizeAt(position: number): number {
  const t = Math.min(STEPS, Math.max(0, position)) / STEPS;
  return Math.round(SLIDER_MIN * Math.exp(t * SPAN));
}

/** The slider position that shows `size` (sizes outside the slider's span sit at its ends). */
export function positionOf(size: number): number {
  const s = Math.min(SLIDER_MAX, Math.max(SLIDER_MIN, size));
  return Math.round((STEPS * Math.log(s / SLIDER_MIN)) / SPAN);
}

/** What a typed side means: a size to use, with a note when the slider cannot show it, or a refusal. */
export function checkTypedSide(
  label: string,
  value: number
): { ok: true; value: number; note: string | null } | { ok: false; message: string } {
  if (!Number.isInteger(value) || value < INPUT_MIN || value > INPUT_MAX)
    return {
      ok: false,
      message: `${label} ${Number.isNaN(value) ? 'must be a whole number' : `${value} is not allowed`}: each side is a whole number from ${INPUT_MIN} to ${INPUT_MAX}`
    };
  const note =
    value < SLIDER_MIN || value > SLIDER_MAX
      ? `${label} ${value} is outside the slider's ${SLIDER_MIN} to ${SLIDER_MAX}; the typed size is used`
      : null;
  return { ok: true, value, note };
}
