/**
 * The effective receptive field by backpropagation (Luo et al., 2016): the gradient of one output
 * unit, summed over its channels, with respect to the image the backbone reads, with the live run's
 * kernels and weights. Per sample, a forward pass over the targets' ancestors keeps every activation;
 * then each target is backpropagated node by node, in reverse order, each node's vector-Jacobian
 * product taken by tf.grads over that node's forward alone (differentiable.ts), its incoming gradient
 * freed as soon as its inputs' gradients exist. Node by node, a run reports progress, yields to the
 * event loop, and honours an AbortSignal like the forward executor; every tensor it makes is freed on
 * success, error and cancel. The per-pixel mass, |gradient| summed over the input channels, is
 * averaged over the samples (seeded N(0, 1) noise unless values are given).
 */
import type { Graph, GraphNode, Pair, Shape } from '../core/types';
import { runKernel } from '../exec/kernels';
import type { KernelContext } from '../exec/kernels/context';
import { ParamCache } from '../exec/params-cache';
import { fillNormal, mulberry32 } from '../exec/prng';
import type { Tensor, Tensor4D, Tf } from '../exec/tf';
import { type WeightSource, seededWeights } from '../exec/weights';
import { dataInputs } from './data-inputs';
import { differentiableForward } from './differentiable';
import { imageNode } from './field';

export interface ErfTarget {
  /** Node id (a tap's node). */
  node: string;
  /** [row, col] of the output unit. */
  cell: Pair;
}

export interface ErfProgress {
  phase: 'forward' | 'backward';
  /** 0-based sample being processed, of `samples`. */
  sample: number;
  samples: number;
  /** Nodes processed so far in this run, of `total` (forward and backward passes of every sample). */
  done: number;
  total: number;
  node: string;
}

export interface ErfOptions {
  /** [1, C, H, W] of the graph's input (one sample at a time). */
  input: Shape;
  targets: ErfTarget[];
  /** Samples averaged (default 1); `data`'s length when given. */
  samples?: number;
  /** One NCHW array per sample; seeded noise (seed + i for sample i) where absent. */
  data?: Float32Array[];
  seed?: number;
  /** Also return the first sample's signed gradient, NCHW, per target (parity tests). */
  keepRaw?: boolean;
  /** Wait for the device after each pass, so forwardMs and backwardMs are real on WebGL. */
  syncTimes?: boolean;
  onProgress?: (p: ErfProgress) => void;
  signal?: AbortSignal;
  yieldEveryMs?: number;
}

export interface ErfMap {
  node: string;
  cell: Pair;
  /** [h, w] of the image the gradient is taken on. */
  size: Pair;
  /** Mean over samples of sum over channels of |d unit / d pixel|, row-major h x w. */
  mass: Float32Array;
  /** The first sample's signed gradient [C, h, w] (keepRaw only). */
  raw?: Float32Array;
}

export interface ErfResult {
  backend: string;
  maps: ErfMap[];
  samples: number;
  /** Sums over samples; per pass when divided by `samples` (and by targets for backwardMs). */
  forwardMs: number;
  backwardMs: number;
  /** Each backward pass (one target, one sample), to a device sync with syncTimes. */
  backwardPassMs: number[];
  totalMs: number;
}

export interface ErfEngine {
  run(opts: ErfOptions): Promise<ErfResult>;
  readonly weightTensors: number;
  dispose(): void;
}

export interface ErfEngineOptions {
  weights?: WeightSource;
  /** Returns an error message when the backend became unusable (a lost WebGL context). */
  health?: () => string | null;
}

const now = () => globalThis.performance.now();
const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Ancestors of `ids` (inclusive), following every input. */
function ancestors(graph: Graph, ids: string[]): Set<string> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...byId.get(id)!.inputs);
  }
  return seen;
}

/** Nodes whose values depend on `from` (inclusive) through data inputs. */
function dependents(graph: Graph, from: string): Set<string> {
  const out = new Set([from]);
  for (const n of graph.nodes) if (dataInputs(n).some((k) => out.has(n.inputs[k]))) out.add(n.id);
  return out;
}

