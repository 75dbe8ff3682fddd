import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { levelDrawing } from '../../src/lib/viz/anchors-draw';
import { mainPath, stageTotals } from '../../src/lib/viz/charts-data';

const cfg = presetConfig('retinanet_slim_v2_50')!;
const a = analyze(cfg, [512, 512]);
const level = (name: string) => a.anchors!.levels.find((l) => l.level === name)!;
const rects = (paths: string[]) => paths.join('').split('M').length - 1;

describe('anchor drawing', () => {
  it('puts P7 centres on a 4x4 grid at stride 128 (512 / 4)', () => {
    const d = levelDrawing(level('P7'), cfg.anchorScales, cfg.anchorRatios, 'cell', [0, 0]);
    expect(d.centres.length).toBe(16);
    expect(d.centres[5]).toEqual([128, 128]);
    expect(rects(d.paths)).toBe(9); // 3 scales x 3 ratios per location
  });

  it('caps all-cells drawing on dense levels and says which cells it drew', () => {
    // P3: 64x64 cells x 9 = 36864 boxes; every 2nd cell each way leaves 32x32 = 1024 cells.
    const d = levelDrawing(level('P3'), cfg.anchorScales, cfg.anchorRatios, 'all', [0, 0]);
    expect(d.cells).toBe(4096);
    expect(d.step).toBe(2);
    expect(d.drawnCells).toBe(1024);
    expect(rects(d.paths)).toBe(1024 * 9);
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
