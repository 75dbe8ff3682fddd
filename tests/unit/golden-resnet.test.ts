/** torchvision resnet18..152: tap shapes, parameters and MACs against PyTorch and the published figures. */
import { describe, expect, it } from 'vitest';
import { analyzePreset, as4d, engineTaps, loadFixture, parseSize, type TapShapes } from './golden-fixture';

interface Classifiers {
  models: Record<string, { params: number; macs_224: number; sizes: Record<string, TapShapes> }>;
}
const fx = loadFixture<Classifiers>('classifiers');

// docs/conventions.md "Published figures the tests use" (torchvision model docs): params with the 1000-class fc,
// and torchvision's "GFLOPS" at 224x224, which are multiply-accumulates.
const PUBLISHED: Record<string, { params: number; gmacs: number }> = {
  resnet18: { params: 11_689_512, gmacs: 1.81 },
  resnet34: { params: 21_797_672, gmacs: 3.66 },
  resnet50: { params: 25_557_032, gmacs: 4.09 },
  resnet101: { params: 44_549_160, gmacs: 7.8 },
  resnet152: { params: 60_192_808, gmacs: 11.51 }
};

describe('torchvision classifiers', () => {
  for (const [id, model] of Object.entries(fx.models)) {
    describe(id, () => {
      for (const [size, taps] of Object.entries(model.sizes)) {
        it(`tap shapes at ${size} match PyTorch`, () => {
          const a = analyzePreset(id, parseSize(size));
          expect(engineTaps(a, Object.keys(taps))).toEqual(as4d(taps));
          expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        });
      }

      it('parameters match PyTorch and the published count', () => {
        const { totals } = analyzePreset(id, [224, 224]).result;
        expect(totals.params).toBe(model.params);
        expect(totals.params).toBe(PUBLISHED[id].params);
      });

      it('MACs at 224x224 match the forward-hook count exactly and the published GFLOPS to 2 decimals', () => {
        const { totals } = analyzePreset(id, [224, 224]).result;
        expect(totals.macs).toBe(model.macs_224);
        expect(Math.round(totals.macs / 1e7) / 100).toBe(PUBLISHED[id].gmacs);
      });
    });
  }

  it('covers all five depths and the odd sizes for 18, 50 and 101', () => {
    expect(Object.keys(fx.models)).toEqual(Object.keys(PUBLISHED));
    for (const id of ['resnet18', 'resnet50', 'resnet101']) {
      expect(Object.keys(fx.models[id].sizes)).toEqual([
        '224x224',
        '375x500',
        '97x131',
        '513x513',
        '64x64',
        '67x93'
      ]);
    }
  });
});
