/**
 * Test and benchmark hooks of the test build's /dev/live page (window.__archscope*; never in the
 * production build): cross-backend parity, tensor counts, and the live-run benchmark. Loaded with
 * import() on that page, so tfjs stays lazy.
 */
import { loadBrowserBackend } from '$lib/exec/backend-browser';
import type { BackendName } from '$lib/exec/backend';
import { createExecutor } from '$lib/exec/executor';
import { PARITY_MODELS, parityForward, relativeError } from '../../../../tests/parity';
import { buildModel } from '$lib/models/build';
import { resolveConfig } from '$lib/models/resolve';
import type { LiveRun } from '$lib/state/live.svelte';
import { median } from '$lib/median';
import type { RuntimesOptions } from './runtimes';

export interface ParityReport {
  backends: [string, string];
  /** Relative error (max |a - b| / max |b|) of each `model:tap`, webgl against cpu. */
  errors: Record<string, number>;
  /** Per model, the webgl and the cpu shape verdicts. */
  shapes: Record<string, [string, string]>;
}

async function parity(): Promise<ParityReport> {
  const errors: Record<string, number> = {};
  const shapes: ParityReport['shapes'] = {};
  let backends: [string, string] = ['', ''];
  for (const [name, { config, input }] of Object.entries(PARITY_MODELS)) {
    const gl = await parityForward((await loadBrowserBackend(['webgl'])).tf, input, config);
    const cpu = await parityForward((await loadBrowserBackend(['cpu'])).tf, input, config);
    for (const [tap, t] of Object.entries(cpu.taps))
      errors[`${name}:${tap}`] = relativeError(gl.taps[tap].data, t.data);
    shapes[name] = [gl.shapes, cpu.shapes];
    backends = [gl.backend, cpu.backend];
  }
  return { backends, errors, shapes };
}

export interface BenchOptions {
  preset?: string;
  size?: string;
  backends?: BackendName[];
  /** Timed runs per mode (capture on, capture off), after one warm-up each. */
  runs?: Partial<Record<BackendName, number>>;
}

export interface BackendBench {
  backend: string;
  renderer?: string;
  threads?: number;
  runs: number;
  /** Shader precompilation before the first pass (WebGL, WebGPU; 0 elsewhere). */
  compileMs: number;
  /** The first timed pass after it (weight upload included). */
  firstMs: number;
  /** Median wall time, to the output on the host (a device sync on WebGL), capture off and on. */
  plainMs: number;
  captureMs: number;
  plainAll: number[];
  captureAll: number[];
}

async function bench(o: BenchOptions = {}): Promise<BackendBench[]> {
  const r = resolveConfig(o.preset ?? 'resnet50', o.size ?? '224x224', []);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const { config, input } = r.value;
  const model = buildModel(config);
  const shape: [number, number, number, number] = [config.batch, config.inChannels, input[0], input[1]];
  const lastId = model.graph.nodes[model.graph.nodes.length - 1].id;
  const out: BackendBench[] = [];
  for (const name of o.backends ?? ['webgl', 'wasm', 'cpu']) {
    let loaded;
    try {
      loaded = await loadBrowserBackend([name], { wasmThreads: 1, softwareWebgpu: true });
    } catch {
      continue; // not available in this browser (e.g. no WebGPU adapter); the bench says so
    }
    const { tf, info } = loaded;
    const exec = createExecutor(tf, model.graph);
    let compileMs = 0;
    // Both modes read the final output back, so WebGL's time includes finishing on the device.
    const once = async (capture: boolean) => {
      const t0 = performance.now();
      const r = await exec.run({ input: shape, capture, read: [lastId], yieldEveryMs: Infinity });
      compileMs ||= r.compileMs;
      return performance.now() - t0 - r.compileMs;
    };
    try {
      const firstMs = await once(false);
      await once(true);
      const runs = o.runs?.[name] ?? 3;
      const plainAll: number[] = [];
      const captureAll: number[] = [];
      // Interleaved so drift affects both modes alike.
      for (let i = 0; i < runs; i++) {
        plainAll.push(await once(false));
        captureAll.push(await once(true));
      }
      out.push({
        backend: info.backend,
        renderer: info.renderer,
        threads: info.threads,
        runs,
        compileMs,
        firstMs,
        plainMs: median(plainAll),
        captureMs: median(captureAll),
        plainAll,
        captureAll
      });
    } finally {
      exec.dispose();
    }
  }
  return out;
}

export function install(live: LiveRun): void {
  const w = window as unknown as Record<string, unknown>;
  w.__archscopeParity = parity;
  w.__archscopeBench = bench;
  w.__archscopeRuntimes = async (o: RuntimesOptions) => (await import('./runtimes')).runtimes(o);
  w.__archscopeLive = {
    memory: async () => ({ numTensors: await live.tensorCount() }),
    release: () => live.release(),
    /** Loads tfjs and a backend without running (in the worker when runs go there), for a baseline. */
    load: (pref: BackendName[] = ['webgl', 'wasm', 'cpu']) => live.preload(pref),
    /** Forces a WebGL context loss where the runs happen (worker or page). */
    loseContext: () => live.loseContext(),
    thread: () => live.thread
  };
}
