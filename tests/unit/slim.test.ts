/**
 * TF-slim placement (stride in the LAST unit of blocks 1-3, block4 stride 1): seed 002's shape table
 * and the receptive fields published by google-research/receptive_field (docs/conventions.md).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { analyzePreset, engineTaps } from './golden-fixture';

describe("seed 002's table: slim resnet_v2_50 at 512x512", () => {
  it('block1..4 are 64x64x256, 32x32x512, 16x16x1024, 16x16x2048', () => {
    // stem: 512 -> conv /2 256 -> pool /2 128; block1's last unit halves to 64, block2's to 32,
    // block3's to 16, block4 has no stride: 16 again.
    const a = analyzePreset('slim_resnet_v2_50', [512, 512]);
    expect(engineTaps(a, ['C2', 'C3', 'C4', 'C5'])).toEqual({
      C2: [1, 256, 64, 64],
      C3: [1, 512, 32, 32],
      C4: [1, 1024, 16, 16],
      C5: [1, 2048, 16, 16]
    });
  });

  it('block1/unit2 is still 128x128 and block1/unit3 (the strided one) gives 64x64, as the seed walks through', () => {
    const a = analyzePreset('slim_resnet_v2_50', [512, 512]);
    const shape = (id: string) => a.result.stats.get(id)?.shape;
    expect(shape('C2/unit2/add')).toEqual([1, 256, 128, 128]);
    expect(shape('C2/unit3/conv2')).toEqual([1, 64, 64, 64]);
  });
});

describe('receptive field at C5 (google-research/receptive_field: resnet_v1_50/101/152 = 483/1027/1507, stride 32)', () => {
  // RF = 1 + sum over windows of (k - 1) * jump. Stem: 7x7/2 gives 7 (jump 2), 3x3/2 pool +2*2 = 11
  // (jump 4). Each unit adds one 3x3 conv, (3 - 1) * jump, the 1x1 convs and the 1x1 subsample add 0;
  // the strided unit is the last of a block, so it still counts at the block's own jump:
  //   block1: 3 units * 2 * 4 = 24 -> 35 (jump 8 after it); block2: units * 2 * 8 (jump 16 after);
  //   block3: units * 2 * 16 (jump 32 after); block4: 3 units * 2 * 32 = 192.
  //   50:  35 + 4*16 + 6*32 + 192 = 35 + 64 + 192 + 192 = 483
  //   101: 35 + 4*16 + 23*32 + 192 = 35 + 64 + 736 + 192 = 1027
  //   152: 35 + 8*16 + 36*32 + 192 = 35 + 128 + 1152 + 192 = 1507
  const expected: Record<number, number> = { 50: 483, 101: 1027, 152: 1507 };
  for (const [depth, rf] of Object.entries(expected)) {
    it(`resnet_v1_${depth}: ${rf}, effective stride 32`, () => {
      const cfg = { ...presetConfig('slim_resnet_v2_50')!, preact: false, depth: Number(depth) };
      const a = analyze(cfg, [512, 512]);
      const stats = a.result.stats.get(a.model.graph.taps.C5);
      expect(stats?.rf?.size).toEqual([rf, rf]);
      expect(stats?.rf?.stride).toEqual([32, 32]);
    });
  }

  it('pre-activation (resnet_v2_50) moves BN and ReLU but no window: also 483', () => {
    const a = analyzePreset('slim_resnet_v2_50', [224, 224]);
    expect(a.result.stats.get(a.model.graph.taps.C5)?.rf?.size).toEqual([483, 483]);
  });
});
