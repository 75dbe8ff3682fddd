/**
 * Messages between the page (worker-client.ts) and the live-run worker (live.worker.ts). Plain data
 * only (structured clone); big Float32Arrays travel as transferred buffers, never copied twice.
 */
import type { Graph, Shape } from '../core/types';
import type { ErfFromWorker, ErfRequest } from '../erf/protocol';
import type { BackendInfo, BackendName } from './backend';
import type { BrowserBackendOptions } from './backend-browser';
import type { ExecutionMode } from './fusion';
import type { Progress, TensorStats } from './executor';
import {
  type TensorLookup,
  WEIGHT_ROLES,
  type WeightRole,
  type WeightSource,
  type WeightTensor,
  checkpointSource
} from './weights';

/** One checkpoint tensor in PyTorch layout, keyed by graph node and role. */
export interface WeightEntry extends WeightTensor {
  node: string;
  role: WeightRole;
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
  /** 'fused' (default) or 'strict' (fusion.ts). */
  mode?: ExecutionMode;
}

export type ToWorker =
  | { type: 'load'; id: number; preference: BackendName[]; options?: BrowserBackendOptions }
  | RunRequest
  | ErfRequest
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
  /** Node -> the conv whose fused op produced its shape. */
  folded: Array<[string, string]>;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'loaded'; id: number; info: BackendInfo }
  /** A batch: the latest progress and the nodes executed since the previous batch. */
  | { type: 'progress'; id: number; progress: Progress; ran: string[] }
  | { type: 'result'; id: number; result: RunReply }
  | { type: 'done'; id: number; value: number | boolean | null }
  | { type: 'error'; id: number; message: string; aborted: boolean }
  | { type: 'context-lost'; message: string }
  | ErfFromWorker;

/** Every tensor the checkpoint holds for this graph, each on a buffer of its own so it can be transferred. */
export function packWeights(graph: Graph, source: TensorLookup): WeightEntry[] {
  const out: WeightEntry[] = [];
  for (const { id } of graph.nodes) {
    for (const role of WEIGHT_ROLES) {
      const t = source.tensor(id, role);
      if (!t) continue;
      const own = t.data.byteOffset === 0 && t.data.buffer.byteLength === t.data.byteLength;
      out.push({ node: id, role, shape: t.shape, data: own ? t.data : t.data.slice() });
    }
  }
  return out;
}

/** The worker's side: a WeightSource over the received tensors, checking shapes like the loader does. */
export function unpackWeights(entries: WeightEntry[]): WeightSource {
  const map = new Map(entries.map((e) => [`${e.node}#${e.role}`, e]));
  return checkpointSource((node, role) => map.get(`${node}#${role}`));
}

export function hasTensorLookup(w: unknown): w is TensorLookup {
  return typeof (w as { tensor?: unknown } | null)?.tensor === 'function';
}
