/**
 * The effective field's plain functions against hand calculations: centred squares (RepLKNet's
 * measure), centroid, mass levels, a cell's theoretical field and the drawing helpers, the chart's
 * taps, and the backward pass's memory guard on a graph small enough to count by hand.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import { infer } from '../../src/lib/core/infer';
import { symmetric } from '../../src/lib/core/spatial';
import { chartPicks, erfSeries } from '../../src/lib/erf/chart';
import { cellAt, contourPaths, paddingPath } from '../../src/lib/erf/draw';
import { checkErfBudget, estimateErf } from '../../src/lib/erf/estimate';
import { cellField, erfTaps } from '../../src/lib/erf/field';
import { centredSquares, centroid, massLevels, squareRange } from '../../src/lib/erf/measure';
import { summarizeErf } from '../../src/lib/erf/summary';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';

/** 5x5: 20 in the middle, 5 on each of its 8 neighbours, 2.5 on the 16 outer pixels (total 100). */
function rings(): Float32Array {
  const m = new Float32Array(25);
  for (let y = 0; y < 5; y++)
    for (let x = 0; x < 5; x++) {
      const d = Math.max(Math.abs(y - 2), Math.abs(x - 2));
      m[y * 5 + x] = [20, 5, 2.5][d];
    }
  return m;
}

describe('centred squares', () => {
  it('rings: 20 % in the centre pixel, 50 % in 3 x 3 (60), 90 and 99 % only in 5 x 5', () => {
    expect(centredSquares(rings(), [5, 5], [2, 2])).toEqual([1, 3, 5, 5]);
  });

  it('around a half-integer centre the even sides are centred: a uniform 4 x 4 gives 2, 3, 4, 4', () => {
    // Side 1 holds 1/16 (6 %), side 2 4/16 (25 %), side 3 9/16 (56 %), side 4 all of it.
    expect(centredSquares(new Float32Array(16).fill(1), [4, 4], [1.5, 1.5])).toEqual([2, 3, 4, 4]);
    expect(squareRange(1.5, 2)).toEqual([1, 2]);
    expect(squareRange(10, 5)).toEqual([8, 12]);
  });

  it('each side adds one pixel to the previous square (nested), from any centre', () => {
    for (const c of [3, 3.5, 3.25, -2]) {
      for (let s = 1; s < 12; s++) {
        const [a, b] = squareRange(c, s);
        const [a2, b2] = squareRange(c, s + 1);
        expect(b - a + 1).toBe(s);
        expect(a2 <= a && b2 >= b).toBe(true);
      }
    }
  });

  it('a centre on the padding: squares grow until they reach the mass', () => {
    // One unit of mass at (0, 0), centre (-3, 0): the smallest side whose rows reach row 0.
    const m = new Float32Array(9);
    m[0] = 1;
    const [s] = centredSquares(m, [3, 3], [-3, 0], [0.5]);
    expect(squareRange(-3, s!)[1]).toBeGreaterThanOrEqual(0);
    expect(squareRange(-3, s! - 1)[1]).toBeLessThan(0);
  });

  it('an all-zero map has no squares and no centroid', () => {
    expect(centredSquares(new Float32Array(9), [3, 3], [1, 1])).toEqual([null, null, null, null]);
    expect(centroid(new Float32Array(9), [3, 3])).toBeNull();
  });

  it('the centroid of the rings is their middle; of 1 at (0, 0) and 3 at (2, 4) it is (1.5, 3)', () => {
    expect(centroid(rings(), [5, 5])).toEqual([2, 2]);
    const m = new Float32Array(15);
    m[0] = 1;
    m[2 * 5 + 4] = 3;
    expect(centroid(m, [3, 5])).toEqual([1.5, 3]);
  });

  it('mass levels of 4 3 2 1 (sum 10): 20 % is above 4, 50 % above 3, 90 % above 2, 99 % above 1', () => {
    expect(massLevels(Float32Array.from([1, 3, 2, 4]))).toEqual([4, 3, 2, 1]);
  });
});

describe("a cell's theoretical field", () => {
  const rf = {
    size: [9, 9] as [number, number],
    stride: [2, 2] as [number, number],
    start: [0, 0] as [number, number]
  };

  it('cell (0, 3) of a 9 px field at stride 2: centred at (0, 6), rows -4..4 partly on padding', () => {
    const f = cellField(rf, [0, 3], [16, 16]);
    expect(f.centre).toEqual([0, 6]);
    expect(f.start).toEqual([-4, 2]);
    expect(f.end).toEqual([4, 10]);
    expect(f.inside).toEqual([0, 4, 2, 10]);
    expect(f.onPadding).toBe(true);
    expect(paddingPath(f, [16, 16])).toBe('M2,-4H11V5H2ZM2,0V5H11V0Z');
    expect(paddingPath(cellField(rf, [4, 4], [16, 16]), [16, 16])).toBeNull();
  });

  it('a click picks the cell whose field centre is nearest, clamped to the grid', () => {
    // Pixel-edge coordinates: pixel 6's centre is at 6.5, cell 3's field centre.
    expect(cellAt(rf, [8, 8], [6.5, 6.5])).toEqual([3, 3]);
    expect(cellAt(rf, [8, 8], [7.4, 0])).toEqual([3, 0]);
    expect(cellAt(rf, [8, 8], [100, -5])).toEqual([7, 0]);
  });

  it('the summary reports sides, ratios to the field side, and the centroid', () => {
    const s = summarizeErf(
      'C9',
      [2, 2],
      { size: [5, 5], stride: [1, 1], start: [0, 0] },
      { size: [5, 5], mass: rings() },
      3
    );
    expect(s.squares).toEqual({ '20': 1, '50': 3, '90': 5, '99': 5 });
    expect(s.ratios).toEqual({ '20': 0.2, '50': 0.6, '90': 1, '99': 1 });
    expect(s.theoretical).toEqual({ size: [5, 5], start: [0, 0], stride: [1, 1], centre: [2, 2] });
    expect(s.centre).toEqual([2, 2]);
  });

  it('four contours, nested: the 20 % one lies inside the 99 % one, both around the middle', () => {
    const paths = contourPaths(rings(), [5, 5]);
    expect(paths).toHaveLength(4);
    const box = (d: string) => {
      const v = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const xs = v.filter((_, i) => i % 2 === 0);
      const ys = v.filter((_, i) => i % 2 === 1);
      return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    };
    const [inner, outer] = [box(paths[0]), box(paths[3])];
    expect(inner[0]).toBeGreaterThanOrEqual(outer[0]);
    expect(inner[1]).toBeLessThanOrEqual(outer[1]);
    expect(inner[1] - inner[0]).toBeLessThan(outer[1] - outer[0]);
    // Symmetric rings: centred on the middle pixel, which spans 2..3 in pixel-edge coordinates.
    expect((inner[0] + inner[1]) / 2).toBeCloseTo(2.5, 6);
  });
});

