/**
 * ResNet variants built in PyTorch outside torchvision: seed 000's FPN, the paper/Caffe placement,
 * ResNet-50-D, and the FPN paper's nearest x2 top-down path on ResNet-34.
 */
import { describe, expect, it } from 'vitest';
import { analyzePreset, as4d, engineTaps, loadFixture, parseSize, type TapShapes } from './golden-fixture';

interface Tapped {
  params: number;
  sizes: Record<string, TapShapes>;
}

const FOUR = ['224x224', '375x500', '97x131', '513x513'];

for (const id of ['fpn_resnet50_seed', 'resnet50_caffe', 'resnet50_v1d']) {
  const fx = loadFixture<Tapped>(id);
  describe(id, () => {
    it('has fixtures at 224 and the odd sizes', () => expect(Object.keys(fx.sizes)).toEqual(FOUR));
    for (const [size, taps] of Object.entries(fx.sizes)) {
      it(`tap shapes at ${size} match PyTorch`, () => {
        const a = analyzePreset(id, parseSize(size));
        expect(engineTaps(a, Object.keys(taps))).toEqual(as4d(taps));
      });
    }
    it('parameters match PyTorch', () => {
      expect(analyzePreset(id, [224, 224]).result.totals.params).toBe(fx.params);
    });
  });
}

describe('Caffe stem pool on odd sizes', () => {
  it('differs from torchvision on 97: conv 49 -> pool 24 (Caffe pad 0 ceil) vs 25 (torch pad 1)', () => {
    // conv 7x7/2 pad 3 on 97: floor((97 + 6 - 7) / 2) + 1 = 49.
    // torchvision pool 3x3/2 pad 1: floor((49 + 2 - 3) / 2) + 1 = 25; Caffe pad 0 ceil: ceil((49 - 3) / 2) + 1 = 24.
    const stem = (id: string) => engineTaps(analyzePreset(id, [97, 97]), ['stem']).stem;
    expect(stem('resnet50')).toEqual([1, 64, 25, 25]);
    expect(stem('resnet50_caffe')).toEqual([1, 64, 24, 24]);
  });
});

describe('fpn_resnet34_paper (nearest x2 top-down)', () => {
  const fx = loadFixture<{ params: number; sizes: Record<string, TapShapes & { error?: { at: string } }> }>(
    'fpn_resnet34_paper'
  );

  for (const size of ['224x224', '512x512']) {
    it(`tap shapes at ${size} match PyTorch`, () => {
      const taps = fx.sizes[size];
      expect(engineTaps(analyzePreset('fpn_resnet34_paper', parseSize(size)), Object.keys(taps))).toEqual(
        taps
      );
    });
  }

  it('parameters (ResNet-34 without fc, laterals, smoothing convs) match PyTorch', () => {
    expect(analyzePreset('fpn_resnet34_paper', [224, 224]).result.totals.params).toBe(fx.params);
  });

  it('at 400x400 reports the add PyTorch refuses, and still computes the backbone', () => {
    // C5 = 13x13 doubles to 26x26 against C4's 25x25 lateral: PyTorch raises at P4's add.
    const { error, ...backbone } = fx.sizes['400x400'];
    expect(error?.at).toBe('P4');
    const a = analyzePreset('fpn_resnet34_paper', [400, 400]);
    expect(engineTaps(a, Object.keys(backbone))).toEqual(backbone);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.node)).toEqual([`neck/${error?.at}/add`]);
    expect(engineTaps(a, ['P2', 'P3', 'P4'])).toEqual({ P2: null, P3: null, P4: null });
  });
});
