/**
 * The key names and shapes the loader expects, against the state_dict of every whole model as
 * Debian's torchvision builds it (tests/fixtures/torchvision/state_dict_keys.json, written by
 * scripts/fixtures/whole_models.py): the same key set, and the same shape for every key, except
 * BatchNorm2d's num_batches_tracked counters, which the loader ignores by design. FrozenBatchNorm2d
 * has no such counter, so the v1 detectors' files must match exactly as they are.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { expectedTensors } from '../../src/lib/weights/check';

const FIXTURE = join(__dirname, '..', 'fixtures', 'torchvision', 'state_dict_keys.json');
const torchvision = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  models: Record<string, Record<string, number[]>>;
};
const COUNTER = /\.num_batches_tracked$/;

describe('state_dict keys and shapes equal torchvision for every whole model', () => {
  const names = Object.keys(torchvision.models);
  it('the fixture covers the 17 models', () => expect(names.length).toBe(17));

  it.each(names)('%s', (name) => {
    const model = buildModel(presetConfig(name)!);
    const ours = Object.fromEntries(expectedTensors(model).tensors.map((t) => [t.key, t.shape]));
    const theirs = Object.fromEntries(
      Object.entries(torchvision.models[name]).filter(([k]) => !COUNTER.test(k))
    );
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const [key, shape] of Object.entries(theirs)) expect(ours[key], key).toEqual(shape);
  });

  it('the v1 detectors hold FrozenBatchNorm2d buffers (no counters) and the v2 ones BatchNorm2d', () => {
    const counters = (name: string) => Object.keys(torchvision.models[name]).filter((k) => COUNTER.test(k));
    expect(counters('fasterrcnn_resnet50_fpn')).toEqual([]);
    expect(counters('fasterrcnn_resnet50_fpn_v2').length).toBeGreaterThan(50);
    expect(torchvision.models.fasterrcnn_resnet50_fpn['backbone.body.bn1.running_var']).toEqual([64]);
  });
});
