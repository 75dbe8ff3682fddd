/**
 * The two places a live run can happen (a Web Worker, or the page's thread) and how the backend line
 * names them; the worker path packs the checkpoint for transfer and turns the reply back into maps.
 */
import type { Graph, Shape } from '$lib/core/types';
import type { BackendInfo } from '$lib/exec/backend';
import type { Progress, TensorStats } from '$lib/exec/executor';
import type { ExecutionMode } from '$lib/exec/fusion';
import type { LiveWorker } from '$lib/exec/worker-client';
import { hasTensorLookup, packWeights } from '$lib/exec/worker-protocol';
import type { WeightSource } from '$lib/exec/weights';

/** What a run uses besides the graph; live.svelte.ts re-exports it for the components. */
export interface RunInputs {
  /** Checked checkpoint; seeded He init when absent. */
  weights?: WeightSource | null;
  /** Identity of the weights for executor reuse (e.g. the file name and size). */
  weightsKey?: string;
  /** NCHW input values (a normalised image); seeded noise when absent. */
  data?: Float32Array | null;
  /** Read back these taps' outputs (feature maps); skipped for taps past `readLimit` values. */
  readTaps?: boolean;
}

/** Where the last backend was loaded: a Web Worker or the page's own thread. */
export type RunThread = 'worker' | 'main';

/** `renderer: false` leaves the GPU's renderer out where the page already names it. */
export function describeBackend(
  info: BackendInfo,
  thread: RunThread | null = null,
  { renderer = true }: { renderer?: boolean } = {}
): string {
  const gl = info.backend === 'webgl';
  const gpu = gl || info.backend === 'webgpu';
  const threads = info.threads;
  const details = [
    thread === 'worker' ? 'in a worker' : thread === 'main' ? 'main thread' : '',
    gl && info.webglVersion ? `WebGL ${info.webglVersion}` : '',
    gpu && renderer ? (info.renderer ?? '') : '',
    threads ? `${threads} ${threads === 1 ? 'thread' : 'threads'}` : ''
  ]
    .filter(Boolean)
    .join(', ');
  return details ? `${info.backend} (${details})` : info.backend;
}

export interface Recorded {
  shapes: Map<string, Shape>;
  /** Node -> the conv whose fused op produced its shape (fused mode). */
  folded: Map<string, string>;
  stats: Map<string, TensorStats>;
  stageMs: Array<{ stage: string; ms: number }>;
  outputs: Map<string, { shape: Shape; data: Float32Array }>;
}

export interface RunPlan {
  graph: Graph;
  input: Shape;
  inputs: RunInputs;
  read: string[];
  syncStages: boolean;
  mode: ExecutionMode;
  signal: AbortSignal;
  onProgress: (p: Progress, ran: string[]) => void;
}

export async function runInWorker(w: LiveWorker, p: RunPlan, graphKey: number): Promise<Recorded> {
  const src = p.inputs.weights;
  // Per graph too: a checkpoint is packed for one graph's layers.
  const weightsKey = src ? `${graphKey}:${p.inputs.weightsKey ?? 'file'}` : 'seeded';
  const r = await w.run({
    graph: p.graph,
    graphKey,
    input: p.input,
    // Copied: the caller keeps its input (e.g. the sample image) for the next run.
    data: p.inputs.data ? p.inputs.data.slice() : undefined,
    weightsKey,
    weights:
      src && hasTensorLookup(src) && w.heldWeights !== weightsKey ? packWeights(p.graph, src) : undefined,
    read: p.read,
    mode: p.mode,
    signal: p.signal,
    onProgress: p.onProgress
  });
  return {
    shapes: new Map(r.shapes),
    folded: new Map(r.folded),
    stats: new Map(r.stats),
    stageMs: r.stageMs,
    outputs: new Map(r.outputs.map((o) => [o.id, { shape: o.shape, data: o.data }]))
  };
}
