/**
 * One executor kept across runs, so a repeated run reuses its uploaded weights; used by the page's
 * main-thread path (state/live.svelte.ts) and by the worker (live.worker.ts). It is remade when the
 * graph, the weights or the backend change: weights live on the backend that made them.
 */
import type { Graph } from '../core/types';
import { type Executor, type ExecutorOptions, createExecutor } from './executor';
import type { ExecutionMode } from './fusion';
import type { Tf } from './tf';

export interface ExecutorKey {
  /** The graph's identity: the object itself on the page, a number the page sent in the worker. */
  graph: unknown;
  /** 'seeded' or the checkpoint's identity. */
  weights: string;
  /** The execution plan's mode (fusion.ts); 'fused' when absent. A change remakes the weights too. */
  mode?: ExecutionMode;
}

export class ExecutorCache {
  #held: { exec: Executor; key: ExecutorKey; backend: string } | null = null;

  /** The held executor when key, mode and backend match; otherwise frees it and makes one with `opts`. */
  get(tf: Tf, graph: Graph, key: ExecutorKey, opts: () => ExecutorOptions): Executor {
    const backend = tf.getBackend();
    const h = this.#held;
    const mode = key.mode ?? 'fused';
    if (
      h &&
      h.key.graph === key.graph &&
      h.key.weights === key.weights &&
      h.exec.mode === mode &&
      h.backend === backend
    )
      return h.exec;
    this.release();
    const exec = createExecutor(tf, graph, { ...opts(), mode });
    this.#held = { exec, key, backend };
    return exec;
  }

  /** Frees the executor's weight tensors (tf.memory() returns to its pre-run baseline). */
  release(): void {
    this.#held?.exec.dispose();
    this.#held = null;
  }
}
