/**
 * Every classifier and backbone preset runs in tfjs (detectors and segmenters: exec-presets-whole.test.ts) at 64x64 and at the odd 67x93, and at every node the shape tfjs produced
 * equals the engine's. The engine is an independent implementation (core/ops), so agreement
 * confirms both; tensors must all be freed afterwards. The runs use the fused plan (the default); at
 * 64x64 the strict, node-by-node executor runs too and every tap's values must agree within 1e-4
 * relative (src/lib/exec/fusion.ts; batch norms with non-trivial statistics, so folding matters). Whole detectors run with the transform off
 * (it would resize to 800 pixels) and on few regions, so the suite stays fast; their transform and
 * RoI heads at full counts are covered by exec-detection.test.ts and the parity fixtures.
 */
import { describe, expect, it } from 'vitest';
import { infer } from '../../src/lib/core/infer';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { CLASSIFIERS } from '../../src/lib/models/presets/classifiers';
import { checkPresetRun } from './exec-preset-check';
import { useTf } from './tf-backend';

const env = useTf();

it('the nearest x2 preset really is refused by the engine at 67x93 (so the refusal path is tested)', () => {
  const model = buildModel(presetConfig('fpn_resnet34_paper')!);
  expect(infer(model.graph, [1, 3, 67, 93]).diagnostics.some((d) => d.severity === 'error')).toBe(true);
});

describe('every classifier and backbone preset: tfjs shapes equal the engine shapes', () => {
  it.each(CLASSIFIERS.map((p) => p.id))('%s at 64x64 and 67x93', (id) => checkPresetRun(env, id));
});
