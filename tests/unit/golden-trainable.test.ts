/**
 * trainableLayers against torchvision: parameters with and without requires_grad for the detectors
 * as their builders make them with weights, and for the backbone presets through
 * _resnet_fpn_extractor (scripts/fixtures/trainable_params.py writes the numbers).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { parseValue } from '../../src/lib/models/schema';
import { presetConfig } from '../../src/lib/models/presets';
import { loadFixture } from './golden-fixture';

type Counts = { trainable: number; frozen: number };
const fixture = loadFixture<{
  detectors: Record<string, Record<string, Counts>>;
  backbones: Record<string, { builder: Counts; layers: Record<string, Counts> }>;
}>('trainable_params');

/** Parameter counts do not depend on the input size; 224 keeps the inference small. */
function engine(id: string, trainableLayers?: number): Counts {
  const cfg = presetConfig(id)!;
  const a = analyze(trainableLayers === undefined ? cfg : { ...cfg, trainableLayers }, [224, 224]);
  const t = a.result.totals;
  return { trainable: t.trainable, frozen: t.params - t.trainable };
}

describe('trainable and frozen parameters match torchvision', () => {
  for (const [id, byLayers] of Object.entries(fixture.detectors)) {
    it(`${id} at trainable_backbone_layers 0..5`, () => {
      for (const [n, counts] of Object.entries(byLayers))
        expect(engine(id, Number(n)), `${id} at ${n}`).toEqual(counts);
    });
    it(`${id}'s preset is the builder with weights (3 trainable layers)`, () => {
      expect(engine(id)).toEqual(byLayers['3']);
    });
  }
  for (const [id, { builder, layers }] of Object.entries(fixture.backbones)) {
    it(`${id} through _resnet_fpn_extractor at 0..5`, () => {
      for (const [n, counts] of Object.entries(layers))
        expect(engine(id, Number(n)), `${id} at ${n}`).toEqual(counts);
    });
    it(`${id}'s preset is the builder without weights: everything trains`, () => {
      expect(engine(id)).toEqual(builder);
    });
  }
});

describe('the trainableLayers key', () => {
  it('refuses values outside 0..5 in the user’s terms', () => {
    const r = parseValue('trainableLayers', '6');
    expect(r).toEqual({
      ok: false,
      message: 'trainableLayers="6" is not allowed: trainableLayers must be an integer from 0 to 5'
    });
  });

  it('classifiers and segmenters train every parameter, as torchvision builds them', () => {
    // torchvision's classification and segmentation builders leave requires_grad as nn.Parameter sets it.
    for (const id of ['resnet50', 'fcn_resnet50', 'deeplabv3_resnet50']) {
      const t = analyze(presetConfig(id)!, [224, 224]).result.totals;
      expect(t.trainable, id).toBe(t.params);
    }
  });
});
