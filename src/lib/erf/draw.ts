/**
 * Drawing data for the effective field over the image, as plain functions (no DOM): the heatmap's
 * pixels (inferno, square-root scaled so the tails show, transparent where the mass is zero), the
 * contour paths enclosing each fraction of the mass (d3-contour, in pixel coordinates: sample (x, y)
 * covers the unit square from (x, y)), the theoretical field's outline and the part of it that lies on
 * padding, and the cell a point on the image picks.
 */
import { blur2, contours, geoPath, interpolateInferno, rgb } from 'd3';
import type { Pair, ReceptiveField } from '../core/types';
import type { CellField } from './field';
import { ERF_FRACTIONS, massLevels } from './measure';

const LUT = Array.from({ length: 256 }, (_, i) => rgb(interpolateInferno(i / 255)));

export function heatmapPixels(mass: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  let max = 0;
  for (const v of mass) if (v > max) max = v;
  const out = new Uint8ClampedArray(mass.length * 4);
  if (!(max > 0)) return out;
  for (let i = 0; i < mass.length; i++) {
    const t = Math.sqrt(mass[i] / max);
    const c = LUT[Math.round(t * 255)];
    out[i * 4] = c.r;
    out[i * 4 + 1] = c.g;
    out[i * 4 + 2] = c.b;
    out[i * 4 + 3] = mass[i] > 0 ? Math.round(90 + 150 * t) : 0;
  }
  return out;
}

/**
 * One SVG path per fraction: the boundary of the most concentrated region holding that share of the
 * mass. A gradient averaged over few samples is speckled pixel by pixel, so the contours are traced on
 * a copy blurred by about 1/64 of the image side (d3's blur2) and the levels found on that copy; the
 * heatmap and the table's squares use the map itself.
 */
export function contourPaths(
  mass: Float32Array,
  [h, w]: Pair,
  fractions: readonly number[] = ERF_FRACTIONS
): string[] {
  const r = Math.max(1, Math.round(Math.min(h, w) / 64));
  const smooth = Float32Array.from(mass);
  blur2({ data: smooth, width: w, height: h }, r);
  const levels = massLevels(smooth, fractions);
  // d3 returns the contours in ascending order of value; give them back in the fractions' order.
  const found = contours().size([w, h]).thresholds(levels)(Array.from(smooth));
  const path = geoPath();
  return levels.map(
    (v) => path(found.find((m) => m.value === v) ?? { type: 'MultiPolygon', coordinates: [] }) ?? ''
  );
}

/** The field's rectangle in pixel-edge coordinates (pixel i spans [i, i + 1]). */
export function fieldRect(f: CellField): { x: number; y: number; width: number; height: number } {
  return { x: f.start[1], y: f.start[0], width: f.size[1], height: f.size[0] };
}

/** The part of the field outside the image [h, w]: the field's rectangle minus the image (even-odd). */
export function paddingPath(f: CellField, [h, w]: Pair): string | null {
  if (!f.onPadding) return null;
  const r = fieldRect(f);
  const x0 = Math.max(r.x, 0);
  const y0 = Math.max(r.y, 0);
  const x1 = Math.min(r.x + r.width, w);
  const y1 = Math.min(r.y + r.height, h);
  const outer = `M${r.x},${r.y}H${r.x + r.width}V${r.y + r.height}H${r.x}Z`;
  if (x1 <= x0 || y1 <= y0) return outer;
  return `${outer}M${x0},${y0}V${y1}H${x1}V${y0}Z`;
}

/** The cell whose field centre is nearest to the point [y, x] (pixel-edge coordinates), within the grid. */
export function cellAt(rf: ReceptiveField, grid: Pair, [y, x]: Pair): Pair {
  const axis = (i: 0 | 1, v: number) =>
    Math.min(Math.max(Math.round((v - 0.5 - rf.start[i]) / rf.stride[i]), 0), grid[i] - 1);
  return [axis(0, y), axis(1, x)];
}
