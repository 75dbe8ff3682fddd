/**
 * Benchmark hook (test build only): ArchScope fused, ArchScope strict and onnxruntime-web on the same
 * torchvision ResNet-50, in this page, on wasm with one thread, interleaved so drift hits all three
 * alike. The bench (scripts/bench/runtimes.ts) serves the exported model, its weights and
 * onnxruntime-web's files under /__bench/ through Playwright; nothing of it is in the site's bundle.
 */
import { loadBrowserBackend } from '$lib/exec/backend-browser';
import { createExecutor } from '$lib/exec/executor';
import type { ExecutionMode } from '$lib/exec/fusion';
import { median } from '$lib/median';
import { buildModel } from '$lib/models/build';
import { presetConfig } from '$lib/models/presets';
import { loadWeights } from '$lib/weights/load';
import { parseSafetensors, readFloat32 } from '$lib/weights/safetensors';
import { relativeError } from '../../../../tests/parity';

export interface RuntimesOptions {
  /** safetensors of the state_dict, the io file (input, logits), the ONNX file, ort's ESM entry. */
  weightsUrl: string;
  ioUrl: string;
  onnxUrl: string;
  ortUrl: string;
  /** Folder of ort's .mjs/.wasm files. */
  ortDir: string;
  runs: number;
}

export interface RuntimeResult {
  name: string;
  firstMs: number;
  medianMs: number;
  all: number[];
  /** max |out - torch| / max |torch| on the logits. */
  errorVsTorch: number;
}

export interface RuntimesReport {
  threads: { tfjs: number; ort: number };
  results: RuntimeResult[];
}

interface OrtTensor {
  data: Float32Array;
}
interface OrtModule {
  env: { wasm: { numThreads: number; wasmPaths: string; simd?: boolean; proxy?: boolean } };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
  InferenceSession: {
    create(
      model: Uint8Array,
      o: { executionProviders: string[]; graphOptimizationLevel: string }
    ): Promise<{ run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>> }>;
  };
}

const bytes = async (url: string) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
};

// Progress lines for the bench's log (it prints the page's console).
const step = (what: string) => console.info(`runtimes: ${what}`);

export async function runtimes(o: RuntimesOptions): Promise<RuntimesReport> {
  const { tf } = await loadBrowserBackend(['wasm'], { wasmThreads: 1 });
  step('tfjs wasm ready');
  const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as { getThreadsCount(): number };
  const model = buildModel(presetConfig('resnet50')!);
  const { report, source } = loadWeights(await bytes(o.weightsUrl), model);
  if (!source) throw new Error(`the exported weights did not load: ${report.error ?? 'mismatch'}`);
  const io = parseSafetensors(await bytes(o.ioUrl));
  const input = readFloat32(io, io.byName.get('input')!);
  const torch = readFloat32(io, io.byName.get('logits')!);
  const last = model.graph.nodes[model.graph.nodes.length - 1].id;
  const shape: [number, number, number, number] = [1, 3, 224, 224];

  const archscope = (mode: ExecutionMode) => {
    const exec = createExecutor(tf, model.graph, { weights: source, mode });
    return {
      run: async () =>
        (
          await exec.run({ input: shape, data: input, capture: false, read: [last], yieldEveryMs: Infinity })
        ).outputs.get(last)!.data,
      dispose: () => exec.dispose()
    };
  };

  step('weights and input read');
  const ort = (await import(/* @vite-ignore */ o.ortUrl)) as OrtModule;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = o.ortDir;
  const session = await ort.InferenceSession.create(new Uint8Array(await bytes(o.onnxUrl)), {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all'
  });
  step('onnxruntime-web session ready');
  const feed = new ort.Tensor('float32', input, shape);
  const runners = [
    { name: 'ArchScope fused', ...archscope('fused') },
    { name: 'ArchScope strict', ...archscope('strict') },
    {
      name: 'onnxruntime-web',
      run: async () => (await session.run({ input: feed })).logits.data,
      dispose: () => {}
    }
  ];
  try {
    const first: number[] = [];
    const errors: number[] = [];
    for (const r of runners) {
      const t0 = performance.now();
      const out = await r.run();
      first.push(performance.now() - t0);
      errors.push(relativeError(out, torch));
      step(`${r.name}: first run ${first[first.length - 1].toFixed(0)} ms`);
    }
    const times: number[][] = runners.map(() => []);
    for (let i = 0; i < o.runs; i++) {
      for (const [k, r] of runners.entries()) {
        const t0 = performance.now();
        await r.run();
        times[k].push(performance.now() - t0);
      }
    }
    return {
      threads: { tfjs: wasm.getThreadsCount(), ort: ort.env.wasm.numThreads },
      results: runners.map((r, k) => ({
        name: r.name,
        firstMs: first[k],
        medianMs: median(times[k]),
        all: times[k],
        errorVsTorch: errors[k]
      }))
    };
  } finally {
    for (const r of runners) r.dispose();
  }
}
