/**
 * The fused execution plan (src/lib/exec/fusion.ts): what it folds in ResNet-50 (counted by hand from
 * the architecture), and fused against strict, node-by-node outputs within 1e-4 relative on the PyTorch
 * weight-parity fixtures (every preset at 64x64 is compared in exec-presets.test.ts); every node still
 * gets a shape tfjs produced, and every tensor is freed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { infer } from '../../src/lib/core/infer';
import type { Shape } from '../../src/lib/core/types';
import { createExecutor } from '../../src/lib/exec/executor';
import { foldedNote } from '../../src/lib/exec/folded-text';
import { planExecution } from '../../src/lib/exec/fusion';
import { verify } from '../../src/lib/exec/verify';
import type { WeightSource } from '../../src/lib/exec/weights';
import { buildModel } from '../../src/lib/models/build';
import type { ModelConfig } from '../../src/lib/models/config';
import { presetConfig } from '../../src/lib/models/presets';
import { loadWeights } from '../../src/lib/weights/load';
import { parseSafetensors, readFloat32 } from '../../src/lib/weights/safetensors';
import { FIXTURE_DIR, fixtureBuffer } from '../fixtures/weights/writer';
import { relativeError } from '../parity';
import { useTf } from './tf-backend';

const env = useTf();
const TOLERANCE = 1e-4;

describe('the plan', () => {
  const resnet50 = buildModel(presetConfig('resnet50')!).graph;

  it('ResNet-50: 53 batch norms folded into their convs, 33 ReLUs fused, the 16 after a residual add not', () => {
    // 1 stem conv + 16 bottlenecks x 3 convs + 4 projection shortcuts = 53 conv+BN pairs; the stem ReLU
    // and two per bottleneck follow a BN directly (1 + 32); each bottleneck's last ReLU follows its add.
    const plan = planExecution(resnet50, 'fused', new Set(Object.values(resnet50.taps)));
    const ops = (op: string) => resnet50.nodes.filter((n) => n.op === op && plan.folded.has(n.id)).length;
    expect(ops('batchnorm')).toBe(53);
    expect(ops('relu')).toBe(33);
    expect(resnet50.nodes.filter((n) => n.op === 'relu' && !plan.folded.has(n.id))).toHaveLength(16);
    expect(plan.folded.get('stem/bn1')).toBe('stem/conv1');
    // Tap C1 is the group's output: the fused op's output is relu1's, so it still folds.
    expect(plan.folded.get('stem/relu1')).toBe('stem/conv1');
    expect(plan.folded.has('stem/pool')).toBe(false);
    expect(foldedNote('C2/unit1/bn1', 'C2/unit1/conv1', 'batchnorm')).toBe('bn1 folded into conv1');
    expect(foldedNote('C2/unit1/relu1', 'C2/unit1/conv1', 'relu')).toBe('relu1 fused into conv1');
    // Every node is in exactly one step.
    expect(plan.steps.flatMap((s) => s.nodes.map((n) => n.id))).toEqual(
      expect.arrayContaining(resnet50.nodes.map((n) => n.id))
    );
    expect(plan.steps.reduce((k, s) => k + s.nodes.length, 0)).toBe(resnet50.nodes.length);
  });

  it('a pinned node keeps its own output, and strict mode folds nothing', () => {
    const plan = planExecution(resnet50, 'fused', new Set(['C2/unit1/bn1']));
    expect(plan.folded.get('C2/unit1/bn1')).toBe('C2/unit1/conv1');
    expect(plan.folded.has('C2/unit1/relu1')).toBe(false);
    expect(planExecution(resnet50, 'strict').folded.size).toBe(0);
    expect(planExecution(resnet50, 'strict').steps).toHaveLength(resnet50.nodes.length);
  });
});

async function compareModes(
  graph: ReturnType<typeof buildModel>['graph'],
  input: Shape,
  weights: WeightSource,
  data?: Float32Array
) {
  const read = [...new Set([...Object.values(graph.taps), graph.nodes[graph.nodes.length - 1].id])].filter(
    (id) => id !== 'input'
  );
  const fused = createExecutor(env.tf, graph, { weights, mode: 'fused' });
  const strict = createExecutor(env.tf, graph, { weights, mode: 'strict' });
  try {
    const a = await fused.run({ input, data, read });
    const b = await strict.run({ input, data, read });
    const expected = infer(graph, input);
    // Every node still gets a shape tfjs produced, and it is the engine's.
    expect(verify(graph, expected, a.shapes).confirmed).toBe(graph.nodes.length);
    expect(b.folded.size).toBe(0);
    const errors = read.map((id) => ({
      id,
      err: relativeError(a.outputs.get(id)!.data, b.outputs.get(id)!.data)
    }));
    return { errors, folded: a.folded };
  } finally {
    fused.dispose();
    strict.dispose();
  }
}

describe('fused equals strict on the PyTorch weight-parity fixtures (every preset: exec-presets.test.ts)', () => {
  const manifest = JSON.parse(readFileSync(join(FIXTURE_DIR, 'manifest.json'), 'utf8')) as {
    input: [number, number];
    models: Record<
      string,
      { preset: string; set: Partial<ModelConfig>; weights: string; io: string; input?: [number, number] }
    >;
  };
  it.each(Object.keys(manifest.models))('weight-parity fixture %s', async (name) => {
    const fx = manifest.models[name];
    const model = buildModel({ ...presetConfig(fx.preset)!, ...fx.set });
    const { source } = loadWeights(fixtureBuffer(fx.weights), model);
    const io = parseSafetensors(fixtureBuffer(fx.io));
    const data = readFloat32(io, io.byName.get('input')!);
    const { errors } = await compareModes(
      model.graph,
      [1, 3, ...(fx.input ?? manifest.input)],
      source!,
      data
    );
    for (const { id, err } of errors) expect(err, id).toBeLessThanOrEqual(TOLERANCE);
    expect(env.tf.memory().numTensors).toBe(env.baseline);
  });
});
