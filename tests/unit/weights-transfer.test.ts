/** The checked source from the loader and its copy in the worker refuse the same requests, in the same words. */
import { describe, expect, it } from 'vitest';
import { packWeights, unpackWeights } from '../../src/lib/exec/worker-protocol';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { loadWeights } from '../../src/lib/weights/load';
import { fixtureBuffer } from '../fixtures/weights/writer';

describe('checkpoint tensors on the page and in the worker', () => {
  const model = buildModel({ ...presetConfig('resnet18')!, width: 8, classes: 10 });
  const source = loadWeights(fixtureBuffer('resnet18_w8.safetensors'), model).source!;
  const entries = packWeights(model.graph, source);
  const copy = unpackWeights(entries);

  it('packs every used tensor once: 102 for torchvision resnet18 (122 minus 20 num_batches_tracked)', () => {
    expect(entries.length).toBe(102);
    expect(new Set(entries.map((e) => `${e.node}#${e.role}`)).size).toBe(102);
  });

  it('gives the same values, and refuses a wrong shape or a missing tensor with the same message', () => {
    // torchvision conv1 at width 8: Conv2d(3, 8, 7) -> [8, 3, 7, 7], fan-in 3 * 7 * 7.
    const req = { node: 'stem/conv1', role: 'weight' as const, shape: [8, 3, 7, 7], fanIn: 147 };
    expect(Array.from(copy.get(req))).toEqual(Array.from(source.get(req)));
    for (const s of [source, copy]) {
      expect(() => s.get({ ...req, shape: [8, 3, 3, 3] })).toThrow(
        'weight of stem/conv1: the checkpoint has shape [8, 3, 7, 7], the layer needs [8, 3, 3, 3]'
      );
      expect(() => s.get({ ...req, node: 'stem/conv9' })).toThrow(
        'the checkpoint has no weight for layer stem/conv9'
      );
    }
  });
});
