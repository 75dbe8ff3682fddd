/**
 * PyTorch semantics pinned with numbers worked out by hand (each case says how), not taken from the
 * executor: padding of pools, ceil_mode and count_include_pad, adaptive bins, resize grids, dilation
 * with stride, flatten order, linear and batch-norm layouts.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import type { OpAttrs, OpKind, Shape } from '../../src/lib/core/types';
import { useTf } from './tf-backend';
import { createExecutor } from '../../src/lib/exec/executor';
import type { WeightSource } from '../../src/lib/exec/weights';

const env = useTf();

const ones: WeightSource = { get: ({ shape }) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1) };

/** Runs one op on an NCHW input (and an optional second input for upsample's reference size). */
async function one<K extends OpKind>(
  op: K,
  attrs: OpAttrs[K],
  shape: Shape,
  data: number[],
  opts: { weights?: WeightSource; ref?: Shape } = {}
): Promise<{ shape: Shape; values: number[] }> {
  const b = new GraphBuilder();
  b.add('input', 'input', { channels: shape[1] }, []);
  const inputs = ['input'];
  if (opts.ref) {
    // The reference input for sizeFromInput: a second branch pooled to the wanted size (an adaptive
    // pool may have more bins than pixels); only its shape is read.
    b.add('ref', 'adaptiveavgpool', { output: [opts.ref[2], opts.ref[3]] }, ['input']);
    inputs.push('ref');
  }
  b.add('op', op, attrs, inputs);
  const exec = createExecutor(env.tf, b.build(), { weights: opts.weights ?? ones });
  try {
    const run = await exec.run({ input: shape, data: Float32Array.from(data), read: ['op'] });
    const out = run.outputs.get('op')!;
    return { shape: out.shape, values: Array.from(out.data) };
  } finally {
    exec.dispose();
  }
}

const pad = (p: number) => ({ top: p, bottom: p, left: p, right: p });
const range = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));

describe('max-pool padding never wins', () => {
  // Input -1..-16 row-major; zero padding would turn border maxima into 0.
  const x = range(16, (i) => -(i + 1));
  it('3x3, stride 2, padding 1 on 4x4: windows rows {-1..1, 1..3} x cols {-1..1, 1..3}', async () => {
    const r = await one(
      'maxpool',
      { kernel: [3, 3], stride: [2, 2], padding: pad(1), ceilMode: false },
      [1, 1, 4, 4],
      x
    );
    expect(r.shape).toEqual([1, 1, 2, 2]);
    // max of the top-left element of each window: x[0][0]=-1, x[0][1]=-2, x[1][0]=-5, x[1][1]=-6
    expect(r.values).toEqual([-1, -2, -5, -6]);
  });
  it('3x3, stride 1, padding 1: each output is its neighbourhood top-left value', async () => {
    const r = await one(
      'maxpool',
      { kernel: [3, 3], stride: [1, 1], padding: pad(1), ceilMode: false },
      [1, 1, 4, 4],
      x
    );
    expect(r.values).toEqual([-1, -1, -2, -3, -1, -1, -2, -3, -5, -5, -6, -7, -9, -9, -10, -11]);
  });
  it('Caffe 3x3/2 ceil_mode on 4x4 (no padding): ceil((4-3)/2)+1 = 2, last window clipped', async () => {
    const r = await one(
      'maxpool',
      { kernel: [3, 3], stride: [2, 2], padding: pad(0), ceilMode: true },
      [1, 1, 4, 4],
      x
    );
    expect(r.shape).toEqual([1, 1, 2, 2]);
    // windows start at rows/cols 0 and 2: top-left values x[0][0], x[0][2], x[2][0], x[2][2]
    expect(r.values).toEqual([-1, -3, -9, -11]);
  });
});

describe('avg-pool divisors follow PyTorch', () => {
  const x = range(9, (i) => i + 1); // [[1,2,3],[4,5,6],[7,8,9]]
  it('2x2/2 ceil_mode, count_include_pad=false (ResNet-D avg-down) on 3x3', async () => {
    const r = await one(
      'avgpool',
      { kernel: [2, 2], stride: [2, 2], padding: pad(0), ceilMode: true, countIncludePad: false },
      [1, 1, 3, 3],
      x
    );
    // (1+2+4+5)/4 = 3, (3+6)/2 = 4.5, (7+8)/2 = 7.5, 9/1 = 9
    expect(r.values).toEqual([3, 4.5, 7.5, 9]);
  });
  it('3x3/2 padding 1, count_include_pad=true divides by 9 including the zeros', async () => {
    const r = await one(
      'avgpool',
      { kernel: [3, 3], stride: [2, 2], padding: pad(1), ceilMode: false },
      [1, 1, 3, 3],
      x
    );
    // sums 1+2+4+5=12, 2+3+5+6=16, 4+5+7+8=24, 5+6+8+9=28, each over 9
    [12 / 9, 16 / 9, 24 / 9, 28 / 9].forEach((v, i) => expect(r.values[i]).toBeCloseTo(v, 5));
  });
  it('3x3/2 padding 1, count_include_pad=false divides by the 4 real pixels', async () => {
    const r = await one(
      'avgpool',
      { kernel: [3, 3], stride: [2, 2], padding: pad(1), ceilMode: false, countIncludePad: false },
      [1, 1, 3, 3],
      x
    );
    [3, 4, 6, 7].forEach((v, i) => expect(r.values[i]).toBeCloseTo(v, 5));
  });
});

