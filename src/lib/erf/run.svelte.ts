/**
 * The effective-field run as the page sees it: guard, backend (the live run's, in its worker when it
 * has one), run with progress and cancel, and the results: one summary per measured tap for the table
 * and chart, and the last selected tap's mass map for the heatmap. Results belong to one graph and are
 * dropped when it changes. tfjs is reached only through the live run's lazy loading.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- maps are replaced whole, never mutated after publishing */
import type { Graph, Pair } from '../core/types';
import type { BackendInfo } from '../exec/backend';
import { DEFAULT_LIMITS } from '../exec/budget';
import type { WeightSource } from '../exec/weights';
import { hasTensorLookup, packWeights } from '../exec/worker-protocol';
import type { Analysis } from '../models/analyze';
import { type BackendPreference, LiveRun, describeBackend } from '../state/live.svelte';
import type { ErfProgress, ErfResult } from './engine';
import { checkErfBudget } from './estimate';
import { type ErfTap, erfTaps } from './field';
import { singleSample } from './sample';
import { type ErfSummary, summarizeErf } from './summary';

export { singleSample } from './sample';

export type ErfStatus = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'cancelled' | 'refused';

export interface ErfPick {
  tap: string;
  cell: Pair;
}

export interface ErfInputs {
  samples: number;
  /** NCHW values of one image at the model input; seeded noise samples when absent. */
  data?: Float32Array | null;
  weights?: WeightSource | null;
  weightsKey?: string;
}

/** A measured tap's heatmap. */
export interface ErfView {
  tap: string;
  cell: Pair;
  size: Pair;
  mass: Float32Array;
}

const plain = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class ErfRun {
  status = $state<ErfStatus>('idle');
  message = $state<string | null>(null);
  progress = $state.raw<ErfProgress | null>(null);
  backend = $state.raw<BackendInfo | null>(null);
  /** Per measured tap, in the order measured; replaced whole. */
  rows = $state.raw<ErfSummary[]>([]);
  /** Per measured tap, its heatmap (the cell it was measured at is in the view). */
  maps = $state.raw<Map<string, ErfView>>(new Map());
  /** Milliseconds per backward pass (one target, one sample) and per forward pass, last run. */
  timing = $state.raw<{ forward: number; backward: number } | null>(null);
  /** The graph the results belong to. */
  graph = $state.raw<Graph | null>(null);

  #abort: AbortController | null = null;

  constructor(private live: LiveRun) {}

  get busy(): boolean {
    return this.status === 'loading' || this.status === 'running';
  }

  get backendText(): string | null {
    return this.backend ? describeBackend(this.backend, this.live.thread) : null;
  }

  cancel(): void {
    this.#abort?.abort();
  }

  /** Measures `picks`, replacing those taps' rows and maps. */
  async run(analysis: Analysis, picks: ErfPick[], inputs: ErfInputs): Promise<void> {
    if (this.busy || this.live.busy || this.live.lentTo || !picks.length) return;
    const { graph } = analysis.model;
    if (this.graph !== graph) {
      this.rows = [];
      this.maps = new Map();
      this.graph = graph;
    }
    this.message = null;
    this.progress = null;
    const result = singleSample(analysis);
    const taps = new Map(erfTaps(graph, result).map((t) => [t.tap, t]));
    // Plain copies: a cell may come from a $state proxy, which cannot be posted to the worker.
    picks = picks.map((p) => ({ tap: p.tap, cell: [p.cell[0], p.cell[1]] }));
    const chosen = picks.map((p) => ({ ...p, info: taps.get(p.tap) }));
    const missing = chosen.find((p) => !p.info);
    if (missing) return this.#fail('refused', `${missing.tap} has no fixed receptive field to measure`);
    const nodes = chosen.map((p) => p.info!.node);
    const order = LiveRun.order(this.live.preference as BackendPreference);
    const first = checkErfBudget(graph, result, nodes, order[0], DEFAULT_LIMITS[order[0]]);
    if (!first.ok) return this.#fail('refused', first.message);

    const abort = new AbortController();
    this.#abort = abort;
    // One run at a time on the shared backend (both would free each other's weights).
    this.live.lentTo = 'the receptive-field run';
    try {
      this.status = 'loading';
      const src = inputs.weights ?? null;
      const { info, worker, tf } = await this.live.acquire(order, !src || hasTensorLookup(src));
      this.backend = info;
      const limits = {
        ...DEFAULT_LIMITS[info.backend],
        ...(info.maxTextureSize ? { maxTextureSize: info.maxTextureSize } : {})
      };
      const v = checkErfBudget(graph, result, nodes, info.backend, limits);
      if (!v.ok) return this.#fail('refused', v.message);
      abort.signal.throwIfAborted();
      this.status = 'running';
      const targets = chosen.map((p) => ({ node: p.info!.node, cell: p.cell }));
      const data = inputs.data ? [inputs.data] : undefined;
      const samples = data ? 1 : inputs.samples;
      const onProgress = (p: ErfProgress) => (this.progress = p);
      let r: ErfResult;
      if (worker) {
        const graphKey = this.live.graphKey(graph);
        const weightsKey = src ? `${graphKey}:${inputs.weightsKey ?? 'file'}` : 'seeded';
        r = await worker.erf({
          graph,
          graphKey,
          input: result.input,
          targets,
          samples,
          data: data?.map((d) => d.slice()),
          weightsKey,
          weights:
            src && hasTensorLookup(src) && worker.heldWeights !== weightsKey
              ? packWeights(graph, src)
              : undefined,
          signal: abort.signal,
          onProgress
        });
      } else {
        const { runErf } = await import('./worker-run');
        const { webglHealth } = await import('../exec/backend-browser');
        r = await runErf({
          tf: tf!,
          graph,
          graphKey: graph,
          weightsKey: src ? (inputs.weightsKey ?? 'file') : 'seeded',
          weights: src ?? undefined,
          health: webglHealth,
          options: { input: result.input, targets, samples, data, signal: abort.signal },
          onProgress
        });
      }
      this.#publish(
        chosen.map((p) => p.info!),
        picks,
        r
      );
      this.status = 'done';
    } catch (err) {
      if (abort.signal.aborted) {
        const p = this.progress as ErfProgress | null;
        this.#fail('cancelled', `Cancelled after ${p?.done ?? 0} of ${p?.total ?? '?'} steps.`);
      } else this.#fail('error', `The effective field could not be computed: ${plain(err)}`);
    } finally {
      this.#abort = null;
      this.live.lentTo = null;
    }
  }

  #publish(infos: ErfTap[], picks: ErfPick[], r: ErfResult) {
    const fresh = r.maps.map((m, i) => summarizeErf(picks[i].tap, picks[i].cell, infos[i].rf, m, r.samples));
    const keep = this.rows.filter((row) => !fresh.some((f) => f.tap === row.tap));
    this.rows = [...keep, ...fresh];
    const maps = new Map(this.maps);
    r.maps.forEach((m, i) =>
      maps.set(picks[i].tap, {
        tap: picks[i].tap,
        cell: picks[i].cell,
        size: m.size,
        mass: m.mass
      })
    );
    this.maps = maps;
    this.timing = {
      forward: r.forwardMs / r.samples,
      backward: r.backwardMs / (r.samples * r.maps.length)
    };
  }

  #fail(status: ErfStatus, message: string) {
    this.status = status;
    this.message = message;
  }
}
