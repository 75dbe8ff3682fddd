/**
 * One live run of the configured graph with TensorFlow.js: guard, lazy backend load, run with progress
 * and cancel, verification against the engine, and everything the page shows afterwards.
 * The pass runs in a Web Worker (WebGL on an OffscreenCanvas) where the browser allows it, so the page
 * never stalls; otherwise, or when the worker cannot start, on the main thread, yielding between layers.
 * tfjs is reached only through dynamic import() inside run() or the worker, so importing this class
 * costs nothing.
 * Maps here are snapshots replaced whole ($state.raw), never mutated after publishing, so SvelteMap's
 * per-entry tracking would only add cost.
 */
/* eslint-disable svelte/prefer-svelte-reactivity */
import type { Graph, Shape } from '$lib/core/types';
import type { BackendInfo, BackendName } from '$lib/exec/backend';
import { DEFAULT_LIMITS, checkRunBudget } from '$lib/exec/budget';
import { estimateRun } from '$lib/exec/estimate';
import type { Progress, TensorStats } from '$lib/exec/executor';
import { ExecutorCache } from '$lib/exec/executor-cache';
import type { ExecutionMode } from '$lib/exec/fusion';
import {
  type RunForecast,
  type SpeedBook,
  forecast,
  readSpeeds,
  recordRun,
  writeSpeeds
} from '$lib/exec/speed';
import type { Tf } from '$lib/exec/tf';
import { type VerifyRow, verify } from '$lib/exec/verify';
import { LiveWorker, WorkerUnavailable, workerSupported } from '$lib/exec/worker-client';
import { hasTensorLookup } from '$lib/exec/worker-protocol';
import type { Analysis } from '$lib/models/analyze';
import {
  type Recorded,
  type RunInputs,
  type RunPlan,
  type RunThread,
  describeBackend,
  runInWorker
} from './live-paths';

export { type RunInputs, type RunThread, describeBackend } from './live-paths';

export type LiveStatus = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'cancelled' | 'refused';
export type NodeStatus = 'running' | 'ok' | 'mismatch';
export type BackendPreference = 'auto' | BackendName;

export interface TapRow {
  tap: string;
  node: string;
  shape: Shape | null;
  stats: TensorStats;
}

