import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ModelConfig } from '../../src/lib/models/config';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { checkWeights, expectedTensors } from '../../src/lib/weights/check';
import { describeReport, loadWeights } from '../../src/lib/weights/load';
import { parseSafetensors } from '../../src/lib/weights/safetensors';
import { type RawTensor, fixtureBuffer, readAll, writeSafetensors } from '../fixtures/weights/writer';

const model = (preset: string, set: Partial<ModelConfig> = {}) =>
  buildModel({ ...presetConfig(preset)!, ...set });
const r18 = () => model('resnet18', { width: 8, classes: 10 });
const frcnn = () => model('fasterrcnn_resnet50_fpn_backbone', { width: 8, fpnChannels: 32 });

/** The fixture with its tensors rewritten by `edit` (return null to drop one). */
function edited(name: string, edit: (key: string, t: RawTensor) => [string, RawTensor] | null) {
  const tensors = readAll(fixtureBuffer(name))
    .map(([k, t]) => edit(k, t))
    .filter((e): e is [string, RawTensor] => e !== null);
  return parseSafetensors(writeSafetensors(tensors));
}

describe('checking a checkpoint against the graph', () => {
  it('accepts the PyTorch-written resnet18 and ignores the 20 num_batches_tracked buffers', () => {
    const { report } = checkWeights(parseSafetensors(fixtureBuffer('resnet18_w8.safetensors')), r18());
    expect(report.ok).toBe(true);
    expect(report.tensorCount).toBe(122);
    expect(report.matched).toBe(102);
    expect(report.ignored.length).toBe(20);
    expect(report.ignored.every((k) => k.endsWith('num_batches_tracked'))).toBe(true);
    expect(report.converted).toEqual([]);
  });

  it('reports a removed key as missing and a renamed one as missing plus unexpected', () => {
    const file = edited('resnet18_w8.safetensors', (k, t) => {
      if (k === 'layer1.0.conv1.weight') return null;
      return [k === 'fc.weight' ? 'classifier.weight' : k, t];
    });
    const { report } = checkWeights(file, r18());
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual([
      { key: 'layer1.0.conv1.weight', node: 'C2/unit1/conv1' },
      { key: 'fc.weight', node: 'head/fc' }
    ]);
    expect(report.unexpected).toEqual(['classifier.weight']);
    expect(describeReport(report)[1]).toBe('2 missing: layer1.0.conv1.weight, fc.weight');
  });

  it('reports wrong shapes with expected and found: a width-8 file on a width-16 model', () => {
    const { report } = checkWeights(
      parseSafetensors(fixtureBuffer('resnet18_w8.safetensors')),
      model('resnet18', { width: 16, classes: 10 })
    );
    expect(report.ok).toBe(false);
    // torchvision conv1: Conv2d(3, width, 7) -> [width, 3, 7, 7]; bn1 vectors have `width` entries.
    expect(report.wrongShape[0]).toEqual({
      key: 'conv1.weight',
      node: 'stem/conv1',
      expected: [16, 3, 7, 7],
      found: [8, 3, 7, 7]
    });
    expect(report.wrongShape[1]).toEqual({ key: 'bn1.weight', node: 'stem/bn1', expected: [16], found: [8] });
    // fc is Linear(8 * width, classes): [10, 128] expected, [10, 64] found.
    expect(report.wrongShape.find((w) => w.key === 'fc.weight')).toMatchObject({
      expected: [10, 128],
      found: [10, 64]
    });
    expect(
      loadWeights(fixtureBuffer('resnet18_w8.safetensors'), model('resnet18', { width: 16, classes: 10 }))
        .source
    ).toBeNull();
  });

  it('reports integer tensors where floats are needed', () => {
    const file = edited('resnet18_w8.safetensors', (k, t) => [
      k,
      k === 'bn1.running_var' ? { ...t, dtype: 'I32' } : t
    ]);
    const { report } = checkWeights(file, r18());
    expect(report.unsupported).toEqual([{ key: 'bn1.running_var', dtype: 'I32' }]);
    expect(report.ok).toBe(false);
  });

  it('loads float16 by converting, and counts the conversions', () => {
    const { report, source } = loadWeights(fixtureBuffer('resnet18_w8_f16.safetensors'), r18());
    expect(report.ok).toBe(true);
    expect(report.converted).toEqual([{ from: 'F16', count: 102 }]);
    const half = source!.get({ node: 'stem/conv1', role: 'weight', shape: [8, 3, 7, 7], fanIn: 3 * 7 * 7 });
    const full = loadWeights(fixtureBuffer('resnet18_w8.safetensors'), r18()).source!;
    const ref = full.get({ node: 'stem/conv1', role: 'weight', shape: [8, 3, 7, 7], fanIn: 3 * 7 * 7 });
    // Rounding to half keeps 11 significant bits: relative error at most 2^-11 (normal range).
    ref.forEach((v, i) =>
      expect(Math.abs(half[i] - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25)
    );
  });

  it('finds the prefix: DataParallel `module.` and a checkpoint of model.backbone only', () => {
    const wrapped = edited('resnet18_w8.safetensors', (k, t) => [`module.${k}`, t]);
    const a = checkWeights(wrapped, r18()).report;
    expect(a.ok).toBe(true);
    expect(a.prefix).toEqual({ outer: 'module.', stripped: '' });
    const backboneOnly = edited('fasterrcnn_w8.safetensors', (k, t) => [k.replace(/^backbone\./, ''), t]);
    const b = checkWeights(backboneOnly, frcnn()).report;
    expect(b.ok).toBe(true);
    expect(b.prefix).toEqual({ outer: '', stripped: 'backbone.' });
  });

  it('accepts torchvision < 0.13 FPN names (no `.0`) and ignores the detection heads', () => {
    const file = edited('fasterrcnn_w8.safetensors', (k, t) => [k.replace(/(_blocks\.\d+)\.0\./, '$1.'), t]);
    const withHead = parseSafetensors(
      writeSafetensors([
        ...readAll(fixtureBuffer('fasterrcnn_w8.safetensors')),
        ['rpn.head.conv.0.0.weight', { dtype: 'F32', shape: [1], bytes: new Uint8Array(4) }]
      ])
    );
    expect(file.byName.has('backbone.fpn.inner_blocks.0.weight')).toBe(true);
    expect(checkWeights(file, frcnn()).report.ok).toBe(true);
    const r = checkWeights(withHead, frcnn()).report;
    expect(r.ok).toBe(true);
    expect(r.ignored).toContain('rpn.head.conv.0.0.weight');
  });

  it('refuses architectures without a torchvision layout, in words', () => {
    const { report } = loadWeights(fixtureBuffer('resnet18_w8.safetensors'), model('slim_resnet_v2_50'));
    expect(report.error).toMatch(/TF-slim and pre-activation ResNets have no torchvision checkpoint layout/);
    expect(describeReport(report)[0]).toMatch(/^weights not loaded/);
  });

  it('expects exactly torchvision resnet50: 267 tensors besides num_batches_tracked, 25,557,032 parameters', () => {
    // torchvision resnet50 state_dict: 320 entries, 53 of them num_batches_tracked (53 BN layers);
    // parameter count 25,557,032 (docs/conventions.md); running mean/var are buffers, not parameters.
    const { tensors } = expectedTensors(buildModel({ ...DEFAULT_CONFIG, depth: 50 }));
    expect(tensors.length).toBe(267);
    const params = tensors
      .filter((t) => t.role !== 'mean' && t.role !== 'var')
      .reduce((a, t) => a + t.shape!.reduce((x, y) => x * y, 1), 0);
    expect(params).toBe(25_557_032);
  });

  it('names the PSPNet tensors as scripts/fixtures/golden_models.py builds them', () => {
    const shapes = new Map(expectedTensors(model('pspnet_r50')).tensors.map((t) => [t.key, t.shape]));
    // From the Python module: ppm[i] = (AdaptiveAvgPool2d, Conv2d(2048, 512, 1), BN(512), ReLU);
    // cls_conv = (Conv2d(4096, 512, 3), BN, ReLU, Dropout); cls = Conv2d(512, 21, 1);
    // aux = (Conv2d(1024, 256, 3), BN, ReLU, Dropout, Conv2d(256, 21, 1)).
    expect(shapes.get('ppm.3.1.weight')).toEqual([512, 2048, 1, 1]);
    expect(shapes.get('ppm.0.2.running_var')).toEqual([512]);
    expect(shapes.get('cls_conv.0.weight')).toEqual([512, 4096, 3, 3]);
    expect(shapes.get('cls.bias')).toEqual([21]);
    expect(shapes.get('aux.0.weight')).toEqual([256, 1024, 3, 3]);
    expect(shapes.get('aux.4.weight')).toEqual([21, 256, 1, 1]);
  });

  it('gives a clear message for a file that is not safetensors, without throwing', () => {
    const { report, source } = loadWeights(
      new TextEncoder().encode('PK\u0003\u0004 a zip, not weights').buffer,
      r18()
    );
    expect(source).toBeNull();
    expect(describeReport(report)).toEqual([
      expect.stringMatching(/^weights not loaded: not a safetensors file/)
    ]);
  });

  it('warns before the run about NaN and infinite weights, naming the tensors, and still loads', () => {
    // conv1.weight gets 2 NaN, bn1.running_var +Inf, layer1.0.bn1.bias one NaN and one -Inf.
    const poison: Record<string, number[]> = {
      'conv1.weight': [NaN, 1, 2, 3, 4, NaN],
      'bn1.running_var': [Infinity],
      'layer1.0.bn1.bias': [-Infinity, NaN]
    };
    const buffer = writeSafetensors(
      readAll(fixtureBuffer('resnet18_w8.safetensors')).map(([k, t]) => {
        if (poison[k]) new Float32Array(t.bytes.buffer).set(poison[k]);
        return [k, t];
      })
    );
    const { report, source } = loadWeights(buffer, r18());
    expect(report.ok).toBe(true);
    expect(source).not.toBeNull();
    expect(report.nonFinite).toEqual([
      { key: 'conv1.weight', nan: 2, inf: 0 },
      { key: 'bn1.running_var', nan: 0, inf: 1 },
      { key: 'layer1.0.bn1.bias', nan: 1, inf: 1 }
    ]);
    expect(describeReport(report)[1]).toBe(
      'warning: 3 tensors hold NaN or infinite values, so the layers using them will output NaN or infinity: ' +
        'conv1.weight (2 NaN), bn1.running_var (1 infinite), layer1.0.bn1.bias (1 NaN, 1 infinite)'
    );
  });

  it('lists the first five poisoned tensors and counts the rest', () => {
    const keys = ['conv1.weight', 'bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var'];
    const more = ['layer1.0.conv1.weight', 'fc.bias'];
    const buffer = writeSafetensors(
      readAll(fixtureBuffer('resnet18_w8.safetensors')).map(([k, t]) => {
        if ([...keys, ...more].includes(k)) new Float32Array(t.bytes.buffer)[0] = NaN;
        return [k, t];
      })
    );
    const line = describeReport(loadWeights(buffer, r18()).report)[1];
    expect(line).toMatch(/^warning: 7 tensors hold NaN/);
    expect(line).toMatch(/bn1\.running_var \(1 NaN\), and 2 more$/);
    expect(line).not.toContain('fc.bias');
  });

  it('has no warning for the clean PyTorch fixture', () => {
    const { report } = loadWeights(fixtureBuffer('resnet18_w8.safetensors'), r18());
    expect(report.nonFinite).toEqual([]);
    expect(describeReport(report)).toEqual(['weights loaded: 102 tensors, every shape confirmed']);
  });
});
