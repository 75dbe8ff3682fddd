/**
 * What a gradient map says about the effective receptive field, as plain functions over an h x w map
 * of non-negative mass (the mean over samples of |d unit / d pixel|, summed over the input channels):
 * RepLKNet's smallest centred square holding a fraction of the mass (Ding et al., CVPR 2022, there
 * squares around the centre pixel), the map's centroid, and the levels whose superlevel sets hold a
 * fraction (the contours drawn over the image).
 */
import type { Pair } from '../core/types';

/** The fractions of the gradient mass the site, the CLI and the tests report. */
export const ERF_FRACTIONS = [0.2, 0.5, 0.9, 0.99] as const;

/** Fraction -> the key the CLI's JSON uses ("20", "50", "90", "99"). */
export const fractionKey = (f: number): string => String(Math.round(f * 100));

function total(map: Float32Array): number {
  let s = 0;
  for (const v of map) s += v;
  return s;
}

/** (h+1) x (w+1) summed-area table in float64, so a square's mass is four lookups. */
function integral(map: Float32Array, h: number, w: number): Float64Array {
  const t = new Float64Array((h + 1) * (w + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += map[y * w + x];
      t[(y + 1) * (w + 1) + x + 1] = t[y * (w + 1) + x + 1] + row;
    }
  }
  return t;
}

/**
 * Pixel range [lo, hi] of a side-s square centred at c along one axis: lo = round(c - (s - 1) / 2).
 * Around an integer centre the odd sides are symmetric, around a half-integer the even ones; each side
 * adds one pixel to the previous square, so the squares are nested.
 */
export function squareRange(c: number, s: number): [number, number] {
  const lo = Math.round(c - (s - 1) / 2);
  return [lo, lo + s - 1];
}

/**
 * For each fraction, the side of the smallest square centred at `centre` [y, x] whose pixels hold at
 * least that fraction of the map's mass (pixels outside the map hold none). Null for an all-zero map.
 */
export function centredSquares(
  map: Float32Array,
  [h, w]: Pair,
  centre: Pair,
  fractions: readonly number[] = ERF_FRACTIONS
): Array<number | null> {
  const all = total(map);
  if (!(all > 0)) return fractions.map(() => null);
  const t = integral(map, h, w);
  const at = (y: number, x: number) => t[y * (w + 1) + x];
  const mass = (s: number) => {
    const [ylo, yhi] = squareRange(centre[0], s);
    const [xlo, xhi] = squareRange(centre[1], s);
    // Table coordinates, end exclusive, clipped to the map.
    const y0 = Math.max(ylo, 0);
    const ye = Math.min(yhi + 1, h);
    const x0 = Math.max(xlo, 0);
    const xe = Math.min(xhi + 1, w);
    if (ye <= y0 || xe <= x0) return 0;
    return at(ye, xe) - at(y0, xe) - at(ye, x0) + at(y0, x0);
  };
  // Large enough to cover the whole map from any centre inside or near it.
  const limit = 2 * (Math.max(h, w) + Math.ceil(Math.abs(centre[0]) + Math.abs(centre[1]))) + 1;
  const out: Array<number | null> = [];
  let s = 1;
  for (const f of fractions) {
    // Relative slack for float rounding: a fraction of 1 must be reachable.
    const need = f * all * (1 - 1e-12);
    while (s < limit && mass(s) < need) s++;
    out.push(s);
  }
  return out;
}

/** Mass-weighted mean position [y, x]; null for an all-zero map. */
export function centroid(map: Float32Array, [h, w]: Pair): Pair | null {
  let m = 0;
  let sy = 0;
  let sx = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = map[y * w + x];
      m += v;
      sy += v * y;
      sx += v * x;
    }
  return m > 0 ? [sy / m, sx / m] : null;
}

/**
 * For each fraction f, the value t such that the pixels with mass >= t hold at least f of the total
 * (the largest such t): the contour at t encloses the most concentrated region holding f.
 */
export function massLevels(map: Float32Array, fractions: readonly number[] = ERF_FRACTIONS): number[] {
  const sorted = Float32Array.from(map).sort().reverse();
  const all = total(map);
  const out: number[] = [];
  let acc = 0;
  let i = 0;
  for (const f of fractions) {
    const need = f * all * (1 - 1e-12);
    while (i < sorted.length && acc < need) acc += sorted[i++];
    out.push(sorted[Math.max(0, i - 1)] ?? 0);
  }
  return out;
}
