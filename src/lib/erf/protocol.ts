/**
 * The effective-field messages between the page and the live-run worker (exec/worker-protocol.ts
 * carries them): plain data, the mass maps back as transferred buffers.
 */
import type { Graph, Shape } from '../core/types';
import type { WeightEntry } from '../exec/worker-protocol';
import type { ErfProgress, ErfResult, ErfTarget } from './engine';

export interface ErfRequest {
  type: 'erf';
  id: number;
  graph: Graph;
  graphKey: number;
  /** [1, C, H, W]. */
  input: Shape;
  targets: ErfTarget[];
  samples: number;
  /** One NCHW array per sample (an image); seeded noise when absent. */
  data?: Float32Array[];
  weightsKey: string;
  weights?: WeightEntry[];
}

export type ErfReply = ErfResult;

export type ErfFromWorker =
  | { type: 'erf-progress'; id: number; progress: ErfProgress }
  | { type: 'erf-result'; id: number; result: ErfReply };
