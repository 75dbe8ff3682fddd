/**
 * The effective field's gradients against PyTorch autograd (scripts/fixtures/erf_parity.py): on the
 * random-weight checkpoints of weights_parity.py, the gradient of one output unit summed over its
 * channels, with respect to the input, at centre and border cells, an odd input size, FPN levels (the
 * nearest top-down path, P6's max-pool) and PSPNet (dilated stages, adaptive pools, align-corners
 * bilinear upsampling). Check per map: max |ours - torch| / max |torch| <= 1e-4.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pair } from '../../src/lib/core/types';
import { createErfEngine } from '../../src/lib/erf/engine';
import { loadGradients } from '../../src/lib/erf/gradients';
import { buildModel } from '../../src/lib/models/build';
import type { ModelConfig } from '../../src/lib/models/config';
import { presetConfig } from '../../src/lib/models/presets';
import { loadWeights } from '../../src/lib/weights/load';
import { parseSafetensors, readFloat32 } from '../../src/lib/weights/safetensors';
import { FIXTURE_DIR, fixtureBuffer } from '../fixtures/weights/writer';
import { relativeError } from '../parity';
import { useTf } from './tf-backend';

interface Case {
  model: string;
  input: Pair;
  inputKey: string;
  tap: string;
  cell: Pair;
  gradKey: string;
  outShape: number[];
}
const read = (name: string) => JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8'));
const { cases } = read('erf_manifest.json') as { cases: Case[] };
const models = read('manifest.json').models as Record<
  string,
  { preset: string; set: Partial<ModelConfig>; weights: string }
>;
const io = parseSafetensors(fixtureBuffer('erf_io.safetensors'));
const TOLERANCE = 1e-4;

const env = useTf();
beforeAll(loadGradients);

/** One run per model and input size, all its targets at once (one forward pass per sample). */
const groups = new Map<string, Case[]>();
for (const c of cases) groups.set(c.inputKey, [...(groups.get(c.inputKey) ?? []), c]);

describe('gradient maps equal PyTorch autograd', () => {
  it('the fixture covers 13 maps over three checkpoints, border cells and an odd size', () => {
    expect(cases).toHaveLength(13);
    expect(new Set(cases.map((c) => c.model))).toEqual(
      new Set(['resnet18_w8', 'fasterrcnn_w8', 'pspnet_w8'])
    );
    expect(cases.some((c) => c.input[0] % 2 === 1)).toBe(true);
  });

  for (const [key, group] of groups) {
    it(`${key}: ${group.map((c) => `${c.tap} (${c.cell.join(', ')})`).join(', ')}`, async () => {
      const fx = models[group[0].model];
      const model = buildModel({ ...presetConfig(fx.preset)!, ...fx.set });
      const { report, source } = loadWeights(fixtureBuffer(fx.weights), model);
      expect(report.ok).toBe(true);
      const engine = createErfEngine(env.tf, model.graph, { weights: source! });
      try {
        const r = await engine.run({
          input: [1, 3, ...group[0].input],
          data: [readFloat32(io, io.byName.get(key)!)],
          targets: group.map((c) => ({ node: model.graph.taps[c.tap], cell: c.cell })),
          keepRaw: true
        });
        group.forEach((c, i) => {
          const ref = readFloat32(io, io.byName.get(c.gradKey)!);
          const err = relativeError(r.maps[i].raw!, ref);
          expect(err, `${c.tap} (${c.cell})`).toBeLessThanOrEqual(TOLERANCE);
          // The mass map is |gradient| summed over the three input channels.
          const plane = c.input[0] * c.input[1];
          const mass = Float32Array.from({ length: plane }, (_, p) =>
            [0, 1, 2].reduce((s, ch) => s + Math.abs(ref[ch * plane + p]), 0)
          );
          expect(relativeError(r.maps[i].mass, mass), `${c.tap} mass`).toBeLessThanOrEqual(TOLERANCE);
        });
      } finally {
        engine.dispose();
      }
    });
  }
});