const ORDER: Record<BackendPreference, BackendName[]> = {
  auto: ['webgpu', 'webgl', 'wasm', 'cpu'],
  webgpu: ['webgpu', 'webgl', 'wasm', 'cpu'],
  webgl: ['webgl', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu']
};
/** Per-tap read-back cap: 4M values (16 MB) keeps feature maps cheap and the tab safe. */
const READ_LIMIT = 4_000_000;
const PUBLISH_MS = 60;

/** The browser's storage for the speed book, or null (prerendering, storage disabled). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const plain = (err: unknown) => (err instanceof Error ? err.message : String(err));
const vol = (s: Shape) => s[0] * s[1] * s[2] * s[3];

export class LiveRun {
  status = $state<LiveStatus>('idle');
  /** Refusal, error or cancellation text, in plain words. */
  message = $state<string | null>(null);
  preference = $state<BackendPreference>('auto');
  /** 'fused' (batch norms folded into convs, ReLUs fused) or 'strict' (every node on its own). */
  execution = $state<ExecutionMode>('fused');
  /** Node -> the conv whose fused op produced its shape, for the last run. */
  folded = $state.raw<Map<string, string>>(new Map());
  backend = $state.raw<BackendInfo | null>(null);
  thread = $state<RunThread | null>(null);
  progress = $state.raw<Progress | null>(null);
  nodeStatus = $state.raw<Map<string, NodeStatus>>(new Map());
  mismatches = $state.raw<VerifyRow[]>([]);
  confirmed = $state(0);
  total = $state(0);
  seconds = $state(0);
  stageMs = $state.raw<Array<{ stage: string; ms: number }>>([]);
  taps = $state.raw<TapRow[]>([]);
  outputs = $state.raw<Map<string, { shape: Shape; data: Float32Array }>>(new Map());
  /** Set when the WebGL context was lost; the next run reloads the backend. */
  contextLost = $state<string | null>(null);
  /** The graph the results above belong to. */
  graph = $state.raw<Graph | null>(null);
  /** Set while another run (the effective field) uses this backend; a live run waits for it. */
  lentTo = $state<string | null>(null);

  /** Speed of the last run per backend (speed.ts), for the forecast before a run; see loadSpeeds. */
  speeds = $state.raw<SpeedBook>({ speeds: {} });
  /** The running pass's expected duration on the backend that loaded, when a speed is known. */
  expected = $state.raw<RunForecast | null>(null);

  readonly summary = $derived.by(() => {
    if (this.status !== 'done' || !this.backend) return null;
    // The renderer is named once, in the backend line above the summary.
    const on = describeBackend(this.backend, this.thread, { renderer: false });
    return `${this.confirmed}/${this.total} shapes confirmed on ${on} in ${this.seconds.toFixed(1)} s`;
  });

  #abort: AbortController | null = null;
  #tf: Tf | null = null;
  #cache = new ExecutorCache();
  #unsubscribe: (() => void) | null = null;
  #worker: LiveWorker | null = null;
  #workerFailed = false;
  #graphKeys = new WeakMap<Graph, number>();

  get busy(): boolean {
    return this.status === 'loading' || this.status === 'running';
  }

  /** tfjs once loaded on the main thread (null while runs go to the worker). */
  get tf(): Tf | null {
    return this.#tf;
  }

  /** Live tensors of the backend in use (worker or page), or null before any backend loaded. */
  async tensorCount(): Promise<number | null> {
    if (this.thread === 'worker' && this.#worker) return this.#worker.memory();
    return this.#tf?.memory().numTensors ?? null;
  }

  /** Loads a backend without running (a tensor-count baseline); same thread choice as run(). */
  async preload(order: BackendName[]): Promise<{ backend: BackendName; numTensors: number | null }> {
    const info = await this.#load(order, true);
    return { backend: info.backend, numTensors: await this.tensorCount() };
  }

  /**
   * The backend where live runs happen (this worker, or the page's thread), loaded for another kind of
   * run on the same model: the effective receptive field (src/lib/erf/run.svelte.ts).
   */
  async acquire(
    order: BackendName[],
    workerOk: boolean
  ): Promise<{ info: BackendInfo; worker: LiveWorker | null; tf: Tf | null }> {
    if (this.contextLost) this.release();
    const info = await this.#load(order, workerOk);
    this.contextLost = null;
    return { info, worker: this.thread === 'worker' ? this.#worker : null, tf: this.#tf };
  }

  /** The order of backends a preference tries. */
  static order(p: BackendPreference): BackendName[] {
    return ORDER[p];
  }

  /** A number naming `graph` while the page holds it (the worker keeps one executor per key). */
  graphKey(graph: Graph): number {
    let key = this.#graphKeys.get(graph);
    if (key === undefined) this.#graphKeys.set(graph, (key = Math.random()));
    return key;
  }

  /** Forces a WebGL context loss (WEBGL_lose_context), as a driver reset would; false off WebGL. */
  async loseContext(): Promise<boolean> {
    if (this.thread === 'worker' && this.#worker) return this.#worker.loseContext();
    if (!this.#tf) return false;
    return (await import('$lib/exec/backend-browser')).loseContext(this.#tf);
  }

  cancel(): void {
    this.#abort?.abort();
  }

  /** Frees the cached executor's weights (tf.memory() then returns to its pre-run baseline). */
  release(): void {
    this.#cache.release();
    if (this.#worker?.started) void this.#worker.release().catch(() => {});
  }

  /** Reads the stored speeds; called once mounted, so the prerendered page and the first render agree. */
  loadSpeeds(): void {
    this.speeds = readSpeeds(storage());
  }

  /** The run's forecast before it starts: the speed of the last run on the backend it would use. */
  forecast(analysis: Analysis): RunForecast | null {
    return forecast(this.speeds, this.preference, analysis.result.totals.macs);
  }

  /** The worker when it can take this run, else the main thread; a worker that fails to start is dropped. */
  async #load(order: BackendName[], workerOk: boolean): Promise<BackendInfo> {
    // A software WebGPU adapter only when the user picked webgpu; 'auto' skips it, and a software
    // WebGL renderer, for wasm.
    const options = {
      softwareWebgpu: this.preference === 'webgpu',
      avoidSoftwareWebgl: this.preference === 'auto'
    };
    if (workerOk && !this.#workerFailed && workerSupported()) {
      this.#worker ??= new LiveWorker((m) => (this.contextLost = m));
      try {
        const info = await this.#worker.load(order, options);
        this.thread = 'worker';
        return info;
      } catch (err) {
        if (!(err instanceof WorkerUnavailable)) throw err;
        this.#workerFailed = true;
        this.#worker.terminate();
        this.#worker = null;
      }
    }
    const browser = await import('$lib/exec/backend-browser');
    const { tf, info } = await browser.loadBrowserBackend(order, options);
    this.#tf = tf;
    this.thread = 'main';
    this.#unsubscribe ??= browser.onContextLost((m) => (this.contextLost = m));
    return info;
  }

  #reset(graph: Graph) {
    this.message = null;
    this.progress = null;
    this.nodeStatus = new Map();
    this.mismatches = [];
    this.folded = new Map();
    this.stageMs = [];
    this.taps = [];
    this.outputs = new Map();
    this.confirmed = 0;
    this.expected = null;
    this.total = graph.nodes.length;
    this.graph = graph;
  }

  #refuse(message: string) {
    this.status = 'refused';
    this.message = message;
  }

  async run(analysis: Analysis, inputs: RunInputs = {}): Promise<void> {
    if (this.busy || this.lentTo) return;
    const { graph } = analysis.model;
    const result = analysis.result;
    this.#reset(graph);
    const order = ORDER[this.preference];
    const verdict = checkRunBudget(estimateRun(graph, result, order[0]), DEFAULT_LIMITS[order[0]], graph);
    if (!verdict.ok) return this.#refuse(verdict.message);

    const abort = new AbortController();
    this.#abort = abort;
    try {
      this.status = 'loading';
      // Weights made on a context that was lost are gone with it.
      if (this.contextLost) this.release();
      const auto = this.preference === 'auto';
      // Only checkpoints that can list their tensors can be sent to the worker.
      const info = await this.#load(order, !inputs.weights || hasTensorLookup(inputs.weights));
      this.backend = info;
      this.contextLost = null;
      // Checked again on the backend that started: limits differ (no texture limit off WebGL, the
      // GPU's real MAX_TEXTURE_SIZE on it).
      const maxTex = info.maxTextureSize ?? DEFAULT_LIMITS.webgl.maxTextureSize;
      const limits = {
        ...DEFAULT_LIMITS[info.backend],
        ...(info.maxTextureSize ? { maxTextureSize: maxTex } : {})
      };
      const v = checkRunBudget(estimateRun(graph, result, info.backend, maxTex), limits, graph);
      if (!v.ok) return this.#refuse(v.message);
      abort.signal.throwIfAborted();
      this.status = 'running';
      this.expected = forecast(this.speeds, info.backend, result.totals.macs, 0);
      const t0 = performance.now();
      const lit = new Map<string, NodeStatus>();
      let published = 0;
      const plan: RunPlan = {
        graph,
        input: result.input,
        inputs,
        read: inputs.readTaps ? this.#tapsToRead(analysis) : [],
        syncStages: info.backend === 'webgl' || info.backend === 'webgpu',
        mode: this.execution,
        signal: abort.signal,
        onProgress: (p, ran) => {
          for (const id of ran) lit.set(id, 'running');
          const t = performance.now();
          if (t - published > PUBLISH_MS || p.done === p.total) {
            published = t;
            this.progress = p;
            this.nodeStatus = new Map(lit);
          }
        }
      };
      const run =
        this.thread === 'worker'
          ? await runInWorker(this.#worker!, plan, this.graphKey(graph))
          : await this.#runHere(plan);
      this.seconds = (performance.now() - t0) / 1000;
      this.#remember(info.backend, result.totals.macs, auto);
      const report = verify(graph, result, run.shapes);
      this.nodeStatus = new Map(report.rows.map((r) => [r.node, r.ok ? 'ok' : 'mismatch']));
      this.mismatches = report.rows.filter((r) => !r.ok);
      this.confirmed = report.confirmed;
      this.total = report.total;
      this.stageMs = run.stageMs;
      this.outputs = run.outputs;
      this.folded = run.folded;
      this.taps = Object.entries(graph.taps)
        .filter(([, id]) => run.stats.has(id))
        .map(([tap, id]) => ({
          tap,
          node: id,
          shape: run.shapes.get(id) ?? null,
          stats: run.stats.get(id)!
        }));
      this.status = 'done';
    } catch (err) {
      if (abort.signal.aborted) {
        this.status = 'cancelled';
        this.message = `Run cancelled after ${this.progress?.done ?? 0} of ${this.total} layers.`;
      } else {
        this.status = 'error';
        this.message = `The live run failed: ${plain(err)}`;
        // A lost context (or a backend failure) leaves cached weights unusable; start clean next time.
        this.release();
      }
      this.nodeStatus = new Map();
    } finally {
      this.#abort = null;
    }
  }

  #remember(backend: BackendName, macs: number, auto: boolean) {
    this.speeds = recordRun(this.speeds, backend, { macs, seconds: this.seconds }, auto);
    writeSpeeds(storage(), this.speeds);
  }

  async #runHere(p: RunPlan): Promise<Recorded> {
    const browser = await import('$lib/exec/backend-browser');
    const weights = p.inputs.weights ?? undefined;
    const key = {
      graph: p.graph,
      weights: weights ? (p.inputs.weightsKey ?? 'file') : 'seeded',
      mode: p.mode
    };
    const exec = this.#cache.get(this.#tf!, p.graph, key, () => {
      this.release(); // a new executor here: whatever the worker holds is stale too
      return { weights, health: browser.webglHealth };
    });
    return exec.run({
      input: p.input,
      data: p.inputs.data ?? undefined,
      syncStages: p.syncStages,
      read: p.read,
      signal: p.signal,
      onProgress: (pr) => p.onProgress(pr, [pr.node])
    });
  }

  #tapsToRead(analysis: Analysis): string[] {
    const { graph } = analysis.model;
    return Object.entries(graph.taps)
      .filter(([name, id]) => {
        const s = analysis.result.stats.get(id)?.shape;
        // An empty tap (no detections) has nothing to draw.
        return name !== 'input' && s && vol(s) > 0 && vol(s) <= READ_LIMIT;
      })
      .map(([, id]) => id);
  }

  dispose(): void {
    this.cancel();
    this.release();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#worker?.terminate();
    this.#worker = null;
  }
}
