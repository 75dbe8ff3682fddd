/**
 * The whole-model kernels against numbers worked out by hand (each case says how): GroupNorm,
 * ConvTranspose2d padding and output_padding, the detection transform's resize and pad, RoIAlign's
 * sampling (on linear maps, where bilinear sampling is exact, and at the map's edges), torchvision's
 * level mapping, and weight sharing between nodes that name one module.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import type { Conv2dAttrs, OpAttrs, OpKind, RoiAlignAttrs, Shape } from '../../src/lib/core/types';
import { createExecutor } from '../../src/lib/exec/executor';
import { type Box, boxLevel, chooseBoxes, levelScale } from '../../src/lib/exec/regions';
import type { WeightRequest, WeightSource } from '../../src/lib/exec/weights';
import { useTf } from './tf-backend';

const env = useTf();

const ones: WeightSource = { get: ({ shape }) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1) };
const range = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));

async function one<K extends OpKind>(
  op: K,
  attrs: OpAttrs[K],
  shape: Shape,
  data: number[],
  weights: WeightSource = ones
): Promise<{ shape: Shape; values: number[] }> {
  const b = new GraphBuilder();
  b.add('input', 'input', { channels: shape[1] }, []);
  b.add('op', op, attrs, ['input']);
  const exec = createExecutor(env.tf, b.build(), { weights });
  try {
    const run = await exec.run({ input: shape, data: Float32Array.from(data), read: ['op'] });
    const out = run.outputs.get('op')!;
    return { shape: out.shape, values: Array.from(out.data) };
  } finally {
    exec.dispose();
  }
}

describe('GroupNorm', () => {
  it('normalises each group of channels over its pixels: biased variance, eps 1e-5', async () => {
    // 4 channels, 2 groups, 1x2 pixels. Group 0 = channels 0, 1 = {0, 2, 4, 6}: mean 3, var 5.
    // Group 1 = channels 2, 3 = {1, 1, 1, 1}: mean 1, var 0, so (x - 1) / sqrt(1e-5) = 0.
    const x = [0, 2, 4, 6, 1, 1, 1, 1]; // NCHW: c0 = [0, 2], c1 = [4, 6], c2 = c3 = [1, 1]
    const r = await one('groupnorm', { groups: 2 }, [1, 4, 1, 2], x);
    const s = Math.sqrt(5 + 1e-5);
    const want = [-3 / s, -1 / s, 1 / s, 3 / s, 0, 0, 0, 0].map((v) => v + 1); // gamma 1, beta 1
    r.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });
  it('refuses channels that do not split into the groups', async () => {
    await expect(one('groupnorm', { groups: 3 }, [1, 4, 1, 1], [1, 2, 3, 4])).rejects.toThrow(
      /4 channels do not split into 3 groups/
    );
  });
});

describe('ConvTranspose2d', () => {
  const attrs = (k: number, s: number, p: number, op: number): OpAttrs['convtranspose2d'] => ({
    outChannels: 1,
    kernel: [k, k],
    stride: [s, s],
    padding: [p, p],
    outputPadding: [op, op],
    bias: true
  });
  it('2x2/2 (the mask predictor) copies each input into its 2x2 block, plus the bias', async () => {
    const r = await one('convtranspose2d', attrs(2, 2, 0, 0), [1, 1, 2, 2], [1, 2, 3, 4]);
    expect(r.shape).toEqual([1, 1, 4, 4]);
    expect(r.values).toEqual([2, 2, 3, 3, 2, 2, 3, 3, 4, 4, 5, 5, 4, 4, 5, 5]);
  });
  it('4x4/2 padding 1 (the keypoint predictor): out = (n - 1) 2 - 2 + 4 = 2n, borders cut', async () => {
    // One input pixel of 1 scatters a 4x4 block of ones at rows/cols 0..3 of the 4x4 full output;
    // padding 1 keeps rows/cols 1..2: a 2x2 of ones, plus bias 1.
    const r = await one('convtranspose2d', attrs(4, 2, 1, 0), [1, 1, 1, 1], [1]);
    expect(r.shape).toEqual([1, 1, 2, 2]);
    expect(r.values).toEqual([2, 2, 2, 2]);
  });
  it('output_padding past the full scatter adds zero rows (then the bias)', async () => {
    // 1x1/2 on [[1, 2], [3, 4]]: full 3x3 = [[1,0,2],[0,0,0],[3,0,4]]; output_padding 1 -> 4x4.
    const r = await one('convtranspose2d', attrs(1, 2, 0, 1), [1, 1, 2, 2], [1, 2, 3, 4]);
    expect(r.shape).toEqual([1, 1, 4, 4]);
    expect(r.values).toEqual([2, 1, 3, 1, 1, 1, 1, 1, 4, 1, 5, 1, 1, 1, 1, 1]);
  });
  it('reads the weight in PyTorch layout [in, out, kh, kw]', async () => {
    // 2 input channels (values 1 and 10), 1 output, 1x1 kernel: weight[i][0] = i + 1 -> 1*1 + 10*2.
    const w: WeightSource = {
      get: ({ role }) => (role === 'weight' ? Float32Array.of(1, 2) : Float32Array.of(0))
    };
    const a = { ...attrs(1, 1, 0, 0) };
    const r = await one('convtranspose2d', a, [1, 2, 1, 1], [1, 10], w);
    expect(r.values).toEqual([21]);
  });
});

describe('detection transform', () => {
  it('resize: 2x2 with minSize 4 (scale 2) samples at (d + 0.5) / 2 - 0.5 clamped', async () => {
    // value = 2*row + col; samples at 0, .25, .75, 1 per axis (as torch interpolate, align_corners False)
    const r = await one(
      'resize',
      { minSize: 4, maxSize: 100, rounding: 'floor' },
      [1, 1, 2, 2],
      [0, 1, 2, 3]
    );
    expect(r.shape).toEqual([1, 1, 4, 4]);
    const axis = [0, 0.25, 0.75, 1];
    expect(r.values).toEqual(axis.flatMap((y) => axis.map((x) => 2 * y + x)));
  });
  it('pad: 3x5 to a multiple of 4 adds zero rows and columns at the bottom and right', async () => {
    const r = await one(
      'padto',
      { divisor: 4 },
      [1, 1, 3, 5],
      range(15, (i) => i + 1)
    );
    expect(r.shape).toEqual([1, 1, 4, 8]);
    const want = range(32, (k) => {
      const [y, x] = [Math.floor(k / 8), k % 8];
      return y < 3 && x < 5 ? y * 5 + x + 1 : 0;
    });
    expect(r.values).toEqual(want);
  });
});

describe('torchvision level mapping', () => {
  it('LevelMapper: floor(4 + log2(sqrt(area) / 224) + 1e-6), clamped', () => {
    const sq = (s: number): Box => [0, 0, s, s];
    expect(boxLevel(sq(224), 2, 5)).toBe(4);
    expect(boxLevel(sq(223.9), 2, 5)).toBe(3);
    expect(boxLevel(sq(112), 2, 5)).toBe(3); // log2(1/2) = -1 exactly
    expect(boxLevel(sq(111.9), 2, 5)).toBe(2);
    expect(boxLevel(sq(448), 2, 5)).toBe(5);
    expect(boxLevel(sq(5000), 2, 5)).toBe(5); // clamped
    expect(boxLevel(sq(8), 2, 5)).toBe(2); // clamped
  });
  it('scales are the nearest power of two of feature height / image height', () => {
    expect(levelScale(16, 64)).toBe(1 / 4);
    expect(levelScale(200, 800)).toBe(1 / 4);
    expect(levelScale(5, 67)).toBe(1 / 16); // 0.0746 is nearer 2^-4 than 2^-3 in log scale
    expect(levelScale(3, 67)).toBe(1 / 16); // 0.0448 -> 2^-4.48 -> 2^-4
  });
  it('the chosen boxes cycle through every level present, 224 x 2^(k - 4) x sqrt 2 on a side', () => {
    const boxes = chooseBoxes(800, 1216, 12, 2, 5);
    expect(boxes.map((b) => boxLevel(b, 2, 5))).toEqual([2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5]);
    // box 0: level 2, square, side 56 sqrt 2 = 79.196; centre of cell 0 of a 4 x 3 grid: (152, 133.33)
    const s = 56 * Math.SQRT2;
    expect(boxes[0][0]).toBeCloseTo(152 - s / 2, 3);
    expect(boxes[0][1]).toBeCloseTo(800 / 6 - s / 2, 3);
    expect(boxes[0][2] - boxes[0][0]).toBeCloseTo(s, 3);
    // box 4: level 2 again, tall (ratio 2): height s sqrt 2, width s / sqrt 2
    expect(boxes[4][3] - boxes[4][1]).toBeCloseTo(s * Math.SQRT2, 3);
    expect(boxes[4][2] - boxes[4][0]).toBeCloseTo(s / Math.SQRT2, 3);
    // boxes never start left of or above the image
    for (const b of boxes) expect(Math.min(b[0], b[1])).toBeGreaterThanOrEqual(0);
  });
});

/** One-level RoIAlign on an NCHW map whose image is the map itself (scale 1, level 0). */
async function pool(regions: number, side: number, data: number[], channels = 1) {
  const attrs: RoiAlignAttrs = { output: [7, 7], samplingRatio: 2, source: 'proposals', regions };
  const r = await one('roialign', attrs, [1, channels, side, side], data);
  return { ...r, boxes: chooseBoxes(side, side, regions, 0, 0) };
}

