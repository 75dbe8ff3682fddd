/**
 * PSPNet on dilated ResNet-50 against a PyTorch build (torchvision resnet50 with
 * replace_stride_with_dilation=[False, True, True] plus the PPM of docs/conventions.md).
 */
import { describe, expect, it } from 'vitest';
import { analyzePreset, engineTaps, loadFixture, parseSize, type TapShapes } from './golden-fixture';

const fx = loadFixture<{ params: number; sizes: Record<string, TapShapes> }>('pspnet_r50');

describe('pspnet_r50', () => {
  it('records every tap the engine names, at the five sizes', () => {
    expect(Object.keys(fx.sizes)).toEqual(['473x473', '375x500', '97x131', '513x513', '64x64']);
    const taps = ['C2', 'C3', 'C4', 'C5', 'ppm1', 'ppm2', 'ppm3', 'ppm6', 'ppm_concat', 'cls', 'out', 'aux'];
    for (const shapes of Object.values(fx.sizes))
      expect(Object.keys(shapes)).toEqual(expect.arrayContaining(taps));
  });

  for (const [size, taps] of Object.entries(fx.sizes)) {
    it(`tap shapes at ${size} match PyTorch`, () => {
      const a = analyzePreset('pspnet_r50', parseSize(size));
      expect(engineTaps(a, Object.keys(taps))).toEqual(taps);
    });
  }

  it('parameters (backbone without fc, PPM, head, aux) match PyTorch', () => {
    expect(analyzePreset('pspnet_r50', [473, 473]).result.totals.params).toBe(fx.params);
  });

  it('keeps output stride 8 at 473x473 (the PSPNet paper size): C5 is ceil(473 / 8) = 60', () => {
    // conv 7x7/2 pad 3: 237; pool 3x3/2 pad 1: 119; layer2's stride 2: 60; layers 3-4 dilated, stride 1.
    const a = analyzePreset('pspnet_r50', [473, 473]);
    expect(engineTaps(a, ['C5']).C5).toEqual([1, 2048, 60, 60]);
  });
});
