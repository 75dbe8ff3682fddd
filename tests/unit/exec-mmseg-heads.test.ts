/**
 * MMSegmentation's ASPPHead and FCNHead run in tfjs (cpu): the imported deeplabv3_r50-d8 and
 * fcn_r50-d8 configs and mmseg_heads.py's head variants, through the same check as the presets
 * (exec-preset-check.ts): tfjs's shape at every node equals the engine's at 64x64 and 67x93, the fused
 * plan's taps equal the strict executor's within 1e-4, and every tensor is freed afterwards. The heads
 * need no new op: conv, batch norm, ReLU, adaptive pooling, concat and bilinear resize exist.
 */
import { describe, it } from 'vitest';
import { checkConfigRun } from './exec-preset-check';
import { MMSEG_MODELS, mmsegConfig } from './mmseg-configs';
import { useTf } from './tf-backend';

const env = useTf();

describe('the MMSegmentation heads in tfjs: shapes equal the engine, tensors back to baseline', () => {
  const names = Object.keys(MMSEG_MODELS).filter((n) => !n.endsWith('_ade20k'));
  it.each(names)('%s at 64x64 and 67x93', (name) => checkConfigRun(env, mmsegConfig(name)), 120_000);
});