describe('RoIAlign (torchvision roi_align, aligned=False, sampling ratio 2)', () => {
  it('on a linear map, each bin is the map at the bin centre: start + (p + 0.5) x bin', async () => {
    // f(y, x) = 3x + 0.5y + 1 at pixel (y, x); bilinear sampling reproduces a linear map exactly and the
    // 2x2 samples of a bin are symmetric about its centre. 64x64 keeps every 19.8-pixel box inside.
    const side = 64;
    const f = (y: number, x: number) => 3 * x + 0.5 * y + 1;
    const data = range(side * side, (k) => f(Math.floor(k / side), k % side));
    const r = await pool(4, side, data);
    expect(r.shape).toEqual([4, 1, 7, 7]);
    r.boxes.forEach(([x1, y1, x2, y2], b) => {
      expect(Math.max(x2, y2)).toBeLessThan(side - 1);
      for (let py = 0; py < 7; py++)
        for (let px = 0; px < 7; px++) {
          const want = f(y1 + ((py + 0.5) * (y2 - y1)) / 7, x1 + ((px + 0.5) * (x2 - x1)) / 7);
          expect(r.values[b * 49 + py * 7 + px]).toBeCloseTo(want, 3);
        }
    });
  });
  it('past the edge: samples up to the map size read the edge pixel, samples beyond read 0', async () => {
    // A 15x15 map of ones; the one box (level 0, square, side 224 / 16 x sqrt 2 = 19.80) starts at
    // (0, 0). Its samples sit at (k + 0.5) x 19.80 / 14, k = 0..13: k = 10 at 14.85 lies between the
    // last pixel (14) and the map size (15), where roi_align reads the edge pixel; k = 11 at 16.26 and
    // beyond are past the map and read 0. Bin p holds samples 2p, 2p + 1, so per axis the bins hold
    // 1, 1, 1, 1, 1, 0.5, 0, and a bin is the product of its two axes' fractions.
    const r = await pool(
      1,
      15,
      range(225, () => 1)
    );
    const [x1, , x2] = r.boxes[0];
    const samples = range(14, (k) => x1 + ((k + 0.5) * (x2 - x1)) / 14);
    expect(samples.filter((s) => s > 14 && s <= 15).length).toBe(1);
    expect(samples.filter((s) => s <= 15).length).toBe(11);
    const axis = [1, 1, 1, 1, 1, 0.5, 0];
    const want = axis.flatMap((y) => axis.map((x) => y * x));
    r.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });
  it('keeps channels apart and orders regions as torchvision does (box i of image n at n x R + i)', async () => {
    // Two images, 2 channels: channel c of image n is the constant 10n + c + 1, so each bin of region
    // n x R + i equals 10n + c + 1 wherever it is fully inside (the map is 64x64, boxes ~20 pixels).
    const attrs: RoiAlignAttrs = { output: [7, 7], samplingRatio: 2, source: 'detections', regions: 3 };
    const data = range(2 * 2 * 64 * 64, (k) => {
      const plane = Math.floor(k / 4096);
      return 10 * Math.floor(plane / 2) + (plane % 2) + 1;
    });
    const r = await one('roialign', attrs, [2, 2, 64, 64], data);
    expect(r.shape).toEqual([6, 2, 7, 7]);
    const centre = (row: number, c: number) => r.values[(row * 2 + c) * 49 + 24];
    const rows = [0, 1, 2, 3, 4, 5];
    expect(rows.map((row) => [centre(row, 0), centre(row, 1)])).toEqual(
      rows.map((row) => [10 * Math.floor(row / 3) + 1, 10 * Math.floor(row / 3) + 2])
    );
  });
  it('zero regions give an empty batch, and the layers after it run on it', async () => {
    const b = new GraphBuilder();
    b.add('input', 'input', { channels: 2 }, []);
    const attrs: RoiAlignAttrs = { output: [7, 7], samplingRatio: 2, source: 'detections', regions: 0 };
    b.add('pool', 'roialign', attrs, ['input']);
    const conv: Conv2dAttrs = {
      outChannels: 3,
      kernel: [3, 3],
      stride: [1, 1],
      dilation: [1, 1],
      groups: 1,
      padding: { top: 1, bottom: 1, left: 1, right: 1 },
      bias: true
    };
    b.add('conv', 'conv2d', conv, ['pool']);
    b.add('flat', 'flatten', {}, ['conv'], 'flat');
    const exec = createExecutor(env.tf, b.build(), { weights: ones });
    try {
      const run = await exec.run({ input: [1, 2, 32, 32], read: ['flat'] });
      expect(run.shapes.get('pool')).toEqual([0, 2, 7, 7]);
      expect(run.shapes.get('conv')).toEqual([0, 3, 7, 7]);
      expect(run.shapes.get('flat')).toEqual([0, 147, 1, 1]);
      expect(run.outputs.get('flat')!.data.length).toBe(0);
      // No statistics for an empty tap (they would be NaN).
      expect(run.stats.has('flat')).toBe(false);
    } finally {
      exec.dispose();
    }
  });
});

