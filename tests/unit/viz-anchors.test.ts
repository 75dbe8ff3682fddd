import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { levelDrawing } from '../../src/lib/viz/anchors-draw';
import { mainPath, stageTotals } from '../../src/lib/viz/charts-data';
import { loadFixture } from './golden-fixture';

const cfg = presetConfig('retinanet_slim_v2_50')!;
const a = analyze(cfg, [512, 512]);
const level = (name: string) => a.anchors!.levels.find((l) => l.level === name)!;
const rects = (paths: string[]) => paths.join('').split('M').length - 1;

describe('anchor drawing', () => {
  it('puts P7 centres on a 4x4 grid at stride 128 (512 / 4)', () => {
    const d = levelDrawing(level('P7'), cfg.anchorRatios.length, 'cell', [0, 0]);
    expect(d.centres.length).toBe(16);
    expect(d.centres[5]).toEqual([128, 128]);
    expect(rects(d.paths)).toBe(9); // 3 scales x 3 ratios per location
  });

  it('caps all-cells drawing on dense levels and says which cells it drew', () => {
    // P3: 64x64 cells x 9 = 36864 boxes; every 2nd cell each way leaves 32x32 = 1024 cells.
    const d = levelDrawing(level('P3'), cfg.anchorRatios.length, 'all', [0, 0]);
    expect(d.cells).toBe(4096);
    expect(d.step).toBe(2);
    expect(d.drawnCells).toBe(1024);
    expect(rects(d.paths)).toBe(1024 * 9);
  });
});

/** The boxes a drawing's paths draw, as [x1, y1, x2, y2] (each rect is `Mx1,y1Hx2Vy2Hx1Z`). */
function drawnBoxes(paths: string[]): number[][] {
  return [...paths.join('').matchAll(/M(-?[\d.]+),(-?[\d.]+)H(-?[\d.]+)V(-?[\d.]+)H/g)].map((m) =>
    m.slice(1).map(Number)
  );
}

describe("anchor drawing of torchvision's retinanet_resnet50_fpn (integer anchor sizes)", () => {
  // torchvision's own anchor_generator.cell_anchors: P3 sizes int(32 * 2^(k/3)) = 32, 40, 50, so ratio
  // 0.5 gives 56x28 and 70x36 boxes (float sizes would give 58x28 and 72x36).
  const fx = loadFixture<{ levels: number[][][] }>('retinanet_cell_anchors');
  const rn = presetConfig('retinanet_resnet50_fpn')!;
  const levels = analyze(rn, [512, 512]).anchors!.levels;

  it("draws exactly torchvision's cell anchors at every level, around the chosen centre", () => {
    levels.forEach((l, i) => {
      const d = levelDrawing(l, rn.anchorRatios.length, 'cell', [0, 0]);
      expect(drawnBoxes(d.paths), l.level).toEqual(fx.levels[i]);
    });
  });

  it('shifts the same boxes to the cell centre (P3 cell row 2, col 3: stride 8 -> centre (24, 16))', () => {
    const d = levelDrawing(levels[0], rn.anchorRatios.length, 'cell', [2, 3]);
    expect(drawnBoxes(d.paths)).toEqual(
      fx.levels[0].map(([x1, y1, x2, y2]) => [x1 + 24, y1 + 16, x2 + 24, y2 + 16])
    );
    expect(drawnBoxes(d.paths)[1]).toEqual([24 - 28, 16 - 14, 24 + 28, 16 + 14]); // 56x28
  });
});

describe('charts data', () => {
  it('follows the main path from 224 down to 7 for resnet50 and ends at stride 32', () => {
    const pts = mainPath(analyze(presetConfig('resnet50')!, [224, 224]));
    expect(pts[0].size).toBe(224);
    expect(pts[pts.length - 1].size).toBe(7);
    expect(pts[pts.length - 1].channels).toBe(2048);
    expect(pts[pts.length - 1].stride).toBe(32);
    expect(pts.some((p) => p.id.includes('shortcut'))).toBe(false);
  });

  it('sums parameters per stage to the torchvision total for resnet50 (25,557,032)', () => {
    const totals = stageTotals(analyze(presetConfig('resnet50')!, [224, 224]));
    expect(totals.map((t) => t.stage)).toEqual(['stem', 'C2', 'C3', 'C4', 'C5', 'head']);
    expect(totals.reduce((s, t) => s + t.params, 0)).toBe(25_557_032);
  });
});
