/**
 * Anchors, kept as three separate things the way torchvision's AnchorGenerator does: cell anchors
 * (the boxes at one location), grid shifts (the locations at a level's stride), and counts.
 */
import type { Diagnostic, Shape } from '../core/types';
import type { ModelConfig } from './config';

export type Box = [x1: number, y1: number, x2: number, y2: number];

export interface LevelAnchors {
  level: string;
  size: number;
  /** Feature map height and width. */
  grid: [number, number];
  /** torchvision's stride: input size // feature size, per axis. */
  stride: [number, number];
  perLocation: number;
  count: number;
  /** The boxes at one location, centred on (0, 0), ratio-major (torchvision's cell anchors). */
  cells: Box[];
}

export interface AnchorSummary {
  perLocation: number;
  levels: LevelAnchors[];
  total: number;
  /** Levels that have an anchor size but no shape: their anchors are missing from `total`. */
  unshaped: string[];
}

/** torch.round rounds halves to even (50.5 -> 50); Math.round would give 51. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Cell anchors centred on (0, 0): for each ratio r (height/width) and scale k, a box of area
 * (size*k)^2 with h/w = r, rounded like torchvision. Ratio-major order, as torchvision emits them.
 */
export function cellAnchors(size: number, scales: number[], ratios: number[], intSizes = false): Box[] {
  const boxes: Box[] = [];
  const sizes = scales.map((k) => (intSizes ? Math.trunc(size * k) : size * k));
  for (const r of ratios) {
    const hRatio = Math.sqrt(r);
    const wRatio = 1 / hRatio;
    for (const s of sizes) {
      const ws = wRatio * s;
      const hs = hRatio * s;
      boxes.push([
        roundHalfEven(-ws / 2),
        roundHalfEven(-hs / 2),
        roundHalfEven(ws / 2),
        roundHalfEven(hs / 2)
      ]);
    }
  }
  return boxes;
}

/** Anchor centres (top-left of each cell, as torchvision shifts) for a grid at the given stride. */
export function gridShifts(grid: [number, number], stride: [number, number]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let y = 0; y < grid[0]; y++)
    for (let x = 0; x < grid[1]; x++) out.push([x * stride[1], y * stride[0]]);
  return out;
}

/**
 * Counts per level and in total; levels without a size get none (a diagnostic says so), levels
 * without a shape are listed in `unshaped` (the total leaves them out).
 */
export function summarizeAnchors(
  cfg: ModelConfig,
  levels: Array<{ name: string; shape: Shape | null }>,
  input: Shape
): AnchorSummary | null {
  if (cfg.anchorSizes.length === 0 || levels.length === 0) return null;
  const perLocation = cfg.anchorScales.length * cfg.anchorRatios.length;
  const out: LevelAnchors[] = [];
  const unshaped: string[] = [];
  levels.forEach(({ name, shape }, i) => {
    const size = cfg.anchorSizes[i];
    if (size === undefined) return;
    if (!shape) {
      unshaped.push(name);
      return;
    }
    const grid: [number, number] = [shape[2], shape[3]];
    const stride: [number, number] = [Math.floor(input[2] / grid[0]), Math.floor(input[3] / grid[1])];
    const cells = cellAnchors(size, cfg.anchorScales, cfg.anchorRatios, cfg.anchorIntSizes);
    out.push({ level: name, size, grid, stride, perLocation, count: grid[0] * grid[1] * perLocation, cells });
  });
  return { perLocation, levels: out, total: out.reduce((s, l) => s + l.count, 0), unshaped };
}

/**
 * A warning per level whose rounded cell anchors include boxes of zero width or height (tiny sizes:
 * size 1 at ratio 0.5 rounds to [-1, 0, 1, 0]). torchvision keeps such boxes, but they overlap no
 * object, so a user who set them almost certainly meant larger sizes. `node` is the level's tap.
 */
export function zeroAreaDiagnostics(
  summary: AnchorSummary | null,
  taps: Record<string, string>
): Diagnostic[] {
  return (summary?.levels ?? []).flatMap((l) => {
    const flat = l.cells.filter(([x1, y1, x2, y2]) => x2 === x1 || y2 === y1);
    if (!flat.length) return [];
    return [
      {
        node: taps[l.level] ?? 'anchors',
        severity: 'warning' as const,
        message: `${l.level} anchors (size ${l.size}): ${flat.length} of ${l.cells.length} boxes have zero area once rounded to whole pixels, e.g. [${flat[0].join(', ')}]; they can match no object, so use larger anchorSizes`
      }
    ];
  });
}
