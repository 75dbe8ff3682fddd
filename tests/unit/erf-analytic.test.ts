/**
 * The effective field by backprop against hand calculations: with all-ones weights and no
 * nonlinearity, the gradient of one output unit with respect to the input counts the paths from each
 * input pixel to it, so a stack of n 3x3 stride-1 convolutions gives the n-fold convolution of a 3x3
 * box, the outer product of the trinomial coefficients of (1 + x + x^2)^n (computed here by repeated
 * convolution); strided, dilated and TF 'SAME' layers give the counts worked out in each test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import { infer } from '../../src/lib/core/infer';
import { symmetric } from '../../src/lib/core/spatial';
import type { Conv2dAttrs, Graph, Pair, Shape } from '../../src/lib/core/types';
import { createErfEngine } from '../../src/lib/erf/engine';
import { loadGradients } from '../../src/lib/erf/gradients';
import { cellField } from '../../src/lib/erf/field';
import { centroid } from '../../src/lib/erf/measure';
import type { WeightSource } from '../../src/lib/exec/weights';
import { useTf } from './tf-backend';

const env = useTf();
beforeAll(loadGradients);
const ones: WeightSource = { get: ({ shape }) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1) };

const conv = (over: Partial<Conv2dAttrs> = {}): Conv2dAttrs => ({
  outChannels: 1,
  kernel: [3, 3],
  stride: [1, 1],
  dilation: [1, 1],
  groups: 1,
  padding: symmetric(1),
  bias: false,
  ...over
});

/** input -> the given convolutions in a chain; the last is tap `out`. */
function chain(layers: Conv2dAttrs[], channels = 1): Graph {
  const b = new GraphBuilder();
  let x = b.add('input', 'input', { channels }, [], 'input');
  layers.forEach(
    (a, i) => (x = b.add(`c${i}`, 'conv2d', a, [x], i === layers.length - 1 ? 'out' : undefined))
  );
  return b.build();
}

async function gradient(graph: Graph, input: Shape, cell: Pair, data?: Float32Array) {
  const engine = createErfEngine(env.tf, graph, { weights: ones });
  try {
    const r = await engine.run({
      input,
      targets: [{ node: graph.taps.out, cell }],
      data: [data ?? new Float32Array(input[1] * input[2] * input[3]).fill(1)],
      keepRaw: true
    });
    return r.maps[0];
  } finally {
    engine.dispose();
  }
}

/** Coefficients of (1 + x + x^2)^n: [1], [1 1 1], [1 2 3 2 1], [1 3 6 7 6 3 1], ... */
function trinomial(n: number): number[] {
  let c = [1];
  for (let k = 0; k < n; k++)
    c = Array.from({ length: c.length + 2 }, (_, i) => (c[i - 2] ?? 0) + (c[i - 1] ?? 0) + (c[i] ?? 0));
  return c;
}

/** An h x w map holding the outer product of `rows` and `cols` with its first entry at (top, left). */
function placed(
  h: number,
  w: number,
  top: number,
  left: number,
  rows: number[],
  cols: number[]
): Float32Array {
  const m = new Float32Array(h * w);
  rows.forEach((a, i) => cols.forEach((b, j) => (m[(top + i) * w + left + j] = a * b)));
  return m;
}

function support(map: Float32Array, w: number): [number, number, number, number] {
  let y0 = Infinity;
  let y1 = -Infinity;
  let x0 = Infinity;
  let x1 = -Infinity;
  map.forEach((v, i) => {
    if (v === 0) return;
    const y = Math.floor(i / w);
    const x = i % w;
    [y0, y1, x0, x1] = [Math.min(y0, y), Math.max(y1, y), Math.min(x0, x), Math.max(x1, x)];
  });
  return [y0, y1, x0, x1];
}