describe('the chart covers C2..C5 and the P levels at their centre cells', () => {
  it('ResNet-50 at 224: C2 56x56 .. C5 7x7; RetinaNet adds P3..P7', () => {
    const r50 = analyze(presetConfig('resnet50')!, [224, 224]);
    const picks = chartPicks(erfTaps(r50.model.graph, r50.result));
    expect(picks).toEqual([
      { tap: 'C2', cell: [28, 28] },
      { tap: 'C3', cell: [14, 14] },
      { tap: 'C4', cell: [7, 7] },
      { tap: 'C5', cell: [3, 3] }
    ]);
    const ret = analyze({ ...presetConfig('retinanet_resnet50_fpn')!, transform: 'none' }, [256, 256]);
    expect(chartPicks(erfTaps(ret.model.graph, ret.result)).map((p) => p.tap)).toEqual(
      'C2 C3 C4 C5 P3 P4 P5 P6 P7'.split(' ')
    );
    // RoI-head taps have no fixed field (their region's box sets it): never offered.
    const mask = analyze(presetConfig('maskrcnn_resnet50_fpn')!, [256, 256]);
    expect(erfTaps(mask.model.graph, mask.result).map((t) => t.tap)).not.toContain('mask_logits');
  });

  it('series: the theoretical side and the effective side at the chosen share', () => {
    const row = summarizeErf(
      'C2',
      [2, 2],
      { size: [5, 5], stride: [1, 1], start: [0, 0] },
      { size: [5, 5], mass: rings() },
      1
    );
    const [theo, eff] = erfSeries([row], '50', 'B');
    expect(theo).toEqual({
      label: 'B: theoretical',
      kind: 'theoretical b',
      points: [{ tap: 'C2', value: 5 }]
    });
    expect(eff.points).toEqual([{ tap: 'C2', value: 3 }]);
  });
});

describe('the memory guard of the backward pass', () => {
  // input 1x8x8 -> 3x3 conv (pad 1) -> 3x3 conv, one channel, no bias: every tensor 64 floats, 256 B.
  const b = new GraphBuilder();
  const conv = {
    outChannels: 1,
    kernel: [3, 3],
    stride: [1, 1],
    dilation: [1, 1],
    groups: 1,
    padding: symmetric(1),
    bias: false
  } as const;
  const x = b.add('input', 'input', { channels: 1 }, [], 'input');
  const c0 = b.add('c0', 'conv2d', { ...conv, kernel: [3, 3], stride: [1, 1], dilation: [1, 1] }, [x]);
  b.add('c1', 'conv2d', { ...conv, kernel: [3, 3], stride: [1, 1], dilation: [1, 1] }, [c0], 'out');
  const graph = b.build();

  it('counts by hand: kept 768 B; at c1 the gradient, the recomputed output, im2col and dx', () => {
    const cpu = estimateErf(graph, infer(graph, [1, 1, 8, 8]), ['c1'], 'cpu');
    expect(cpu.keptBytes).toBe(768);
    expect(cpu.weightBytes).toBe(72); // 2 x 9 weights
    // 768 kept + 256 incoming gradient + 256 recomputed output + 256 input gradient.
    expect(cpu.peakBytes).toBe(1536);
    // WebGL adds the 3x3 conv's im2col matrix, 9 rows x 64 columns of floats: 2304 B.
    const gl = estimateErf(graph, infer(graph, [1, 1, 8, 8]), ['c1'], 'webgl');
    expect(gl.peakBytes).toBe(1536 + 2304);
    expect(gl.peakNode).toBe('c1');
  });

  it('refuses past the budget in plain words, with a smaller input that fits', () => {
    // At s x s on cpu: 6 tensors of s^2 floats at the peak plus 72 B of weights; 1000 B allow s = 6.
    const v = checkErfBudget(graph, infer(graph, [1, 1, 8, 8]), ['c1'], 'cpu', { totalBytes: 1000 });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.suggestion).toEqual([6, 6]);
    expect(v.message).toBe(
      'The effective field at 8x8 was not computed: the backward pass needs about 1.6 KiB (the forward pass keeps 768 B of activations for it, the peak is at c1, weights 72 B), over the 1000 B budget for cpu. Try 6x6 (same aspect ratio), which fits.'
    );
  });
});
