/**
 * "Export > PyTorch" run in PyTorch (Debian's /usr/bin/python3 with python3-torch and
 * python3-torchvision, which .ci/run installs): the generated file of every preset, of the imported
 * MMSegmentation configs and of 40 seeded random configurations, at odd inputs, in one Python process (tests/torch/run_exports.py). Every
 * number asserted comes from PyTorch: each tap's shape and the parameter count must equal the engine's,
 * and the state_dict must hold exactly the keys and shapes of the weight loader's key list. Where
 * torchvision has the model (and for golden_models.py's PSPNet and Caffe ResNet-50, and
 * mmseg_heads.py's builds of the imported MMSegmentation configs), the export loads that model's
 * state_dict with strict=True and gives its outputs on the same input: every tap within 1e-5 of the
 * largest reference value. The RoI heads run on boxes chosen as the live run chooses them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph, Shape } from '../../src/lib/core/types';
import { chooseBoxes, levelScale } from '../../src/lib/exec/regions';
import { toPyTorch } from '../../src/lib/export/pytorch';
import type { Analysis } from '../../src/lib/models/analyze';
import { unsupportedReason } from '../../src/lib/weights/torchvision-keys';
import { expectedTensors } from '../../src/lib/weights/check';
import { type ExportCase, mmsegCases, presetCases, randomCases } from './export-cases';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = join(ROOT, 'tests/torch/run_exports.py');
const PYTHON = '/usr/bin/python3';
const TOLERANCE = 1e-5;

interface Outcome {
  error?: string;
  params: number;
  trainable: number;
  taps: Record<string, number[]>;
  keys: Record<string, number[]>;
  strict?: true | string;
  rel?: Record<string, number | string>;
  seconds: number;
}

const cases: ExportCase[] = [...presetCases(), ...mmsegCases(), ...randomCases(40, 20260612)];
const dir = mkdtempSync(join(tmpdir(), 'archscope-export-'));
let results: Record<string, Outcome> = {};

/** Boxes per region source, the same for every image: chooseBoxes over the RoI levels' scales. */
function boxesOf(a: Analysis): Record<string, number[][][]> | null {
  const { graph, transform } = a.model;
  const stats = a.result.stats;
  const image = stats.get(transform?.resize ?? 'input')!.shape!;
  const out: Record<string, number[][][]> = {};
  for (const n of graph.nodes) {
    if (n.op !== 'roialign' || out[n.attrs.source]) continue;
    const scales = n.inputs.map((id) => levelScale(stats.get(id)!.shape![2], image[2]));
    const boxes = chooseBoxes(
      image[2],
      image[3],
      n.attrs.regions,
      -Math.log2(scales[0]),
      -Math.log2(scales.at(-1)!)
    );
    out[n.attrs.source] = Array.from({ length: a.result.input[0] }, () => boxes.map((b) => [...b]));
  }
  return Object.keys(out).length ? out : null;
}

/** Nodes whose value PyTorch holds as [N, F] (after a flatten) where the engine writes [N, F, 1, 1]. */
function flatNodes(graph: Graph): Set<string> {
  const flat = new Set<string>();
  for (const n of graph.nodes) if (n.op === 'flatten' || n.inputs.some((i) => flat.has(i))) flat.add(n.id);
  return flat;
}

beforeAll(async () => {
  const manifest = cases.map((c, i) => {
    const file = join(dir, `case_${i}.py`);
    writeFileSync(
      file,
      toPyTorch(c.analysis, { preset: c.preset, input: c.input, config: c.config, site: null })
    );
    return {
      name: c.name,
      file,
      input: c.analysis.result.input,
      seed: 1000 + i,
      boxes: boxesOf(c.analysis),
      reference: c.reference
    };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ cases: manifest }));
  const started = Date.now();
  await new Promise<void>((resolve, reject) =>
    execFile(
      PYTHON,
      [RUNNER, join(dir, 'manifest.json'), join(dir, 'results.json')],
      { timeout: 600_000, maxBuffer: 16 << 20 },
      (err, _stdout, stderr) =>
        err
          ? reject(
              new Error(
                `${err.message}\n${stderr}\n(the export tests need Debian's python3-torch and python3-torchvision: .ci/run installs them)`
              )
            )
          : resolve()
    )
  );
  const out = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  results = out.cases;
  const slowest = Object.entries(results)
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v.seconds} s`);
  console.log(
    `PyTorch ${out.torch} / torchvision ${out.torchvision}: ${cases.length} exports in ${((Date.now() - started) / 1000).toFixed(1)} s wall (${out.seconds} s in the runner; slowest ${slowest.join(', ')})`
  );
}, 660_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(cases.map((c) => [`${c.name} at ${c.input.join('x')}`, c] as const))('%s', (_label, c) => {
  const outcome = () => {
    const r = results[c.name];
    expect(r, 'the runner reported this case').toBeDefined();
    expect(r.error, 'PyTorch ran the generated file').toBeUndefined();
    return r;
  };

  it("every tap shape and the parameter count are the engine's", () => {
    const r = outcome();
    const { graph } = c.analysis.model;
    const flat = flatNodes(graph);
    const expected: Record<string, number[]> = {};
    for (const [tap, id] of Object.entries(graph.taps)) {
      if (tap === 'input') continue;
      const shape = c.analysis.result.stats.get(id)!.shape as Shape;
      if (flat.has(id)) expect(shape.slice(2), `${tap} is [N, F, 1, 1] in the engine`).toEqual([1, 1]);
      expected[tap] = flat.has(id) ? shape.slice(0, 2) : [...shape];
    }
    expect(r.taps).toEqual(expected);
    expect(r.params).toBe(c.analysis.result.totals.params);
  });

  it("build_model() freezes what the config freezes: PyTorch's requires_grad count is the engine's", () => {
    expect(outcome().trainable).toBe(c.analysis.result.totals.trainable);
  });

  it("the state_dict holds the weight loader's keys and shapes", () => {
    const r = outcome();
    const theirs = Object.fromEntries(
      Object.entries(r.keys).filter(([k]) => !k.endsWith('.num_batches_tracked'))
    );
    if (unsupportedReason(c.analysis.model.config)) {
      // No torchvision layout (TF-slim, pre-activation): the names are the graph's modules, one per layer.
      const modules = new Set(
        c.analysis.model.graph.nodes.filter((n) => n.module && !n.sharesWith).map((n) => n.module)
      );
      expect(new Set(Object.keys(theirs).map((k) => k.slice(0, k.lastIndexOf('.'))))).toEqual(modules);
      return;
    }
    const ours = Object.fromEntries(
      expectedTensors(c.analysis.model, c.analysis.result).tensors.map((t) => [t.key, t.shape])
    );
    expect(theirs).toEqual(ours);
  });

  if (c.reference)
    it(`loads ${c.reference.build}'s state_dict strictly and gives its outputs within ${TOLERANCE}`, () => {
      const r = outcome();
      expect(r.strict).toBe(true);
      const taps = Object.keys(c.analysis.model.graph.taps).filter((t) => t !== 'input');
      expect(Object.keys(r.rel!).sort()).toEqual(taps.sort());
      for (const [tap, rel] of Object.entries(r.rel!)) {
        expect(typeof rel, `${tap}: ${rel}`).toBe('number');
        expect(rel as number, tap).toBeLessThanOrEqual(TOLERANCE);
      }
    });
});
