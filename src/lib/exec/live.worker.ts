/**
 * The live forward pass off the page's thread: tfjs loads here (lazily, on the first request), WebGL
 * renders to an OffscreenCanvas (tfjs-backend-webgl creates one itself whenever OffscreenCanvas exists
 * and WebGL 2 is used), and the page only receives progress batches and the result.
 */
/// <reference lib="webworker" />
import type { Graph } from '../core/types';
import type { ErfRequest } from '../erf/protocol';
import type { BackendName } from './backend';
import type { BrowserBackendOptions } from './backend-browser';
import { ExecutorCache } from './executor-cache';
import type { Tf } from './tf';
import type { WeightSource } from './weights';
import { type FromWorker, type RunRequest, type ToWorker, unpackWeights } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const PUBLISH_MS = 60;

let browser: typeof import('./backend-browser') | null = null;
let tf: Tf | null = null;
let weights: { key: string; source: WeightSource } | null = null;
const cache = new ExecutorCache();
// The effective-field run (src/lib/erf), loaded on its first request.
let erfRun: typeof import('../erf/worker-run') | null = null;
const aborts = new Map<number, AbortController>();

const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
const plain = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function load(preference: BackendName[], options?: BrowserBackendOptions) {
  browser ??= await import('./backend-browser');
  const loaded = await browser.loadBrowserBackend(preference, options);
  if (!tf) browser.onContextLost((message) => post({ type: 'context-lost', message }));
  tf = loaded.tf;
  return loaded.info;
}

/** The checkpoint a request names (kept between requests), or undefined for seeded weights. */
function weightsFor(req: { weightsKey: string; weights?: RunRequest['weights'] }): WeightSource | undefined {
  if (req.weights) weights = { key: req.weightsKey, source: unpackWeights(req.weights) };
  if (req.weightsKey !== 'seeded' && weights?.key !== req.weightsKey) {
    throw new Error('the checkpoint did not reach the worker; load the weights file again');
  }
  return req.weightsKey === 'seeded' ? undefined : weights!.source;
}

function executor(t: Tf, graph: Graph, req: RunRequest) {
  const source = weightsFor(req);
  return cache.get(t, graph, { graph: req.graphKey, weights: req.weightsKey, mode: req.mode }, () => ({
    weights: source,
    health: browser!.webglHealth
  }));
}

async function run(req: RunRequest): Promise<void> {
  if (!tf || !browser) throw new Error('no backend loaded in the worker');
  const abort = new AbortController();
  aborts.set(req.id, abort);
  try {
    erfRun?.releaseErf(); // one model's weights on the device at a time
    const exec = executor(tf, req.graph, req);
    let ran: string[] = [];
    let published = 0;
    const r = await exec.run({
      input: req.input,
      data: req.data,
      capture: req.capture,
      syncStages: tf.getBackend() === 'webgl' || tf.getBackend() === 'webgpu',
      read: req.read,
      signal: abort.signal,
      onProgress: (progress) => {
        ran.push(progress.node);
        const t = performance.now();
        if (t - published > PUBLISH_MS || progress.done === progress.total) {
          published = t;
          post({ type: 'progress', id: req.id, progress, ran });
          ran = [];
        }
      }
    });
    const outputs = [...r.outputs].map(([id, o]) => ({ id, shape: o.shape, data: o.data }));
    post(
      {
        type: 'result',
        id: req.id,
        result: {
          shapes: [...r.shapes],
          stats: [...r.stats],
          stageMs: r.stageMs,
          totalMs: r.totalMs,
          outputs,
          folded: [...r.folded]
        }
      },
      outputs.map((o) => o.data.buffer as ArrayBuffer)
    );
  } catch (err) {
    // Weights made on a lost context (or after a failure) are unusable; the next run starts clean.
    if (!abort.signal.aborted) cache.release();
    post({ type: 'error', id: req.id, message: plain(err), aborted: abort.signal.aborted });
  } finally {
    aborts.delete(req.id);
  }
}

async function erf(req: ErfRequest): Promise<void> {
  if (!tf || !browser) throw new Error('no backend loaded in the worker');
  const abort = new AbortController();
  aborts.set(req.id, abort);
  try {
    cache.release(); // one model's weights on the device at a time
    erfRun ??= await import('../erf/worker-run');
    const result = await erfRun.runErf({
      tf,
      graph: req.graph,
      graphKey: req.graphKey,
      weightsKey: req.weightsKey,
      weights: weightsFor(req),
      health: browser.webglHealth,
      options: {
        input: req.input,
        targets: req.targets,
        samples: req.samples,
        data: req.data,
        signal: abort.signal
      },
      onProgress: (progress) => post({ type: 'erf-progress', id: req.id, progress })
    });
    post(
      { type: 'erf-result', id: req.id, result },
      result.maps.map((m) => m.mass.buffer as ArrayBuffer)
    );
  } catch (err) {
    post({ type: 'error', id: req.id, message: plain(err), aborted: abort.signal.aborted });
  } finally {
    aborts.delete(req.id);
  }
}

async function handle(m: ToWorker): Promise<void> {
  try {
    switch (m.type) {
      case 'load':
        return post({ type: 'loaded', id: m.id, info: await load(m.preference, m.options) });
      case 'run':
        return await run(m);
      case 'erf':
        return await erf(m);
      case 'cancel':
        return aborts.get(m.id)?.abort();
      case 'release':
        cache.release();
        erfRun?.releaseErf();
        return post({ type: 'done', id: m.id, value: null });
      case 'memory':
        return post({ type: 'done', id: m.id, value: tf ? tf.memory().numTensors : null });
      case 'lose-context':
        return post({ type: 'done', id: m.id, value: browser?.loseContext(tf) ?? false });
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: plain(err), aborted: false });
  }
}

scope.onmessage = (e: MessageEvent<ToWorker>) => void handle(e.data);
post({ type: 'ready' });