describe('adaptive average pooling', () => {
  it('5 -> 3 bins are [0,2), [1,4), [3,5) on both axes', async () => {
    // x[i][j] = 10i + j; a bin's mean is 10*mean(rows) + mean(cols); bin means 0.5, 2, 3.5
    const x = range(25, (k) => 10 * Math.floor(k / 5) + (k % 5));
    const r = await one('adaptiveavgpool', { output: [3, 3] }, [1, 1, 5, 5], x);
    const m = [0.5, 2, 3.5];
    const want = m.flatMap((a) => m.map((b) => 10 * a + b));
    want.forEach((v, i) => expect(r.values[i]).toBeCloseTo(v, 5));
  });
});

describe('resize grids', () => {
  const x = [0, 1, 2, 3]; // [[0,1],[2,3]]: value = 2*row + col, so bilinear output = 2*r + c exactly
  const bilinearTo = (alignCorners: boolean): OpAttrs['upsample'] => ({
    mode: 'bilinear',
    sizeFromInput: true,
    alignCorners
  });
  it('bilinear align_corners=True 2x2 -> 3x3 samples at 0, 0.5, 1', async () => {
    const r = await one('upsample', bilinearTo(true), [1, 1, 2, 2], x, { ref: [1, 1, 3, 3] });
    expect(r.values).toEqual([0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3]);
  });
  it('bilinear align_corners=False 2x2 -> 4x4 samples at (d+0.5)/2-0.5 clamped: 0, .25, .75, 1', async () => {
    const r = await one('upsample', bilinearTo(false), [1, 1, 2, 2], x, { ref: [1, 1, 4, 4] });
    const c = [0, 0.25, 0.75, 1];
    c.flatMap((a) => c.map((b) => 2 * a + b)).forEach((v, i) => expect(r.values[i]).toBeCloseTo(v, 5));
  });
  it('nearest 2 -> 5 picks floor(d*2/5) = 0,0,0,1,1', async () => {
    const r = await one(
      'upsample',
      { mode: 'nearest', sizeFromInput: true, alignCorners: false },
      [1, 1, 1, 2],
      [10, 20],
      { ref: [1, 1, 1, 5] }
    );
    expect(r.values).toEqual([10, 10, 10, 20, 20]);
  });
  it('nearest x2 repeats each pixel; size from a reference input', async () => {
    const r = await one(
      'upsample',
      { mode: 'nearest', scale: 2, alignCorners: false },
      [1, 1, 1, 3],
      [1, 2, 3]
    );
    expect(r.values).toEqual([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3]);
    const s = await one(
      'upsample',
      { mode: 'bilinear', sizeFromInput: true, alignCorners: true },
      [1, 1, 2, 2],
      x,
      {
        ref: [1, 1, 3, 3]
      }
    );
    expect(s.values).toEqual([0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3]);
  });
});