/** Per target: the nodes its backward pass visits, in reverse graph order (the target first). */
function backwardPlan(graph: Graph, wrt: string, target: string): GraphNode[] {
  const up = ancestors(graph, [target]);
  const down = dependents(graph, wrt);
  return graph.nodes.filter((n) => n.id !== wrt && up.has(n.id) && down.has(n.id)).reverse();
}

function disposeAll(m: Map<string, Tensor>): void {
  for (const t of m.values()) t.dispose();
  m.clear();
}

export function createErfEngine(tf: Tf, graph: Graph, opts: ErfEngineOptions = {}): ErfEngine {
  const params = new ParamCache(tf, opts.weights ?? seededWeights());
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const wrt = imageNode(graph);
  let weightsBackend = '';

  async function run(o: ErfOptions): Promise<ErfResult> {
    if (weightsBackend && weightsBackend !== tf.getBackend()) params.dispose();
    weightsBackend = tf.getBackend();
    if (!o.targets.length) throw new Error('choose at least one tap to measure');
    const [n, c, h, w] = o.input;
    if (n !== 1) throw new Error(`the effective field is taken one sample at a time, got a batch of ${n}`);
    for (const t of o.targets) {
      const node = byId.get(t.node);
      if (!node) throw new Error(`no node ${t.node} in this graph`);
      if (t.node === wrt || !dependents(graph, wrt).has(t.node))
        throw new Error(`${node.tap ?? t.node} does not depend on the image, so it has no receptive field`);
    }
    const samples = o.data?.length ?? Math.max(1, Math.floor(o.samples ?? 1));
    const forwardNodes = graph.nodes.filter((nd) =>
      ancestors(
        graph,
        o.targets.map((t) => t.node)
      ).has(nd.id)
    );
    const plans = o.targets.map((t) => backwardPlan(graph, wrt, t.node));
    const total = samples * (forwardNodes.length + plans.reduce((a, p) => a + p.length, 0));
    const yieldMs = o.yieldEveryMs ?? 30;
    const ctx: KernelContext = { imageSize: [h, w] };
    const live = new Map<string, Tensor4D>();
    const grads = new Map<string, Tensor4D>();
    const mass: Array<Tensor | null> = o.targets.map(() => null);
    const raw: Array<Tensor | null> = o.targets.map(() => null);
    const res: ErfResult = {
      backend: tf.getBackend(),
      maps: [],
      samples,
      forwardMs: 0,
      backwardMs: 0,
      backwardPassMs: [],
      totalMs: 0
    };
    const t0 = now();
    let lastYield = t0;
    let done = 0;
    const step = async (p: Omit<ErfProgress, 'done' | 'total' | 'samples'>) => {
      done++;
      o.onProgress?.({ ...p, samples, done, total });
      if (now() - lastYield > yieldMs) {
        await macrotask();
        lastYield = now();
      }
      o.signal?.throwIfAborted();
      const lost = opts.health?.();
      if (lost) throw new Error(lost);
    };
    const settle = async (t: Tensor) => {
      if (!o.syncTimes) return;
      const probe = tf.sum(t);
      try {
        await probe.data();
      } finally {
        probe.dispose();
      }
    };
    try {
      o.signal?.throwIfAborted();
      for (let s = 0; s < samples; s++) {
        const data = o.data?.[s] ?? fillNormal(new Float32Array(c * h * w), mulberry32((o.seed ?? 7) + s));
        if (data.length !== c * h * w)
          throw new Error(
            `sample ${s + 1} has ${data.length} values; [${o.input.join(', ')}] needs ${c * h * w}`
          );
        const tf0 = now();
        for (const node of forwardNodes) {
          let out: Tensor4D;
          if (node.op === 'input') {
            if (c !== node.attrs.channels)
              throw new Error(`the input has ${c} channels; the model expects ${node.attrs.channels}`);
            out = tf.tidy(() => tf.transpose(tf.tensor4d(data, [1, c, h, w]), [0, 2, 3, 1]));
          } else {
            const ins = node.inputs.map((id) => live.get(id)!);
            const p = params.forNode(node);
            // The live run's own kernel; the backward pass differentiates differentiable.ts's equal form.
            out = tf.tidy(() => runKernel(tf, node, ins, p, ctx));
            if (node.op === 'resize') ctx.imageSize = [out.shape[1], out.shape[2]];
          }
          live.set(node.id, out);
          await step({ phase: 'forward', sample: s, node: node.id });
        }
        await settle(live.get(forwardNodes[forwardNodes.length - 1].id)!);
        res.forwardMs += now() - tf0;

        for (let k = 0; k < o.targets.length; k++) {
          const { node: id, cell } = o.targets[k];
          const tb0 = now();
          const y = live.get(id)!;
          const [, oh, ow, oc] = y.shape;
          const [r, col] = cell;
          if (!(r >= 0 && r < oh && col >= 0 && col < ow && Number.isInteger(r) && Number.isInteger(col)))
            throw new Error(`cell (${r}, ${col}) is outside ${byId.get(id)!.tap ?? id}'s ${oh}x${ow} grid`);
          // d(sum over channels of y[0, r, col, :]) / dy: ones at the cell, zeros elsewhere.
          grads.set(
            id,
            tf.tidy(() =>
              tf.pad(tf.ones([1, 1, 1, oc]), [
                [0, 0],
                [r, oh - r - 1],
                [col, ow - col - 1],
                [0, 0]
              ])
            ) as Tensor4D
          );
          for (const node of plans[k]) {
            const dy = grads.get(node.id);
            if (dy) {
              grads.delete(node.id);
              const ins = node.inputs.map((i) => live.get(i)!);
              const wrtIdx = dataInputs(node);
              const p = params.forNode(node);
              const dxs = tf.tidy(() => {
                const f = (...xs: Tensor[]) => {
                  const args = ins.slice();
                  wrtIdx.forEach((i, j) => (args[i] = xs[j] as Tensor4D));
                  return differentiableForward(tf, node, args, p, ctx);
                };
                return tf.grads(f)(
                  wrtIdx.map((i) => ins[i]),
                  dy
                );
              });
              dy.dispose();
              wrtIdx.forEach((i, j) => {
                const from = node.inputs[i];
                const prev = grads.get(from);
                if (!prev) grads.set(from, dxs[j] as Tensor4D);
                else {
                  grads.set(from, tf.add(prev, dxs[j]) as Tensor4D);
                  prev.dispose();
                  dxs[j].dispose();
                }
              });
            }
            await step({ phase: 'backward', sample: s, node: node.id });
          }
          const dx = grads.get(wrt);
          if (!dx) throw new Error(`no gradient reached the image from ${id}`);
          grads.delete(wrt);
          const prev = mass[k];
          mass[k] = tf.tidy(() => {
            const m = tf.sum(tf.abs(dx), 3);
            return prev ? tf.add(prev, m) : m;
          });
          prev?.dispose();
          if (o.keepRaw && s === 0) raw[k] = tf.transpose(dx, [0, 3, 1, 2]);
          dx.dispose();
          disposeAll(grads);
          await settle(mass[k]!);
          res.backwardPassMs.push(now() - tb0);
          res.backwardMs += now() - tb0;
        }
        disposeAll(live);
      }
      for (let k = 0; k < o.targets.length; k++) {
        const m = mass[k]!;
        const [, mh, mw] = m.shape;
        const mean = tf.tidy(() => tf.div(m, samples));
        let values: Float32Array;
        try {
          values = (await mean.data()) as Float32Array;
        } finally {
          mean.dispose();
        }
        const map: ErfMap = { ...o.targets[k], size: [mh, mw], mass: values };
        const r = raw[k];
        if (r) map.raw = (await r.data()) as Float32Array;
        res.maps.push(map);
      }
      res.totalMs = now() - t0;
      return res;
    } finally {
      disposeAll(live);
      disposeAll(grads);
      for (const t of [...mass, ...raw]) t?.dispose();
    }
  }

  return {
    run,
    get weightTensors() {
      return params.size;
    },
    dispose: () => params.dispose()
  };
}
