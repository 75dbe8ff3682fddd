/**
 * A small model that exercises every kernel family (deep stem, avg-down with ceil_mode, dilation,
 * adaptive pools, align-corners bilinear, concat, dropout) for cross-backend checks: a Playwright test
 * runs it on webgl and on cpu in the same page and compares with `relativeError` (expect < 1e-3).
 */
import { infer } from '../src/lib/core/infer';
import type { Shape } from '../src/lib/core/types';
import { buildModel } from '../src/lib/models/build';
import { DEFAULT_CONFIG, type ModelConfig } from '../src/lib/models/config';
import { createExecutor } from '../src/lib/exec/executor';
import type { Tf } from '../src/lib/exec/tf';
import { verify } from '../src/lib/exec/verify';

export const PARITY_CONFIG: ModelConfig = {
  ...DEFAULT_CONFIG,
  depth: 0,
  layers: [1, 1, 1, 1],
  block: 'bottleneck',
  width: 8,
  stem: 'deep',
  avgDown: true,
  outputStride: 8,
  head: 'pspnet',
  classes: 5,
  aux: true
};
export const PARITY_INPUT: Shape = [1, 3, 45, 52];

export interface ParityResult {
  backend: string;
  /** NCHW values per tap (C1..C5, ppm taps, cls, out, aux). */
  taps: Record<string, { shape: Shape; data: Float32Array }>;
  /** e.g. "60 of 60 shapes confirmed by tfjs". */
  shapes: string;
}

/** Runs the parity model on the backend that is active in `tf` (call tf.setBackend first). */
export async function parityForward(tf: Tf, input: Shape = PARITY_INPUT): Promise<ParityResult> {
  const model = buildModel(PARITY_CONFIG);
  const ids = Object.entries(model.graph.taps).filter(([name]) => name !== 'input');
  const exec = createExecutor(tf, model.graph);
  try {
    const run = await exec.run({ input, read: ids.map(([, id]) => id) });
    const taps: ParityResult['taps'] = {};
    for (const [name, id] of ids) taps[name] = run.outputs.get(id)!;
    const report = verify(model.graph, infer(model.graph, input), run.shapes);
    return { backend: run.backend, taps, shapes: report.summary };
  } finally {
    exec.dispose();
  }
}

/** max |a - b| over max |b|: scale-free, and not blown up by values near zero. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}