describe('convolutions', () => {
  const conv = (o: Partial<OpAttrs['conv2d']>): OpAttrs['conv2d'] => ({
    outChannels: 1,
    kernel: [3, 3],
    stride: [1, 1],
    dilation: [1, 1],
    groups: 1,
    padding: pad(0),
    bias: false,
    ...o
  });
  it('dilation 2 with stride 2 (not allowed by tfjs directly) counts in-range taps', async () => {
    // 5x5 ones, 3x3 ones kernel, padding 2: out = floor((5+4-5)/2)+1 = 3; output (i,j) reads rows
    // {2i-2, 2i, 2i+2}: 2, 3, 2 of them in range, likewise columns, so out = rows x cols.
    const r = await one(
      'conv2d',
      conv({ stride: [2, 2], dilation: [2, 2], padding: pad(2) }),
      [1, 1, 5, 5],
      range(25, () => 1)
    );
    expect(r.values).toEqual([4, 6, 4, 6, 9, 6, 4, 6, 4]);
  });
  it('asymmetric explicit padding (top 0, bottom 1, left 1, right 0)', async () => {
    // 2x2 ones, 2x2 ones kernel: windows cover 2, 4, 1, 2 real pixels
    const r = await one(
      'conv2d',
      conv({ kernel: [2, 2], padding: { top: 0, bottom: 1, left: 1, right: 0 } }),
      [1, 1, 2, 2],
      [1, 1, 1, 1]
    );
    expect(r.values).toEqual([2, 4, 1, 2]);
  });
  it('groups=2 and depthwise keep channels apart', async () => {
    // channel 0 holds 1, channel 1 holds 10; 1x1 kernels of ones
    const g = await one('conv2d', conv({ outChannels: 4, kernel: [1, 1], groups: 2 }), [1, 2, 1, 1], [1, 10]);
    expect(g.values).toEqual([1, 1, 10, 10]);
    const d = await one('conv2d', conv({ outChannels: 2, kernel: [1, 1], groups: 2 }), [1, 2, 1, 1], [1, 10]);
    expect(d.values).toEqual([1, 10]);
  });
  it('grouped weights [out, in/groups, 1, 1] pair with their own group of inputs', async () => {
    const seq: WeightSource = {
      get: ({ shape }) =>
        Float32Array.from(
          range(
            shape.reduce((a, b) => a * b, 1),
            (k) => k + 1
          )
        )
    };
    // groups=2, 4 -> 2 channels, weight [[1, 2], [3, 4]]: out0 = 1*1 + 2*10 = 21, out1 = 3*100 + 4*1000 = 4300
    const g = await one(
      'conv2d',
      conv({ outChannels: 2, kernel: [1, 1], groups: 2 }),
      [1, 4, 1, 1],
      [1, 10, 100, 1000],
      {
        weights: seq
      }
    );
    expect(g.values).toEqual([21, 4300]);
    // depthwise with multiplier 2: weight [1, 2, 3, 4], output o = c*2 + j reads channel c: [1, 2, 30, 40]
    const d = await one(
      'conv2d',
      conv({ outChannels: 4, kernel: [1, 1], groups: 2 }),
      [1, 2, 1, 1],
      [1, 10],
      { weights: seq }
    );
    expect(d.values).toEqual([1, 2, 30, 40]);
  });
  it('PyTorch weight layout [out, in, kh, kw] reaches the right taps', async () => {
    // weight[o][i][y][x] = 1000o + 100i + 10y + x on a one-hot input at (c=1, y=0, x=1), kernel 2x2,
    // no padding, 2x2 input: the single output of channel o reads weight[o][1][0][1] = 1000o + 101.
    const w: WeightSource = {
      get: ({ shape }) =>
        Float32Array.from(
          range(
            shape.reduce((a, b) => a * b, 1),
            (k) => {
              const [o, i, y, xx] = [Math.floor(k / 8), Math.floor(k / 4) % 2, Math.floor(k / 2) % 2, k % 2];
              return 1000 * o + 100 * i + 10 * y + xx;
            }
          )
        )
    };
    const r = await one(
      'conv2d',
      conv({ outChannels: 2, kernel: [2, 2] }),
      [1, 2, 2, 2],
      [0, 0, 0, 0, 0, 1, 0, 0],
      { weights: w }
    );
    expect(r.values).toEqual([101, 1101]);
  });
});

describe('flatten, linear, batch norm', () => {
  it('flatten follows PyTorch C, H, W order', async () => {
    const r = await one('flatten', {}, [1, 2, 2, 2], range(8));
    expect(r.shape).toEqual([1, 8, 1, 1]);
    expect(r.values).toEqual(range(8));
  });
  it('linear uses weight [out, in] and bias', async () => {
    const w: WeightSource = {
      get: ({ role }) =>
        role === 'weight' ? Float32Array.from([1, 2, 3, 4, 5, 6]) : Float32Array.from([10, 20])
    };
    const b = new GraphBuilder();
    b.add('input', 'input', { channels: 3 }, []);
    b.add('op', 'linear', { outFeatures: 2, bias: true }, ['input']);
    const exec = createExecutor(env.tf, b.build(), { weights: w });
    const run = await exec.run({ input: [1, 3, 1, 1], data: Float32Array.from([1, 1, 1]), read: ['op'] });
    exec.dispose();
    // [1+2+3+10, 4+5+6+20]
    expect(Array.from(run.outputs.get('op')!.data)).toEqual([16, 35]);
  });
  it('batch norm: (x - mean) / sqrt(var + 1e-5) * gamma + beta', async () => {
    const v = { gamma: 2, beta: 1, mean: 0.5, var: 4, weight: 0, bias: 0 };
    const w: WeightSource = { get: ({ role, shape }) => new Float32Array(shape[0]).fill(v[role]) };
    const r = await one('batchnorm', {}, [1, 1, 1, 2], [2.5, 0.5], { weights: w });
    // (2.5-0.5)/2*2+1 = 3; (0.5-0.5)/2*2+1 = 1
    expect(r.values[0]).toBeCloseTo(3, 4);
    expect(r.values[1]).toBeCloseTo(1, 5);
  });
});
