/**
 * Small models that exercise every kernel family for cross-backend checks: a Playwright test runs them
 * on webgl and on cpu in the same page and compares with `relativeError` (expect < 1e-3). The first
 * (deep stem, avg-down with ceil_mode, dilation, adaptive pools, align-corners bilinear, concat,
 * dropout) is PARITY_CONFIG; the whole-model ones add the detection transform, FrozenBatchNorm2d,
 * RoIAlign on every level, transposed convs, the keypoint upsampling and GroupNorm.
 */
import { infer } from '../src/lib/core/infer';
import type { Shape } from '../src/lib/core/types';
import { buildModel } from '../src/lib/models/build';
import { DEFAULT_CONFIG, type ModelConfig } from '../src/lib/models/config';
import { presetConfig } from '../src/lib/models/presets';
import { createExecutor } from '../src/lib/exec/executor';
import type { ExecutionMode } from '../src/lib/exec/fusion';
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

/** One bottleneck per stage at width 8, narrow heads: whole models that run in a second. */
const NARROW: Partial<ModelConfig> = {
  depth: 0,
  layers: [1, 1, 1, 1],
  block: 'bottleneck',
  width: 8,
  classes: 5
};
const ROI: Partial<ModelConfig> = {
  boxFcDim: 32,
  maskConvDim: 16,
  keypointConvDim: 16,
  proposals: 8,
  detections: 4
};
const whole = (preset: string, set: Partial<ModelConfig>): ModelConfig => ({
  ...DEFAULT_CONFIG,
  ...presetConfig(preset),
  ...NARROW,
  ...set
});

export const PARITY_MODELS: Record<string, { config: ModelConfig; input: Shape }> = {
  pspnet: { config: PARITY_CONFIG, input: PARITY_INPUT },
  // The transform on an odd input: 50x70 resized by 0.96 to 48x67, padded to 64x96.
  maskrcnn: {
    config: whole('maskrcnn_resnet50_fpn', { ...ROI, fpnChannels: 16, minSize: 48, maxSize: 80 }),
    input: [1, 3, 50, 70]
  },
  keypointrcnn: {
    config: whole('keypointrcnn_resnet50_fpn', { ...ROI, fpnChannels: 16, keypoints: 3, transform: 'none' }),
    input: [1, 3, 64, 64]
  },
  // GroupNorm(32) heads; at 64x129 P7 is 1x2.
  retinanet_v2: {
    config: whole('retinanet_resnet50_fpn_v2', { fpnChannels: 32, transform: 'none' }),
    input: [1, 3, 64, 129]
  }
};

export interface ParityResult {
  backend: string;
  /** NCHW values per tap (C1..C5, ppm taps, cls, out, aux; the heads' taps for whole models). */
  taps: Record<string, { shape: Shape; data: Float32Array }>;
  /** e.g. "60 of 60 shapes confirmed by tfjs". */
  shapes: string;
}

/** Runs a parity model on the backend that is active in `tf` (call tf.setBackend first). */
export async function parityForward(
  tf: Tf,
  input: Shape = PARITY_INPUT,
  config: ModelConfig = PARITY_CONFIG,
  mode: ExecutionMode = 'fused'
): Promise<ParityResult> {
  const model = buildModel(config);
  const ids = Object.entries(model.graph.taps).filter(([name]) => name !== 'input');
  const exec = createExecutor(tf, model.graph, { mode });
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
