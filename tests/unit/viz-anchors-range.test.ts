/**
 * Issue 10: "all cells" of one region of a level. RetinaNet (TF-slim) at 512x512 has P3 at stride 8:
 * 512 / 8 = 64 rows and columns, 9 boxes per location (3 ratios x 3 scales). Counts by hand below.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { drawingCaption, levelDrawing, readableStep } from '../../src/lib/viz/anchors-draw';
import { WHOLE, rangeCells, rangeSize, resolveRange } from '../../src/lib/viz/anchors-range';

const retina = analyze(presetConfig('retinanet_slim_v2_50')!, [512, 512]);
const p3 = retina.anchors!.levels.find((l) => l.level === 'P3')!;
const rects = (paths: string[]) => paths.join('').split('M').length - 1;
/** The first corner of every drawn box: `M x,y`. */
const corners = (paths: string[]) =>
  [...paths.join('').matchAll(/M([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('cell range', () => {
  it('blank fields are the whole grid', () => {
    expect(p3.grid).toEqual([64, 64]);
    const r = resolveRange(WHOLE, p3.grid, 'P3');
    expect(r).toEqual({ range: { rows: [0, 63], cols: [0, 63] }, notes: [], whole: true });
  });

  it('draws every cell of rows 8-15, columns 16-23: 8 x 8 = 64 cells, 576 boxes', () => {
    const { range } = resolveRange({ rows: [8, 15], cols: [16, 23] }, p3.grid, 'P3');
    expect(rangeCells(range)).toBe(64);
    const d = levelDrawing(p3, 3, 'all', [0, 0], 1, range);
    expect([d.step, d.drawnCells, d.capped]).toEqual([1, 64, false]);
    expect(rects(d.paths)).toBe(64 * 9);
    // Centres from (col 16 x 8, row 8 x 8) = (128, 64) to (23 x 8, 15 x 8) = (184, 120); the boxes'
    // corners lie within the largest box's half-extent of them. No centre outside is used.
    const half = d.margin;
    for (const [x, y] of corners(d.paths)) {
      expect(x).toBeGreaterThanOrEqual(128 - half);
      expect(x).toBeLessThanOrEqual(184 + half);
      expect(y).toBeGreaterThanOrEqual(64 - half);
      expect(y).toBeLessThanOrEqual(120 + half);
    }
    expect(drawingCaption(p3, d, 'all', [0, 0])).toBe(
      "P3: 4,096 centres at torchvision's shifts (col × 8, row × 8 px). Boxes of all 64 cells in rows 8–15, columns 16–23, of 4,096 in the level."
    );
  });

  it('the step counts from the range start: rows 1-9 every 4th are rows 1, 5, 9', () => {
    const { range } = resolveRange({ rows: [1, 9], cols: [0, 0] }, p3.grid, 'P3');
    const d = levelDrawing(p3, 3, 'all', [0, 0], 4, range);
    expect(d.drawnCells).toBe(3);
    expect(drawingCaption(p3, d, 'all', [0, 0])).toContain(
      'every 4th cell in each direction (3 of 9 cells in rows 1–9, columns 0–0, of 4,096 in the level); set the cell step to 1 for all cells in the range.'
    );
  });

  it('clamps an end outside the grid and says so', () => {
    const r = resolveRange({ rows: [60, 99], cols: [-5, null] }, p3.grid, 'P3');
    expect(r.range).toEqual({ rows: [60, 63], cols: [0, 63] });
    expect(r.notes).toEqual([
      'Rows 60 to 99 clamped to 60 to 63: P3 has rows 0 to 63.',
      'Columns -5 to 63 clamped to 0 to 63: P3 has columns 0 to 63.'
    ]);
    // 4 rows x 64 columns = 256 cells; 256 x 9 = 2,304 boxes is under the 12,000 cap.
    expect(levelDrawing(p3, 3, 'all', [0, 0], 1, r.range).drawnCells).toBe(256);
  });

  it('an empty or invalid range draws nothing and says why', () => {
    const backwards = resolveRange({ rows: [20, 10], cols: [null, null] }, p3.grid, 'P3');
    expect(backwards.range).toBeNull();
    expect(backwards.notes).toEqual(['No cells: the rows range starts at 20, after its end 10.']);
    const d = levelDrawing(p3, 3, 'all', [0, 0], 1, backwards.range);
    expect([d.drawnCells, rects(d.paths)]).toEqual([0, 0]);
    expect(drawingCaption(p3, d, 'all', [0, 0])).toContain('No boxes: the cell range holds no cells.');
    expect(resolveRange({ rows: [70, 80], cols: [null, null] }, p3.grid, 'P3').notes).toEqual([
      'No cells: P3 has rows 0 to 63; 70 to 80 lies outside.'
    ]);
    expect(resolveRange({ rows: [null, null], cols: [Number.NaN, 3] }, p3.grid, 'P3').notes).toEqual([
      'The columns range needs whole numbers from 0 to 63.'
    ]);
  });

  it('one cell mode ignores the range', () => {
    const d = levelDrawing(p3, 3, 'cell', [2, 3], 1, null);
    expect([d.drawnCells, rects(d.paths)]).toEqual([1, 9]);
  });
});

describe('the readable default step of a range', () => {
  it('counts the range, not the level: 8 x 8 cells need no thinning, 64 x 64 every 8th', () => {
    // readableStep keeps about READABLE_CELLS = 8 cells along the longer side: ceil(64 / 8) = 8.
    expect(readableStep(p3.grid)).toBe(8);
    const { range } = resolveRange({ rows: [8, 15], cols: [16, 23] }, p3.grid, 'P3');
    expect(rangeSize(range!)).toEqual([8, 8]);
    expect(readableStep(rangeSize(range!))).toBe(1);
  });
});
