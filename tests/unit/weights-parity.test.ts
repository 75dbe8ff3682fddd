/**
 * Loader + executor against PyTorch: the fixtures (scripts/fixtures/weights_parity.py) hold random-weight
 * checkpoints with non-trivial BN statistics, an input, and PyTorch's output at every tap. The check
 * per tap is max |ours - torch| / max |torch| <= 1e-4 (float32; one scale per tensor, so near-zero
 * elements are judged against the tensor's magnitude rather than their own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBackend } from '../../src/lib/exec/backend';
import { createExecutor } from '../../src/lib/exec/executor';
import type { Tf } from '../../src/lib/exec/tf';
import type { WeightSource } from '../../src/lib/exec/weights';
import type { ModelConfig } from '../../src/lib/models/config';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { loadWeights } from '../../src/lib/weights/load';
import { parseSafetensors, readFloat32 } from '../../src/lib/weights/safetensors';
import { FIXTURE_DIR, fixtureBuffer } from '../fixtures/weights/writer';

interface FixtureModel {
  preset: string;
  set: Partial<ModelConfig>;
  weights: string;
  io: string;
  taps: string[];
  /** [H, W] when the model has its own input (the manifest's shared one otherwise). */
  input?: [number, number];
}
const manifest = JSON.parse(readFileSync(join(FIXTURE_DIR, 'manifest.json'), 'utf8')) as {
  input: [number, number];
  models: Record<string, FixtureModel>;
};
const TOLERANCE = 1e-4;

let tf: Tf;
beforeAll(async () => {
  tf = (await loadBackend(['cpu'])).tf;
});
afterAll(() => tf.disposeVariables());

function relativeError(ours: Float32Array, ref: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(ours[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return diff / scale;
}

async function runFixture(fx: FixtureModel, weightsFile = fx.weights, wrap = (s: WeightSource) => s) {
  const model = buildModel({ ...presetConfig(fx.preset)!, ...fx.set });
  const { report, source } = loadWeights(fixtureBuffer(weightsFile), model);
  expect(report.missing).toEqual([]);
  expect(report.wrongShape).toEqual([]);
  expect(report.ok).toBe(true);
  const io = parseSafetensors(fixtureBuffer(fx.io));
  const input = readFloat32(io, io.byName.get('input')!);
  const ids = fx.taps.map((tap) => model.graph.taps[tap]);
  const baseline = tf.memory().numTensors;
  const exec = createExecutor(tf, model.graph, { weights: wrap(source!) });
  const size = fx.input ?? manifest.input;
  const run = await exec.run({ input: [1, 3, ...size], data: input, read: ids, capture: false });
  exec.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
  return fx.taps.map((tap, i) => {
    const ref = io.byName.get(tap)!;
    const out = run.outputs.get(ids[i])!;
    const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);
    // torch's logits are [1, classes]; the graph keeps [1, classes, 1, 1].
    expect(numel(out.shape)).toBe(numel(ref.shape));
    if (ref.shape.length === 4) expect(out.shape).toEqual(ref.shape);
    return { tap, err: relativeError(out.data, readFloat32(io, ref)) };
  });
}

describe('real weights match PyTorch at every tap', () => {
  for (const [name, fx] of Object.entries(manifest.models)) {
    it(`${name}: ${fx.taps.join(', ')}`, async () => {
      const errors = await runFixture(fx);
      for (const { tap, err } of errors) expect(err, `${name} ${tap}`).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('pspnet_w8 covers the whole PSPNet: every tap, and a head conv at pspChannels on the 512-channel concat', () => {
    const fx = manifest.models.pspnet_w8;
    expect(fx.taps).toEqual('C2 C3 C4 C5 ppm1 ppm2 ppm3 ppm6 ppm_concat cls out aux'.split(' '));
    // Width 8: C5 has 8*32 = 256 channels, each of the 4 bins 256/4 = 64, so the concat has 256 + 4*64 = 512;
    // the 3x3 conv goes to pspChannels = 16. C4 has 8*16 = 128 channels, the aux conv 128/4 = 32.
    const file = parseSafetensors(fixtureBuffer(fx.weights));
    expect(file.byName.get('cls_conv.0.weight')!.shape).toEqual([16, 512, 3, 3]);
    expect(file.byName.get('aux.0.weight')!.shape).toEqual([32, 128, 3, 3]);
    // Stored as float16 to keep the fixture small; the values were rounded to half before PyTorch ran.
    expect(file.byName.get('cls_conv.0.weight')!.dtype).toBe('F16');
  });

  it('whole models: the fixtures cover every head the issue lists, and the RoI heads run on regions', () => {
    const models = Object.values(manifest.models);
    const presets = new Set(models.map((m) => m.preset));
    for (const id of [
      'fasterrcnn_resnet50_fpn',
      'maskrcnn_resnet50_fpn',
      'maskrcnn_resnet50_fpn_v2',
      'keypointrcnn_resnet50_fpn',
      'retinanet_resnet50_fpn',
      'retinanet_resnet50_fpn_v2',
      'fcos_resnet50_fpn',
      'fcn_resnet50',
      'deeplabv3_resnet50'
    ])
      expect(presets, id).toContain(id);
    const io = (name: string) => parseSafetensors(fixtureBuffer(manifest.models[name].io));
    // proposals=8 boxes of 16 channels pooled to 7x7; detections=4 to 14x14, masks 28x28 for 5 classes.
    expect(io('maskrcnn_v1').byName.get('box_roi_pool')!.shape).toEqual([8, 16, 7, 7]);
    expect(io('maskrcnn_v1').byName.get('mask_logits')!.shape).toEqual([4, 5, 28, 28]);
    // 2 keypoints: 14x14 -> 4x4/2 transposed conv (padding 1) 28x28 -> bilinear x2 56x56.
    expect(io('keypointrcnn_v1').byName.get('keypoint_logits')!.shape).toEqual([4, 2, 56, 56]);
  });

  it('the transform case resizes 50x70 to 48x67 and pads to 64x96, as torchvision did', () => {
    const fx = manifest.models.fasterrcnn_v1_transform;
    expect(fx.set).toMatchObject({ transform: 'torchvision', minSize: 48, maxSize: 80 });
    expect(fx.input).toEqual([50, 70]);
    // scale = min(48 / 50, 80 / 70) = 0.96: 48 x 67.2 -> 48x67; padded to multiples of 32: 64x96, so
    // torchvision's P2 (stride 4) is 16x24.
    const p2 = parseSafetensors(fixtureBuffer(fx.io)).byName.get('P2')!;
    expect(p2.shape).toEqual([1, 16, 16, 24]);
  });

  it('float16 resnet18 loads through conversion and stays close to the float32 reference', async () => {
    const fx = manifest.models.resnet18_w8;
    const errors = await runFixture(fx, 'resnet18_w8_f16.safetensors');
    // Half weights carry up to 2^-11 (4.9e-4) relative rounding each, so 1e-4 is out of reach; an error
    // ten times that bound would mean more than rounding went wrong.
    for (const { tap, err } of errors) expect(err, tap).toBeLessThan(5e-3);
  });

  it('the comparison has teeth: ignoring the BN running statistics breaks parity', async () => {
    const identityStats = (s: WeightSource): WeightSource => ({
      get: (req) =>
        req.role === 'mean'
          ? new Float32Array(req.shape[0])
          : req.role === 'var'
            ? new Float32Array(req.shape[0]).fill(1)
            : s.get(req)
    });
    const errors = await runFixture(manifest.models.resnet18_w8, undefined, identityStats);
    for (const { tap, err } of errors) expect(err, tap).toBeGreaterThan(1e-2);
  });
});
