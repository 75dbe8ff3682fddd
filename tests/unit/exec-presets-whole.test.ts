/**
 * Every detector and segmenter preset, heads included, runs in tfjs at 64x64 and 67x93 with every node's
 * shape equal to the engine's and the fused plan equal to the strict executor (exec-preset-check.ts).
 * Whole detectors run with the transform off (it would resize to 800 pixels) and on few regions; their
 * transform and RoI heads at full counts are covered by the parity fixtures.
 */
import { describe, it } from 'vitest';
import { DETECTORS } from '../../src/lib/models/presets/detection';
import { SEGMENTERS } from '../../src/lib/models/presets/segmentation';
import { checkPresetRun } from './exec-preset-check';
import { useTf } from './tf-backend';

const env = useTf();

describe('every detector and segmenter preset: tfjs shapes equal the engine shapes', () => {
  it.each([...DETECTORS, ...SEGMENTERS].map((p) => p.id))('%s at 64x64 and 67x93', (id) =>
    checkPresetRun(env, id)
  );
});
