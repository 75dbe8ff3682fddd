/**
 * Pooling arithmetic by hand, including PyTorch's ceil_mode rules, and the stem pools of the three
 * ResNet placements on odd sizes. Each number is derived beside it and was checked with torch.nn.
 */
import { describe, expect, it } from 'vitest';
import { pool } from '../../src/lib/core/layers';
import { avgpool, maxpool } from '../../src/lib/core/ops/pool';
import { windowAxis } from '../../src/lib/core/spatial';
import { analyzePreset, engineTaps, loadFixture } from './golden-fixture';

describe('max-pool output sizes', () => {
  it('Caffe 3x3/2 pad 0 ceil on 49 gives 24; torchvision 3x3/2 pad 1 gives 25', () => {
    // Caffe: ceil((49 - 3) / 2) + 1 = 23 + 1 = 24. torch: floor((49 + 2 - 3) / 2) + 1 = 24 + 1 = 25.
    expect(maxpool.infer(pool(3, 2, 0, true), [[1, 64, 49, 49]])).toMatchObject({ shape: [1, 64, 24, 24] });
    expect(maxpool.infer(pool(3, 2, 1), [[1, 64, 49, 49]])).toMatchObject({ shape: [1, 64, 25, 25] });
  });

  it('ceil_mode drops a last window that would start in the right padding', () => {
    // 2x2/2 pad 1 ceil on 5: ceil((5 + 2 - 2) / 2) + 1 = 4, but window 4 starts at (4 - 1) * 2 = 6,
    // which is >= 5 + 1 (input plus left padding): PyTorch drops it, giving 3.
    expect(windowAxis(5, 2, 2, 1, { top: 1, bottom: 1, left: 1, right: 1 }, 'h', true).out).toBe(3);
  });

  it('ceil_mode keeps a window that overhangs a too-short input; floor mode gives nothing', () => {
    // 3x3/2 pad 0 on 2: ceil((2 - 3) / 2) + 1 = 0 + 1 = 1 with ceil_mode; floor(-1 / 2) + 1 = 0 without.
    expect(maxpool.infer(pool(3, 2, 0, true), [[1, 64, 2, 2]])).toMatchObject({ shape: [1, 64, 1, 1] });
    expect(maxpool.infer(pool(3, 2, 0), [[1, 64, 2, 2]])).toHaveProperty('error');
    // On 1: ceil((1 - 3) / 2) + 1 = -1 + 1 = 0 even with ceil_mode (PyTorch: "Output size is too small").
    expect(maxpool.infer(pool(3, 2, 0, true), [[1, 64, 1, 1]])).toHaveProperty('error');
  });

  it("TF 'SAME' 3x3/2 on 112 gives 56 with padding 0 + 1", () => {
    // ceil(112 / 2) = 56; total (56 - 1) * 2 + 3 - 112 = 1 -> 0 before, 1 after.
    expect(maxpool.infer(pool(3, 2, 'SAME'), [[1, 64, 112, 112]])).toEqual({
      shape: [1, 64, 56, 56],
      pad: [0, 1, 0, 1]
    });
  });

  it('refuses padding over half the kernel, as PyTorch does', () => {
    expect(maxpool.infer(pool(3, 2, 2), [[1, 64, 10, 10]])).toHaveProperty('error');
  });

  it('has no parameters or MACs', () => {
    expect(maxpool.params(pool(3, 2, 1), [[1, 64, 49, 49]], [1, 64, 25, 25])).toBe(0);
    expect(maxpool.macs(pool(3, 2, 1), [[1, 64, 49, 49]], [1, 64, 25, 25])).toBe(0);
  });
});

describe('avg-pool (ResNet-D shortcut: 2x2/2 ceil_mode, count_include_pad=False)', () => {
  it('on 25 gives 13', () => {
    // ceil((25 - 2) / 2) + 1 = 12 + 1 = 13; the last window (start 24) covers one real pixel.
    const a = { ...pool(2, 2, 0, true), countIncludePad: false };
    expect(avgpool.infer(a, [[1, 256, 25, 25]])).toMatchObject({ shape: [1, 256, 13, 13] });
  });
});

describe('stem pools on a 97x97 input', () => {
  it('conv 49, then 25 (torchvision), 24 (Caffe), 25 (TF SAME)', () => {
    // conv 7x7/2 pad 3: floor((97 + 6 - 7) / 2) + 1 = 49 (TF-slim conv2d_same pads 3 + 3: also 49).
    // torch pool: floor((49 + 2 - 3) / 2) + 1 = 25; Caffe: ceil((49 - 3) / 2) + 1 = 24; SAME: ceil(49 / 2) = 25.
    const taps = (id: string) => engineTaps(analyzePreset(id, [97, 97]), ['C1', 'stem']);
    expect(taps('resnet50')).toEqual({ C1: [1, 64, 49, 49], stem: [1, 64, 25, 25] });
    expect(taps('resnet50_caffe')).toEqual({ C1: [1, 64, 49, 49], stem: [1, 64, 24, 24] });
    expect(taps('slim_resnet_v2_50')).toEqual({ C1: [1, 64, 49, 49], stem: [1, 64, 25, 25] });
  });
});

describe('tiny inputs, against PyTorch', () => {
  const fx = loadFixture<{ models: Record<string, Record<string, boolean>> }>('too_small');

  for (const id of ['resnet50_caffe', 'resnet50']) {
    it(`${id}: the engine refuses exactly the sizes PyTorch refuses (1..7)`, () => {
      for (const [n, refused] of Object.entries(fx.models[id])) {
        const a = analyzePreset(id, [Number(n), Number(n)]);
        expect(
          a.diagnostics.some((d) => d.severity === 'error'),
          `${id} at ${n}x${n}`
        ).toBe(refused);
      }
    });
  }
});
