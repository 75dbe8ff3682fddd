/**
 * Anchors: torchvision's cell anchors (from the PyTorch fixture), grid shifts and counts by hand,
 * and seed 002's RetinaNet count of 49104 at 512x512.
 */
import { describe, expect, it } from 'vitest';
import type { Shape } from '../../src/lib/core/types';
import { cellAnchors, gridShifts, summarizeAnchors } from '../../src/lib/models/anchors';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { analyzePreset, loadFixture } from './golden-fixture';

describe("cell anchors match torchvision's AnchorGenerator.generate_anchors", () => {
  const fx = loadFixture<{ cases: Array<{ size: number; ratios: number[]; boxes: number[][] }> }>(
    'cell_anchors'
  );

  it('size 32, ratios 0.5, 1, 2 by hand', () => {
    // h/w = r, area 32^2: r = 0.5 -> w = 32 * sqrt(2) = 45.25, h = 32 / sqrt(2) = 22.63; halves 22.63
    // and 11.31 round to 23 and 11. r = 1 -> 32x32. r = 2 mirrors r = 0.5.
    expect(cellAnchors(32, [1], [0.5, 1, 2])).toEqual([
      [-23, -11, 23, 11],
      [-16, -16, 16, 16],
      [-11, -23, 11, 23]
    ]);
  });

  it('covers sizes 32..512 and extreme ratios, in the same order as torchvision', () => {
    expect(fx.cases.length).toBe(6);
    for (const c of fx.cases) expect(cellAnchors(c.size, [1], c.ratios), `size ${c.size}`).toEqual(c.boxes);
  });
});

describe('grid shifts', () => {
  it('put one centre per cell at the stride, row-major, starting at 0', () => {
    // a 2x3 grid at stride (16, 8): x = 0, 8, 16 on rows y = 0 and 16.
    expect(gridShifts([2, 3], [16, 8])).toEqual([
      [0, 0],
      [8, 0],
      [16, 0],
      [0, 16],
      [8, 16],
      [16, 16]
    ]);
  });
});

describe("seed 002's RetinaNet on slim resnet_v2_50 at 512x512", () => {
  it('has 49104 anchors: (64^2 + 32^2 + 16^2 + 8^2 + 4^2) * 9', () => {
    // per level: 4096 * 9 = 36864, 1024 * 9 = 9216, 256 * 9 = 2304, 64 * 9 = 576, 16 * 9 = 144.
    const { anchors } = analyzePreset('retinanet_slim_v2_50', [512, 512]);
    expect(anchors?.perLocation).toBe(9);
    expect(anchors?.levels.map((l) => [l.level, l.grid, l.count])).toEqual([
      ['P3', [64, 64], 36864],
      ['P4', [32, 32], 9216],
      ['P5', [16, 16], 2304],
      ['P6', [8, 8], 576],
      ['P7', [4, 4], 144]
    ]);
    expect(anchors?.total).toBe(49104);
  });

  it('adding a 128x128 P2 adds 128 * 128 * 9 = 147456 (196560 in all)', () => {
    const cfg = { ...presetConfig('retinanet_slim_v2_50')!, anchorSizes: [4, 8, 16, 32, 64, 128] };
    const input: Shape = [1, 3, 512, 512];
    const level = (name: string, n: number) => ({ name, shape: [1, 256, n, n] as Shape });
    const levels = [
      level('P2', 128),
      level('P3', 64),
      level('P4', 32),
      level('P5', 16),
      level('P6', 8),
      level('P7', 4)
    ];
    const summary = summarizeAnchors(cfg, levels, input);
    expect(summary?.levels[0]).toMatchObject({ level: 'P2', count: 147456, stride: [4, 4] });
    expect(summary?.total).toBe(49104 + 147456);
  });

  it('gives no anchors to levels without a size, and none at all without sizes', () => {
    const cfg = { ...presetConfig('retinanet_slim_v2_50')!, anchorSizes: [8, 16] };
    const levels = [16, 8, 4].map((n, i) => ({ name: `P${i + 3}`, shape: [1, 256, n, n] as Shape }));
    // only P3 and P4 have sizes: (16^2 + 8^2) * 9 = 2880.
    expect(summarizeAnchors(cfg, levels, [1, 3, 128, 128])?.total).toBe(2880);
    expect(summarizeAnchors({ ...cfg, anchorSizes: [] }, levels, [1, 3, 128, 128])).toBeNull();
  });
});

