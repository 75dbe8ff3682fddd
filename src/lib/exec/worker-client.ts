/**
 * The page's side of the live-run worker: starts it on first use, turns its messages into promises,
 * and reports a worker that cannot start (so the caller falls back to the main thread).
 */
import type { BackendInfo, BackendName } from './backend';
import type { BrowserBackendOptions } from './backend-browser';
import type { Progress } from './executor';
import type { ErfProgress } from '../erf/engine';
import type { ErfReply, ErfRequest } from '../erf/protocol';
import type { FromWorker, RunReply, RunRequest, ToWorker } from './worker-protocol';

/** Thrown when the worker itself could not start or died; the main thread can still run. */
export class WorkerUnavailable extends Error {}

/** Module workers with OffscreenCanvas: where tfjs can render WebGL off the page's thread. */
export function workerSupported(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
}

const START_MS = 10_000;

interface Pending {
  resolve: (v: never) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress, ran: string[]) => void;
  onErfProgress?: (p: ErfProgress) => void;
}

/** A run request as the page states it: the protocol's fields, plus cancellation and progress. */
export type WorkerRun = Omit<RunRequest, 'type' | 'id'> & {
  signal: AbortSignal;
  onProgress: (p: Progress, ran: string[]) => void;
};

export class LiveWorker {
  #worker: Worker | null = null;
  #ready: Promise<void> | null = null;
  #pending = new Map<number, Pending>();
  #next = 1;
  /** Weights key the worker holds (it keeps one checkpoint between runs). */
  heldWeights: string | null = null;

  constructor(private onContextLost: (message: string) => void) {}

  #start(): Promise<void> {
    if (this.#ready) return this.#ready;
    this.#ready = new Promise<void>((resolve, reject) => {
      let w: Worker;
      try {
        w = new Worker(new URL('./live.worker.ts', import.meta.url), { type: 'module' });
      } catch (err) {
        reject(new WorkerUnavailable(String(err)));
        return;
      }
      this.#worker = w;
      const timer = setTimeout(() => fail('the worker did not start in time'), START_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        const e = new WorkerUnavailable(why);
        reject(e);
        for (const p of this.#pending.values()) p.reject(e);
        this.#pending.clear();
        this.terminate();
      };
      w.onerror = (e) => fail(e.message || 'the worker script failed to load');
      w.onmessageerror = () => fail('a message from the worker could not be read');
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'context-lost') this.onContextLost(m.message);
        else this.#reply(m);
      };
    });
    return this.#ready;
  }

  #reply(m: Exclude<FromWorker, { type: 'ready' } | { type: 'context-lost' }>): void {
    const p = this.#pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.progress, m.ran);
    if (m.type === 'erf-progress') return p.onErfProgress?.(m.progress);
    this.#pending.delete(m.id);
    if (m.type === 'error') {
      const e = new Error(m.message);
      if (m.aborted) e.name = 'AbortError';
      p.reject(e);
    } else if (m.type === 'loaded') p.resolve(m.info as never);
    else if (m.type === 'result' || m.type === 'erf-result') p.resolve(m.result as never);
    else p.resolve(m.value as never);
  }

  async #ask<T>(
    msg: ToWorker,
    transfer: Transferable[] = [],
    onProgress?: Pending['onProgress'],
    onErfProgress?: Pending['onErfProgress']
  ): Promise<T> {
    await this.#start();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(msg.id, {
        resolve: resolve as (v: never) => void,
        reject,
        onProgress,
        onErfProgress
      });
      this.#worker!.postMessage(msg, transfer);
    });
  }

  get started(): boolean {
    return this.#worker !== null;
  }

  load(preference: BackendName[], options: BrowserBackendOptions = {}): Promise<BackendInfo> {
    return this.#ask({ type: 'load', id: this.#next++, preference, options });
  }

  async run(r: WorkerRun): Promise<RunReply> {
    const id = this.#next++;
    const cancel = () => this.#worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
    r.signal.addEventListener('abort', cancel, { once: true });
    const transfer = [...(r.weights ?? []).map((w) => w.data.buffer as ArrayBuffer)];
    if (r.data) transfer.push(r.data.buffer as ArrayBuffer);
    const msg: ToWorker = {
      type: 'run',
      id,
      graph: r.graph,
      graphKey: r.graphKey,
      input: r.input,
      data: r.data,
      weightsKey: r.weightsKey,
      weights: r.weights,
      capture: r.capture,
      read: r.read,
      mode: r.mode
    };
    try {
      const reply = this.#ask<RunReply>(msg, transfer, r.onProgress);
      if (r.weights) this.heldWeights = r.weightsKey;
      return await reply;
    } finally {
      r.signal.removeEventListener('abort', cancel);
    }
  }

  /** The effective receptive field (src/lib/erf), in this worker with the live run's backend. */
  async erf(
    r: Omit<ErfRequest, 'type' | 'id'> & { signal: AbortSignal; onProgress: (p: ErfProgress) => void }
  ): Promise<ErfReply> {
    const id = this.#next++;
    const cancel = () => this.#worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
    r.signal.addEventListener('abort', cancel, { once: true });
    const { signal: _signal, onProgress, ...fields } = r;
    const transfer = [...(r.weights ?? []), ...(r.data ?? [])].map(
      (t) => ('data' in t ? t.data : t).buffer as ArrayBuffer
    );
    try {
      const reply = this.#ask<ErfReply>({ type: 'erf', id, ...fields }, transfer, undefined, onProgress);
      if (r.weights) this.heldWeights = r.weightsKey;
      return await reply;
    } finally {
      r.signal.removeEventListener('abort', cancel);
    }
  }

  release(): Promise<unknown> {
    return this.#ask({ type: 'release', id: this.#next++ });
  }

  memory(): Promise<number | null> {
    return this.#ask({ type: 'memory', id: this.#next++ });
  }

  loseContext(): Promise<boolean> {
    return this.#ask({ type: 'lose-context', id: this.#next++ });
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#ready = null;
    this.heldWeights = null;
  }
}
