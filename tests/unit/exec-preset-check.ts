/**
 * One preset (or config) through tfjs at 64x64 and at the odd 67x93: at every node the shape tfjs produced equals
 * the engine's; at 64x64 the fused plan's taps equal the strict executor's within 1e-4 relative.
 * Shared by exec-presets.test.ts (classifiers and backbones) and exec-presets-whole.test.ts (detectors
 * and segmenters), two files so that Vitest's two workers share the runs.
 */
import { expect } from 'vitest';
import { infer } from '../../src/lib/core/infer';
import { createExecutor } from '../../src/lib/exec/executor';
import type { Tf } from '../../src/lib/exec/tf';
import { verify } from '../../src/lib/exec/verify';
import { buildModel } from '../../src/lib/models/build';
import type { ModelConfig } from '../../src/lib/models/config';
import { presetConfig } from '../../src/lib/models/presets';
import { relativeError } from '../parity';
import { nonTrivialNorms } from './norm-weights';

type Env = { readonly tf: Tf; readonly baseline: number };

export const checkPresetRun = (env: Env, id: string) => checkConfigRun(env, presetConfig(id)!);

/** The same check for any config (exec-mmseg-heads.test.ts runs imported ones). */
export async function checkConfigRun(env: Env, cfg: ModelConfig) {
  const small: Partial<ModelConfig> =
    cfg.transform === 'torchvision' ? { transform: 'none', proposals: 8, detections: 4 } : {};
  const model = buildModel({ ...cfg, ...small });
  const weights = nonTrivialNorms();
  const exec = createExecutor(env.tf, model.graph, { weights });
  const strict = createExecutor(env.tf, model.graph, { weights, mode: 'strict' });
  const read = Object.values(model.graph.taps).filter((t) => t !== 'input');
  try {
    for (const [h, w] of [
      [64, 64],
      [67, 93]
    ]) {
      const input: [number, number, number, number] = [1, 3, h, w];
      const expected = infer(model.graph, input);
      const error = expected.diagnostics.find((d) => d.severity === 'error');
      if (error) {
        // nearest x2 FPNs cannot take 67x93 (docs/conventions.md): tfjs must refuse at the same node.
        await expect(exec.run({ input })).rejects.toThrow(new RegExp(`^${error.node}: cannot add`));
        continue;
      }
      const run = await exec.run({ input, read: h === 64 ? read : [] });
      const report = verify(model.graph, expected, run.shapes);
      expect(report.rows.filter((r) => !r.ok)).toEqual([]);
      expect(report.confirmed).toBe(model.graph.nodes.length);
      // every tap got statistics, and they are finite numbers
      const taps = model.graph.nodes.filter((n) => n.tap).map((n) => n.id);
      expect([...run.stats.keys()].sort()).toEqual([...taps].sort());
      for (const s of run.stats.values()) expect(Number.isFinite(s.min + s.mean + s.max)).toBe(true);
      if (h !== 64) continue;
      const ref = await strict.run({ input, read, capture: false });
      expect(ref.folded.size).toBe(0);
      for (const id of read)
        expect(relativeError(run.outputs.get(id)!.data, ref.outputs.get(id)!.data), id).toBeLessThanOrEqual(
          1e-4
        );
    }
    // Every preset with batch norms folds some of them into their convs.
    const run = await exec.run({ input: [1, 3, 64, 64], capture: false });
    const norms = model.graph.nodes.filter((n) => n.op === 'batchnorm');
    if (norms.length) expect(norms.filter((n) => run.folded.has(n.id)).length).toBeGreaterThan(0);
  } finally {
    exec.dispose();
    strict.dispose();
  }
  expect(env.tf.memory().numTensors).toBe(env.baseline);
}
