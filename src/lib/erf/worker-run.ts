/**
 * The effective-field run where the live run happens (its worker, or the page's thread when there is
 * no worker): one engine kept while the graph, weights and backend stay, so a second run reuses the
 * uploaded weights; gradients registered on first use; progress published at most every 60 ms.
 */
import type { Graph } from '../core/types';
import type { Tf } from '../exec/tf';
import type { WeightSource } from '../exec/weights';
import { type ErfEngine, type ErfOptions, type ErfProgress, type ErfResult, createErfEngine } from './engine';
import { loadGradients } from './gradients';

const PUBLISH_MS = 60;

let held: { engine: ErfEngine; graph: unknown; weights: string; backend: string } | null = null;

/** Frees the held engine's weights. */
export function releaseErf(): void {
  held?.engine.dispose();
  held = null;
}

export interface ErfCall {
  tf: Tf;
  graph: Graph;
  /** The graph's identity (the object on the page, a number in the worker). */
  graphKey: unknown;
  weightsKey: string;
  weights?: WeightSource;
  health?: () => string | null;
  options: Omit<ErfOptions, 'onProgress'>;
  onProgress: (p: ErfProgress) => void;
}

export async function runErf(c: ErfCall): Promise<ErfResult> {
  await loadGradients();
  const backend = c.tf.getBackend();
  if (!held || held.graph !== c.graphKey || held.weights !== c.weightsKey || held.backend !== backend) {
    releaseErf();
    const engine = createErfEngine(c.tf, c.graph, { weights: c.weights, health: c.health });
    held = { engine, graph: c.graphKey, weights: c.weightsKey, backend };
  }
  let published = 0;
  try {
    return await held.engine.run({
      ...c.options,
      syncTimes: true,
      onProgress: (p) => {
        const t = performance.now();
        if (t - published > PUBLISH_MS || p.done === p.total) {
          published = t;
          c.onProgress(p);
        }
      }
    });
  } catch (err) {
    // After a failure (a lost context, say) the uploaded weights may be unusable.
    if (!c.options.signal?.aborted) releaseErf();
    throw err;
  }
}
