/**
 * Property: for random valid configurations and input sizes, every node's shape in tfjs equals the
 * engine's; where the engine refuses a size (nearest x2 on odd sizes), tfjs fails at the same node.
 */
import { expect, it } from 'vitest';
import { infer } from '../../src/lib/core/infer';
import type { Shape } from '../../src/lib/core/types';
import { useTf } from './tf-backend';
import { createExecutor } from '../../src/lib/exec/executor';
import { mulberry32 } from '../../src/lib/exec/prng';
import { verify } from '../../src/lib/exec/verify';
import { buildModel } from '../../src/lib/models/build';
import { DEFAULT_CONFIG, type ModelConfig } from '../../src/lib/models/config';
import { validateConfig } from '../../src/lib/models/validate';

const COUNT = 36;
const rand = mulberry32(20261124);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const coin = (p = 0.5) => rand() < p;

function randomCase(): { cfg: ModelConfig; size: [number, number] } {
  const cfg: ModelConfig = { ...DEFAULT_CONFIG, width: 16, classes: 10, fpnChannels: 32 };
  // Mostly tiny custom depths; a published depth now and then.
  if (coin(0.25)) cfg.depth = pick([18, 34, 50]);
  else {
    cfg.depth = 0;
    cfg.layers = pick([
      [1, 1, 1, 1],
      [2, 1, 1, 1],
      [1, 2, 1, 1],
      [1, 1, 2, 1]
    ]);
    cfg.block = pick(['basic', 'bottleneck'] as const);
  }
  cfg.style = pick(['torchvision', 'caffe', 'slim'] as const);
  cfg.preact = coin(0.3);
  cfg.stem = pick(['standard', 'deep'] as const);
  cfg.stemPool = pick(['auto', 'auto', 'torch', 'caffe', 'same'] as const);
  cfg.avgDown = coin(0.4);
  cfg.outputStride = pick([32, 16, 8]);
  cfg.head = pick(['none', 'classifier', 'pspnet'] as const);
  let size: [number, number] = [32 + Math.floor(rand() * 65), 32 + Math.floor(rand() * 65)];
  if (cfg.head === 'pspnet') {
    cfg.bins = [1, 2, 3, 6].filter(() => coin(0.7));
    if (!cfg.bins.length) cfg.bins = [2];
    cfg.aux = coin();
  } else if (coin(0.6)) {
    cfg.neck = 'fpn';
    const taps = ['C2', 'C3', 'C4', 'C5'].filter(() => coin(0.6));
    cfg.fpnIn = taps.length ? taps : ['C5'];
    cfg.extra = pick(['none', 'maxpool', 'p6p7'] as const);
    cfg.p6From = pick(['C5', 'P5'] as const);
    cfg.fpnSmooth = pick(['all', 'noTop'] as const);
    cfg.fpnUpsample = pick(['nearest', 'bilinear', 'nearest2x'] as const);
    cfg.fpnAlignCorners = coin();
    if (cfg.fpnUpsample === 'nearest2x') size = [32 * pick([1, 2, 3]), 32 * pick([1, 2, 3])];
  }
  return { cfg, size };
}

const cases = Array.from({ length: COUNT }, randomCase);

const env = useTf();

it(`${COUNT} random configurations: real shapes equal computed shapes`, async () => {
  let refused = 0;
  for (const { cfg, size } of cases) {
    expect(validateConfig(cfg)).toEqual([]);
    const model = buildModel(cfg);
    const input: Shape = [1, 3, size[0], size[1]];
    const expected = infer(model.graph, input);
    const label = `${JSON.stringify(cfg)} at ${size.join('x')}`;
    const exec = createExecutor(env.tf, model.graph);
    try {
      const error = expected.diagnostics.find((d) => d.severity === 'error');
      if (error) {
        refused++;
        await expect(exec.run({ input }), label).rejects.toThrow(error.node);
        continue;
      }
      const run = await exec.run({ input });
      const bad = verify(model.graph, expected, run.shapes).rows.filter((r) => !r.ok);
      expect(bad, label).toEqual([]);
    } finally {
      exec.dispose();
    }
  }
  // Most cases must be real runs, not refusals.
  expect(refused).toBeLessThan(COUNT / 4);
});