describe("torchvision RetinaNet's integer anchor sizes", () => {
  // retinanet_resnet50_fpn builds sizes int(x * 2^(k/3)): (32, 40, 50), (64, 80, 101), ... and its cell
  // anchors come from those truncated sizes; the fixture is torchvision's own anchor_generator.cell_anchors.
  const fx = loadFixture<{ levels: number[][][] }>('retinanet_cell_anchors');
  it('the retinanet_resnet50_fpn preset reproduces every cell anchor of every level', () => {
    const a = analyzePreset('retinanet_resnet50_fpn', [512, 512]);
    expect(a.anchors!.levels.map((l) => l.cells)).toEqual(fx.levels);
  });
  it('float sizes (paper, detectron2) differ from torchvision by at most one pixel', () => {
    const float = cellAnchors(32, [1, 2 ** (1 / 3), 2 ** (2 / 3)], [0.5, 1, 2]);
    const diffs = float.flatMap((b, i) => b.map((v, j) => Math.abs(v - fx.levels[0][i][j])));
    expect(Math.max(...diffs)).toBe(1);
  });
});

describe('zero-area anchors', () => {
  // anchorSizes 1..5 on torchvision's RetinaNet: P3's sizes int(1 * 2^(k/3)) are all 1. Ratio 0.5 (h/w)
  // gives w = sqrt 2 = 1.414, h = 1 / sqrt 2 = 0.707, so [-0.707, -0.354, 0.707, 0.354], which rounds
  // (half to even) to [-1, 0, 1, 0]: 2 px wide, 0 tall. Ratio 1 gives [-0.5, -0.5, 0.5, 0.5] -> all
  // zeros, ratio 2 [0, -1, 0, 1]. So all 9 of P3's boxes have zero area. torchvision's AnchorGenerator
  // (sizes ((1, 1, 1), (2, 2, 3), ...)) gives the same cell anchors; P4..P7 have none of zero area.
  const tiny = (id: string) => analyze({ ...presetConfig(id)!, anchorSizes: [1, 2, 3, 4, 5] }, [512, 512]);
  const zeroArea = (id: string) =>
    tiny(id).diagnostics.filter((d) => d.severity === 'warning' && /zero area/.test(d.message));

  it('warn once, on P3, naming the level and the box [-1, 0, 1, 0]', () => {
    const a = tiny('retinanet_resnet50_fpn');
    expect(a.anchors!.levels[0].cells[0]).toEqual([-1, -0, 1, 0]);
    const [w, ...rest] = zeroArea('retinanet_resnet50_fpn');
    expect(rest).toEqual([]);
    expect(w.node).toBe(a.model.graph.taps.P3);
    expect(w.message).toContain('P3');
    expect(w.message).toContain('9 of 9');
    expect(w.message).toContain('[-1, 0, 1, 0]');
  });

  it('count 5 of 9 with float sizes (1, 1.26, 1.59), as torchvision gives for those sizes', () => {
    // ratio 0.5: sizes 1 and 1.26 round to h 0 ([-1, 0, 1, 0] twice), 1.59 gives [-1, -1, 1, 1];
    // ratio 1: 1 -> zeros, 1.26 and 1.59 -> [-1, -1, 1, 1]; ratio 2 mirrors ratio 0.5. 2 + 1 + 2 = 5.
    const [w, ...rest] = zeroArea('retinanet_slim_v2_50');
    expect(rest).toEqual([]);
    expect(w.message).toContain('5 of 9');
  });

  it('do not occur in the published configurations', () => {
    for (const id of ['retinanet_resnet50_fpn', 'fasterrcnn_resnet50_fpn', 'retinanet_slim_v2_50'])
      expect(analyzePreset(id, [512, 512]).diagnostics.filter((d) => /zero area/.test(d.message))).toEqual(
        []
      );
  });
});