describe('n 3x3 stride-1 convolutions with all-ones weights', () => {
  it('trinomial coefficients by hand: (1 + x + x^2)^3 = 1 3 6 7 6 3 1', () => {
    expect(trinomial(3)).toEqual([1, 3, 6, 7, 6, 3, 1]);
    expect(trinomial(4)).toEqual([1, 4, 10, 16, 19, 16, 10, 4, 1]);
  });

  for (const n of [1, 2, 4]) {
    it(`n = ${n}: the gradient map is the ${n}-fold convolution of a 3x3 box, exactly`, async () => {
      const H = 15;
      const graph = chain(Array.from({ length: n }, () => conv()));
      const map = await gradient(graph, [1, 1, H, H], [7, 7]);
      const t = trinomial(n);
      const want = placed(H, H, 7 - n, 7 - n, t, t);
      expect(Array.from(map.mass)).toEqual(Array.from(want));
      expect(Array.from(map.raw!)).toEqual(Array.from(want));
      // The engine's field: 2n + 1 pixels, centred on the cell.
      const rf = infer(graph, [1, 1, H, H]).stats.get(graph.taps.out)!.rf!;
      expect(rf.size).toEqual([2 * n + 1, 2 * n + 1]);
      expect(cellField(rf, [7, 7], [H, H]).centre).toEqual([7, 7]);
    });
  }

  it('three input and two hidden channels: every path counts once per channel it passes', async () => {
    // y = sum over 2 output channels; each of the 2 hidden channels reads all 3 inputs: 2 x 2 paths per
    // input channel and pixel, times the 2-fold box (mass sums the 3 input channels).
    const graph = chain([conv({ outChannels: 2 }), conv({ outChannels: 2 })], 3);
    const map = await gradient(graph, [1, 3, 9, 9], [4, 4]);
    const t = trinomial(2);
    const one = placed(9, 9, 2, 2, t, t).map((v) => 4 * v);
    expect(Array.from(map.raw!)).toEqual([...one, ...one, ...one]);
    expect(Array.from(map.mass)).toEqual(Array.from(one.map((v) => 3 * v)));
  });
});

describe('strided and dilated layers', () => {
  it('a stride-2 layer: the support is exactly the theoretical field', async () => {
    // 3x3/1 pad 1, 3x3/2 pad 1, 3x3/1 pad 1. By hand: field 3, then 3 + 2 = 5 at stride 2, then
    // 5 + 2 x 2 = 9; cell r is centred on 2r, so cell (5, 6) covers rows 6..14 and columns 8..16.
    const graph = chain([conv(), conv({ stride: [2, 2] }), conv()]);
    const map = await gradient(graph, [1, 1, 32, 32], [5, 6]);
    const rf = infer(graph, [1, 1, 32, 32]).stats.get(graph.taps.out)!.rf!;
    expect(rf.size).toEqual([9, 9]);
    expect(rf.stride).toEqual([2, 2]);
    const field = cellField(rf, [5, 6], [32, 32]);
    expect(field.start).toEqual([6, 8]);
    expect(field.end).toEqual([14, 16]);
    expect(support(map.mass, 32)).toEqual([6, 14, 8, 16]);
    // No gaps: every pixel of the field is reached.
    for (let y = 6; y <= 14; y++)
      for (let x = 8; x <= 16; x++) expect(map.mass[y * 32 + x]).toBeGreaterThan(0);
  });

  it('a 3x3 conv with dilation 2 and stride 2 after a 3x3 conv: the counts by hand', async () => {
    // Cell r of the dilated conv (pad 2) reads the first conv's outputs 2r - 2, 2r, 2r + 2, each the sum
    // of three pixels: along an axis 1 1 2 1 2 1 1 over 2r - 3 .. 2r + 3 (the windows overlap by one).
    const graph = chain([conv(), conv({ stride: [2, 2], dilation: [2, 2], padding: symmetric(2) })]);
    const map = await gradient(graph, [1, 1, 20, 20], [4, 5]);
    const c = [1, 1, 2, 1, 2, 1, 1];
    expect(Array.from(map.mass)).toEqual(Array.from(placed(20, 20, 5, 7, c, c)));
    const rf = infer(graph, [1, 1, 20, 20]).stats.get(graph.taps.out)!.rf!;
    expect(cellField(rf, [4, 5], [20, 20]).start).toEqual([5, 7]);
    expect(rf.size).toEqual([7, 7]);
  });

  it("a bilinear x2 upsample (align_corners=False) spreads PyTorch's weights, not tfjs's", async () => {
    // Output 3 samples input 3 / 2 - 0.25 = 1.25: 0.75 of pixel 1 and 0.25 of pixel 2 per axis. (tfjs's
    // own gradient ignores half-pixel centres and would give 0.5 and 0.5.) Output 0 clamps to pixel 0.
    const b = new GraphBuilder();
    const x = b.add('input', 'input', { channels: 1 }, [], 'input');
    b.add('up', 'upsample', { mode: 'bilinear', scale: 2, alignCorners: false }, [x], 'out');
    const graph = b.build();
    const at3 = await gradient(graph, [1, 1, 4, 4], [3, 3]);
    expect(Array.from(at3.mass)).toEqual(Array.from(placed(4, 4, 1, 1, [0.75, 0.25], [0.75, 0.25])));
    const at0 = await gradient(graph, [1, 1, 4, 4], [0, 0]);
    expect(Array.from(at0.mass)).toEqual(Array.from(placed(4, 4, 0, 0, [1], [1])));
  });
});

