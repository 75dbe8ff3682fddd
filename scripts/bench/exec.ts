/**
 * Executor benchmark in Node: median forward time of a preset at one size, plain (capture off) against
 * capture on (per-node shapes, timings and tap min/mean/max), on wasm or cpu. Weights are made before
 * timing starts (first run, not timed). The lead's runner can call benchExec(); standalone:
 *   npx tsx scripts/bench/exec.ts [preset] [HxW] [wasm|cpu] [runs]
 */
import { pathToFileURL } from 'node:url';
import type { Shape } from '../../src/lib/core/types';
import { loadBackend } from '../../src/lib/exec/backend';
import { createExecutor } from '../../src/lib/exec/executor';
import { buildModel } from '../../src/lib/models/build';
import { resolveConfig } from '../../src/lib/models/resolve';
import { median } from './stats';

export interface ExecBench {
  case: string;
  backend: string;
  nodes: number;
  /** First run: weight generation and upload plus the forward. */
  firstRunMs: number;
  plainMs: number;
  captureMs: number;
  /** captureMs / plainMs. */
  captureRatio: number;
  runs: number;
}

export async function benchExec(
  preset = 'resnet50',
  size = '224x224',
  backend: 'wasm' | 'cpu' = 'wasm',
  runs = 5
): Promise<ExecBench> {
  const r = resolveConfig(preset, size, []);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const { config, input } = r.value;
  const { tf, info } = await loadBackend([backend]);
  const model = buildModel(config);
  const shape: Shape = [config.batch, config.inChannels, input[0], input[1]];
  const exec = createExecutor(tf, model.graph);
  try {
    const t0 = performance.now();
    await exec.run({ input: shape, capture: false });
    const firstRunMs = performance.now() - t0;
    const plain: number[] = [];
    const capture: number[] = [];
    // Interleaved, so drift (thermal, other processes) affects both alike.
    for (let i = 0; i < runs; i++) {
      plain.push((await exec.run({ input: shape, capture: false, yieldEveryMs: Infinity })).totalMs);
      capture.push((await exec.run({ input: shape, capture: true, yieldEveryMs: Infinity })).totalMs);
    }
    const plainMs = median(plain);
    const captureMs = median(capture);
    return {
      case: `${preset} at ${input.join('x')}`,
      backend: info.backend,
      nodes: model.graph.nodes.length,
      firstRunMs,
      plainMs,
      captureMs,
      captureRatio: captureMs / plainMs,
      runs
    };
  } finally {
    exec.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [preset, size, backend, runs] = process.argv.slice(2);
  benchExec(preset, size, (backend as 'wasm' | 'cpu') ?? 'wasm', runs ? Number(runs) : 5)
    .then((b) => console.log(JSON.stringify(b, null, 2)))
    .catch((err) => {
      console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
