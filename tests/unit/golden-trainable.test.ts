/**
 * trainableLayers against torchvision: parameters with and without requires_grad for the detectors
 * as their builders make them with weights, and for the backbone presets through
 * _resnet_fpn_extractor (scripts/fixtures/trainable_params.py writes the numbers).
 */
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, toCsv } from '../../src/lib/export/csv';
import { toJson } from '../../src/lib/export/json';
import { analyze } from '../../src/lib/models/analyze';
import type { ShapesReport } from '../../src/lib/models/report';
import { parseValue } from '../../src/lib/models/key-values';
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

describe('the exports mark the frozen layers as torchvision counts them', () => {
  // fasterrcnn_resnet50_fpn as its builder makes it with weights: trainable_backbone_layers=3.
  const expected = fixture.detectors.fasterrcnn_resnet50_fpn['3'];
  const a = analyze(presetConfig('fasterrcnn_resnet50_fpn')!, [224, 224]);
  it("CSV: the params of the trainable=false rows are torchvision's frozen count, the true rows the rest", () => {
    const lines = toCsv(a).trimEnd().split('\r\n').slice(1);
    const [pCol, tCol] = ['params', 'trainable'].map((c) => CSV_HEADER.indexOf(c));
    const sum = (flag: string) =>
      lines
        .map((l) => l.split(','))
        .filter((r) => r[tCol] === flag)
        .reduce((s, r) => s + Number(r[pCol]), 0);
    expect({ trainable: sum('true'), frozen: sum('false') }).toEqual(expected);
    // A layer without parameters says neither: a ReLU, and FrozenBatchNorm2d (its tensors are buffers).
    const rows = lines.map((l) => l.split(','));
    for (const op of ['relu', 'batchnorm'])
      expect(new Set(rows.filter((r) => r[2] === op).map((r) => r[tCol])), op).toEqual(new Set(['']));
  });
  it('JSON: frozen: true on exactly those layers', () => {
    const layers = (JSON.parse(toJson('fasterrcnn_resnet50_fpn', a)) as ShapesReport).layers;
    const frozen = layers.filter((l) => l.frozen).reduce((s, l) => s + l.params, 0);
    expect(frozen).toBe(expected.frozen);
    expect(layers.filter((l) => l.frozen).every((l) => /^(stem|C2)\//.test(l.name))).toBe(true);
  });
});