describe("the map's centre is the cell's field centre from the engine", () => {
  // 3x3/2 SAME, 3x3/2 SAME, 3x3/1 SAME, as TF-slim writes stride-2 convs without conv2d_same.
  const same = [
    conv({ stride: [2, 2], padding: 'SAME' }),
    conv({ stride: [2, 2], padding: 'SAME' }),
    conv({ padding: 'SAME' })
  ];

  it('even sides: SAME pads 0 before and 1 after, so cell r sits at 4r + 3', async () => {
    // 32 -> 16: total pad (16 - 1) x 2 + 3 - 32 = 1, all after: window 2r..2r+2, centre 2r + 1; 16 -> 8
    // likewise, so centre 2(2r + 1) + 1 = 4r + 3. Cell (3, 3): 15.
    const graph = chain(same);
    const rf = infer(graph, [1, 1, 32, 32]).stats.get(graph.taps.out)!.rf!;
    expect(cellField(rf, [3, 3], [32, 32]).centre).toEqual([15, 15]);
    const map = await gradient(graph, [1, 1, 32, 32], [3, 3]);
    expect(centroid(map.mass, [32, 32])).toEqual([15, 15]);
  });

  it('odd and unequal sides 31 x 32: rows centred at 4r + 2, columns at 4c + 3', async () => {
    // 31 -> 16: total pad 15 x 2 + 3 - 31 = 2, one each side: centre 2r; 16 -> 8: 0 before, so 2(2r + 1)
    // = 4r + 2. Cell (3, 3): row 14, column 15.
    const graph = chain(same);
    const rf = infer(graph, [1, 1, 31, 32]).stats.get(graph.taps.out)!.rf!;
    expect(cellField(rf, [3, 3], [31, 32]).centre).toEqual([14, 15]);
    const map = await gradient(graph, [1, 1, 31, 32], [3, 3]);
    expect(centroid(map.mass, [31, 32])).toEqual([14, 15]);
  });

  it('the run leaves no tensors and refuses a cell outside the grid in plain words', async () => {
    const graph = chain([conv()]);
    const before = env.tf.memory().numTensors;
    const engine = createErfEngine(env.tf, graph, { weights: ones });
    await expect(
      engine.run({ input: [1, 1, 8, 8], targets: [{ node: graph.taps.out, cell: [8, 0] }] })
    ).rejects.toThrow("cell (8, 0) is outside out's 8x8 grid");
    engine.dispose();
    expect(env.tf.memory().numTensors).toBe(before);
  });
});