describe('shared modules', () => {
  it('two nodes naming one module read one set of weights, asked for under the first node', async () => {
    const requests: WeightRequest[] = [];
    const source: WeightSource = {
      get: (req) => {
        requests.push(req);
        return new Float32Array(req.shape.reduce((a, b) => a * b, 1)).fill(req.role === 'weight' ? 0.5 : 0);
      }
    };
    const b = new GraphBuilder();
    b.add('input', 'input', { channels: 2 }, []);
    const conv: Conv2dAttrs = {
      outChannels: 2,
      kernel: [1, 1],
      stride: [1, 1],
      dilation: [1, 1],
      groups: 1,
      padding: 'VALID',
      bias: true
    };
    b.add('a', 'conv2d', conv, ['input'], undefined, 'head.conv');
    b.add('b', 'conv2d', conv, ['a'], undefined, 'head.conv');
    const exec = createExecutor(env.tf, b.build(), { weights: source });
    try {
      const run = await exec.run({ input: [1, 2, 1, 1], data: Float32Array.of(1, 3), read: ['b'] });
      // a = 0.5 (1 + 3) = 2 per channel; b = 0.5 (2 + 2) = 2.
      expect(Array.from(run.outputs.get('b')!.data)).toEqual([2, 2]);
      expect(requests.map((r) => `${r.node} ${r.module} ${r.role}`)).toEqual([
        'a head.conv weight',
        'a head.conv bias'
      ]);
      expect(exec.weightTensors).toBe(2);
    } finally {
      exec.dispose();
    }
  });
});
