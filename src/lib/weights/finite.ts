/**
 * Counts NaN and infinite values of one float tensor straight from its stored bits, without decoding
 * it: a value is not finite when every exponent bit is set (IEEE 754; bfloat16 shares float32's
 * exponent), infinite when the fraction is then zero and NaN otherwise. A file with such weights
 * passes every shape check but makes every output of the layers after them NaN.
 */
import type { SafetensorsFile, TensorEntry } from './safetensors';

export interface NonFiniteCount {
  nan: number;
  inf: number;
}

/**
 * Exponent and fraction masks of one stored word. F64 is read as pairs of 32-bit words (little-endian:
 * low word first), the high word holding the sign, the 11-bit exponent and the top 20 fraction bits.
 */
const LAYOUT: Record<string, { width: 16 | 32; step: number; exponent: number; fraction: number }> = {
  F32: { width: 32, step: 1, exponent: 0x7f800000, fraction: 0x007fffff },
  F64: { width: 32, step: 2, exponent: 0x7ff00000, fraction: 0x000fffff },
  BF16: { width: 16, step: 1, exponent: 0x7f80, fraction: 0x007f },
  F16: { width: 16, step: 1, exponent: 0x7c00, fraction: 0x03ff }
};

/**
 * Counts per file buffer and byte range: the page re-checks the same file on every model change (a
 * slider tick), and scanning ResNet-152's 60 M float32 values takes about 0.2 s here.
 */
const cache = new WeakMap<ArrayBuffer, Map<string, NonFiniteCount>>();

/** Zero counts for dtypes that cannot hold NaN (integers), which the check reports separately anyway. */
export function countNonFinite(file: SafetensorsFile, t: TensorEntry): NonFiniteCount {
  let counts = cache.get(file.buffer);
  if (!counts) cache.set(file.buffer, (counts = new Map()));
  const key = `${t.dtype}:${t.begin}:${t.end}`;
  let hit = counts.get(key);
  if (!hit) counts.set(key, (hit = scan(file.buffer, t)));
  return { ...hit };
}

function scan(file: ArrayBuffer, t: TensorEntry): NonFiniteCount {
  const out = { nan: 0, inf: 0 };
  if (!Object.hasOwn(LAYOUT, t.dtype)) return out;
  const { width, step, exponent, fraction } = LAYOUT[t.dtype];
  const size = width / 8;
  const length = (t.end - t.begin) / size;
  // Typed arrays need aligned offsets; a misaligned tensor is copied (slices start at 0).
  const aligned = t.begin % size === 0;
  const buffer = aligned ? file : file.slice(t.begin, t.end);
  const offset = aligned ? t.begin : 0;
  const words =
    width === 32 ? new Uint32Array(buffer, offset, length) : new Uint16Array(buffer, offset, length);
  const hi = step - 1; // index of the word with the exponent within each value
  for (let i = hi; i < length; i += step) {
    const w = words[i];
    if ((w & exponent) !== exponent) continue;
    // F64: the low word is fraction bits too.
    if ((w & fraction) === 0 && (step === 1 || words[i - 1] === 0)) out.inf++;
    else out.nan++;
  }
  return out;
}
