/**
 * Messages between the page (worker-client.ts) and the live-run worker (live.worker.ts). Plain data
 * only (structured clone); big Float32Arrays travel as transferred buffers, never copied twice.
 */
import type { Graph, Shape } from '../core/types';
import type { BackendInfo, BackendName } from './backend';
import type { Progress, TensorStats } from './executor';
import type { WeightRole, WeightSource } from './weights';

/** One checkpoint tensor in PyTorch layout, keyed by graph node and role. */
export interface WeightEntry {
  node: string;
  role: WeightRole;
  shape: number[];
  data: Float32Array;
}

export interface RunRequest {
  type: 'run';
  id: number;
  graph: Graph;
  /** Changes when the page's graph object changes; the worker reuses its executor while it holds. */
  graphKey: number;
  /** [N, C, H, W]. */
  input: Shape;
  data?: Float32Array;
  /** 'seeded' or the checkpoint's identity. */
  weightsKey: string;
  /** Sent only when the worker does not hold weightsKey yet. */
  weights?: WeightEntry[];
  capture?: boolean;
  read: string[];
}

export type ToWorker =
  | { type: 'load'; id: number; preference: BackendName[] }
  | RunRequest
  | { type: 'cancel'; id: number }
  | { type: 'release'; id: number }
  | { type: 'memory'; id: number }
  | { type: 'lose-context'; id: number };

export interface RunReply {
  shapes: Array<[string, Shape]>;
  stats: Array<[string, TensorStats]>;
  stageMs: Array<{ stage: string; ms: number }>;
  totalMs: number;
  outputs: Array<{ id: string; shape: Shape; data: Float32Array }>;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'loaded'; id: number; info: BackendInfo }
  /** A batch: the latest progress and the nodes executed since the previous batch. */
  | { type: 'progress'; id: number; progress: Progress; ran: string[] }
  | { type: 'result'; id: number; result: RunReply }
  | { type: 'done'; id: number; value: number | boolean | null }
  | { type: 'error'; id: number; message: string; aborted: boolean }
  | { type: 'context-lost'; message: string };

/** Role names a checkpoint can hold for one layer (see weights.ts WeightRole). */
const ROLES: WeightRole[] = ['weight', 'bias', 'gamma', 'beta', 'mean', 'var'];

export interface TensorLookup {
  tensor(node: string, role: WeightRole): { shape: number[]; data: Float32Array } | undefined;
}

/** Every tensor the checkpoint holds for this graph, each on a buffer of its own so it can be transferred. */
export function packWeights(graph: Graph, source: TensorLookup): WeightEntry[] {
  const out: WeightEntry[] = [];
  for (const { id } of graph.nodes) {
    for (const role of ROLES) {
      const t = source.tensor(id, role);
      if (!t) continue;
      const own = t.data.byteOffset === 0 && t.data.buffer.byteLength === t.data.byteLength;
      out.push({ node: id, role, shape: t.shape, data: own ? t.data : t.data.slice() });
    }
  }
  return out;
}

/** The worker's side: a WeightSource over the received tensors, checking shapes like load.ts does. */
export function unpackWeights(entries: WeightEntry[]): WeightSource {
  const map = new Map(entries.map((e) => [`${e.node}#${e.role}`, e]));
  return {
    get({ node, role, shape }) {
      const t = map.get(`${node}#${role}`);
      if (!t) throw new Error(`the checkpoint has no ${role} for layer ${node}`);
      if (t.shape.join(',') !== shape.join(',')) {
        throw new Error(
          `${role} of ${node}: the checkpoint has shape [${t.shape.join(', ')}], the layer needs [${shape.join(', ')}]`
        );
      }
      return t.data;
    }
  };
}

export function hasTensorLookup(w: unknown): w is TensorLookup {
  return typeof (w as { tensor?: unknown } | null)?.tensor === 'function';
}
