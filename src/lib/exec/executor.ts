/**
 * The live forward pass: interprets the graph with tfjs (NHWC inside), records the shape tfjs itself
 * produced at every node as [N, C, H, W], and never reads the engine's shapes. It follows an execution
 * plan (fusion.ts), compiled once per graph and pinned nodes: 'fused' (default) runs a conv with its
 * batch norm folded in and its ReLU as one op, and records the fused op's shape for each of them
 * (RunResult.folded names the conv); 'strict' runs every node on its own.
 * Async, so a page stays responsive: it yields a macrotask every ~30 ms, reports progress, honours an
 * AbortSignal, and frees every intermediate tensor after its last consumer (and on any error).
 */
import type { Graph, GraphNode, Shape } from '../core/types';
import { type ExecPlan, type ExecutionMode, type Step, planExecution } from './fusion';
import { compileFlag, compileOnly } from './gpu-compile';
import { runKernel } from './kernels';
import { fusedConv2d } from './kernels/conv';
import { nchw } from './kernels/basic';
import type { KernelContext } from './kernels/context';
import { ParamCache } from './params-cache';
import { fillNormal, mulberry32 } from './prng';
import type { Tensor, Tensor4D, Tf } from './tf';
import { type WeightSource, seededWeights } from './weights';

export interface Progress {
  done: number;
  total: number;
  node: string;
  /** Top-level group of the node: stem, C2..C5, neck, ppm, head, aux. */
  stage: string;
}

export interface TensorStats {
  min: number;
  mean: number;
  max: number;
}

export interface RunOptions {
  /** [N, C, H, W]. */
  input: Shape;
  /** Input values in NCHW order; seeded N(0, 1) noise when absent. */
  data?: Float32Array;
  /** Record per-node shapes, timings and tap statistics (default true); false is a plain forward. */
  capture?: boolean;
  /** Wait for the device at stage boundaries so stage times are real on WebGL (costs a sync each). */
  syncStages?: boolean;
  /** Node ids whose outputs come back as NCHW data. */
  read?: string[];
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  yieldEveryMs?: number;
  /**
   * On WebGL/WebGPU, compile every shader of the plan before the timed pass (gpu-compile.ts), once per
   * backend and input size (default true); RunResult.compileMs says how long it took.
   */
  precompile?: boolean;
}

export interface RunResult {
  backend: string;
  /** Shape tfjs produced per node, [N, C, H, W] (capture only; the last node's always). */
  shapes: Map<string, Shape>;
  /** min/mean/max per tap node (capture only). */
  stats: Map<string, TensorStats>;
  /**
   * Milliseconds per node to dispatch its kernels; exact on cpu/wasm, queueing time only on WebGL. A
   * fused op's time is its conv's; the nodes folded into it get 0.
   */
  nodeMs: Map<string, number>;
  /** Node id -> the conv whose fused op produced its shape (fused mode; absent where a node ran alone). */
  folded: Map<string, string>;
  /** Per stage, measured to a device sync when syncStages was set. */
  stageMs: Array<{ stage: string; ms: number }>;
  totalMs: number;
  /** Shader precompilation before this run (0 when nothing was compiled, always on wasm and cpu). */
  compileMs: number;
  outputs: Map<string, { shape: Shape; data: Float32Array }>;
}

export interface ExecutorOptions {
  weights?: WeightSource;
  /** 'fused' (default): batch norms folded into their convs, ReLUs fused; 'strict': node by node. */
  mode?: ExecutionMode;
  /** Returns an error message when the backend became unusable (e.g. a lost WebGL context). */
  health?: () => string | null;
}

export interface Executor {
  run(opts: RunOptions): Promise<RunResult>;
  readonly mode: ExecutionMode;
  /** Weight tensors currently held. */
  readonly weightTensors: number;
  dispose(): void;
}

export function stageOf(id: string): string {
  return id.split('/')[0];
}

export function toNchw(x: Tensor4D): Shape {
  const [n, h, w, c] = x.shape;
  return [n, c, h, w];
}

const now = () => globalThis.performance.now();
const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

function seededInput(shape: Shape, seed = 7): Float32Array {
  return fillNormal(new Float32Array(shape[0] * shape[1] * shape[2] * shape[3]), mulberry32(seed));
}

/** The index of the last step that reads each output. */
function lastUses(steps: Step[]): Map<string, number> {
  const last = new Map<string, number>();
  steps.forEach((step, i) => step.nodes[0].inputs.forEach((id) => last.set(id, i)));
  return last;
}

const outputOf = (step: Step) => step.nodes[step.nodes.length - 1];

function describe(node: GraphNode, err: unknown): Error {
  const msg = err instanceof Error ? err.message : String(err);
  return new Error(msg.startsWith(node.id) ? msg : `${node.id} (${node.op}): ${msg}`);
}

export function createExecutor(tf: Tf, graph: Graph, opts: ExecutorOptions = {}): Executor {
  const params = new ParamCache(tf, opts.weights ?? seededWeights());
  const mode = opts.mode ?? 'fused';
  const ids = new Set(graph.nodes.map((n) => n.id));
  const taps = Object.values(graph.taps);
  // Compiled once per set of nodes the caller reads (taps always keep their own outputs).
  const plans = new Map<string, { plan: ExecPlan; last: Map<string, number> }>();
  const planFor = (read: Set<string>) => {
    const key = [...read].sort().join('\n');
    let hit = plans.get(key);
    if (!hit) {
      const plan = planExecution(graph, mode, new Set([...taps, ...read]));
      plans.set(key, (hit = { plan, last: lastUses(plan.steps) }));
    }
    return hit;
  };

  /** One step's output: the fused conv, or the node's kernel. */
  const compute = (step: Step, inputs: Tensor4D[], ctx: KernelContext): Tensor4D => {
    if (step.kind === 'conv') {
      const p = params.forFolded(step.conv, step.bn);
      return fusedConv2d(tf, step.conv.id, step.conv.attrs, inputs[0], p, !!step.relu);
    }
    return runKernel(tf, step.node, inputs, params.forNode(step.node), ctx);
  };

  let weightsBackend = '';
  // Input sizes whose shaders each backend instance has compiled (a lost WebGL context makes a new one).
  const compiled = new WeakMap<object, Set<string>>();

  async function run(o: RunOptions): Promise<RunResult> {
    let compileMs = 0;
    const sizes = compiled.get(tf.backend()) ?? new Set<string>();
    const size = o.input.join('x');
    if ((o.precompile ?? true) && compileFlag(tf) && !sizes.has(size)) {
      const t = now();
      // Nothing is read back: in compile-only mode no kernel runs, so the values are meaningless.
      const plain = { capture: false, read: [], syncStages: false, precompile: false, onProgress: undefined };
      await compileOnly(tf, () => run({ ...o, ...plain }));
      // The weights that pass made went through layout kernels (transposes) that compiled but never
      // ran: their values are garbage. Drop them so the real pass makes them again (the WebGL vs cpu
      // parity test in live.spec.ts caught this: every tap differed by 100 %).
      params.dispose();
      compiled.set(tf.backend(), sizes.add(size));
      compileMs = now() - t;
    }
    // Weights live on the backend that made them; after a switch (or a WebGL re-initialisation)
    // tfjs would copy them over on every use, so they are remade once instead.
    if (weightsBackend && weightsBackend !== tf.getBackend()) params.dispose();
    weightsBackend = tf.getBackend();
    const capture = o.capture ?? true;
    const read = new Set(o.read ?? []);
    for (const id of read) if (!ids.has(id)) throw new Error(`cannot read ${id}: no such node in this graph`);
    const yieldMs = o.yieldEveryMs ?? 30;
    const live = new Map<string, Tensor4D>();
    const statTensors: Array<[string, Tensor]> = [];
    const res: RunResult = {
      backend: tf.getBackend(),
      shapes: new Map(),
      stats: new Map(),
      nodeMs: new Map(),
      stageMs: [],
      totalMs: 0,
      compileMs,
      outputs: new Map(),
      folded: new Map()
    };
    const total = graph.nodes.length;
    const { plan, last } = planFor(read);
    res.folded = new Map(plan.folded);
    const steps = plan.steps;
    const t0 = now();
    let lastYield = t0;
    let stage = '';
    let stageStart = t0;
    let done = 0;
    const ctx: KernelContext = { imageSize: [o.input[2], o.input[3]] };
    // Called with a stage's last output while it is still alive (before its consumers free it).
    const closeStage = async (tail: Tensor4D) => {
      // An empty tail (zero regions) has nothing to wait for, and WebGL cannot reduce it.
      if (o.syncStages && !isEmpty(tail)) {
        const probe = tf.sum(tail);
        try {
          await probe.data();
        } finally {
          probe.dispose();
        }
      }
      const t = now();
      res.stageMs.push({ stage, ms: t - stageStart });
      stageStart = t;
    };
    try {
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        const head = step.nodes[0];
        const node = outputOf(step);
        o.signal?.throwIfAborted();
        const lost = opts.health?.();
        if (lost) throw new Error(lost);
        const st = stageOf(head.id);
        stage = st;
        const start = now();
        let out: Tensor4D;
        if (head.op === 'input') {
          const [n, c, h, w] = o.input;
          if (c !== head.attrs.channels)
            throw new Error(`the input has ${c} channels; the model expects ${head.attrs.channels}`);
          const data = o.data ?? seededInput(o.input);
          if (data.length !== n * c * h * w)
            throw new Error(
              `input data has ${data.length} values; [${o.input.join(', ')}] needs ${n * c * h * w}`
            );
          out = tf.tidy(() => tf.transpose(tf.tensor4d(data, [n, c, h, w]), [0, 2, 3, 1]));
        } else {
          const inputs = head.inputs.map((id) => {
            const t = live.get(id);
            if (!t) throw new Error(`${head.id}: input ${id} was not computed`);
            return t;
          });
          try {
            out = tf.tidy(() =>
              inputs.some(isEmpty)
                ? emptyRun(tf, inputs, (stand) => compute(step, stand, ctx))
                : compute(step, inputs, ctx)
            );
          } catch (err) {
            throw describe(head, err);
          }
          // torchvision's RoI heads know the image by its resized size (before padding).
          if (head.op === 'resize') ctx.imageSize = [out.shape[1], out.shape[2]];
        }
        live.set(node.id, out);
        if (capture) {
          const shape = toNchw(out);
          step.nodes.forEach((n, k) => {
            res.nodeMs.set(n.id, k === 0 ? now() - start : 0);
            res.shapes.set(n.id, shape);
          });
          if (node.tap && !isEmpty(out)) {
            statTensors.push([node.id, tf.tidy(() => tf.stack([tf.min(out), tf.mean(out), tf.max(out)]))]);
          }
        }
        if (i === steps.length - 1) res.shapes.set(node.id, toNchw(out));
        const next = steps[i + 1];
        if (!next || stageOf(next.nodes[0].id) !== st) await closeStage(out);
        for (const id of head.inputs) if (last.get(id) === i && !read.has(id)) disposeLive(live, id);
        if (!last.has(node.id) && !read.has(node.id)) disposeLive(live, node.id);
        for (const n of step.nodes) {
          done++;
          o.onProgress?.({ done, total, node: n.id, stage: stageOf(n.id) });
        }
        if (now() - lastYield > yieldMs) {
          await macrotask();
          lastYield = now();
        }
      }
      for (const id of read) {
        const t = live.get(id)!;
        const t2 = tf.transpose(t, [0, 3, 1, 2]);
        try {
          res.outputs.set(id, { shape: toNchw(t), data: (await t2.data()) as Float32Array });
        } finally {
          t2.dispose();
        }
      }
      // One read for every tap's statistics: on WebGL each data() is a device sync and a download.
      if (statTensors.length) {
        const all = tf.concat(statTensors.map(([, t]) => t));
        try {
          const v = await all.data();
          statTensors.forEach(([id], k) =>
            res.stats.set(id, { min: v[3 * k], mean: v[3 * k + 1], max: v[3 * k + 2] })
          );
        } finally {
          all.dispose();
        }
      }
      res.totalMs = now() - t0;
      return res;
    } finally {
      for (const t of live.values()) t.dispose();
      for (const [, t] of statTensors) t.dispose();
    }
  }

  return {
    run,
    mode,
    get weightTensors() {
      return params.size;
    },
    dispose: () => params.dispose()
  };
}

const isEmpty = (x: Tensor4D) => x.size === 0;

/**
 * A node on zero regions (detections=0): tfjs kernels are not all defined on empty tensors on every
 * backend, so the kernel runs on a one-region stand-in of each empty input, and the node returns an
 * empty tensor of the shape that run produced with its batch set back to 0.
 */
function emptyRun(tf: Tf, inputs: Tensor4D[], run: (standIns: Tensor4D[]) => Tensor4D): Tensor4D {
  const standIns = inputs.map((x) => {
    if (!isEmpty(x)) return x;
    if (x.shape[0] !== 0 || x.shape.slice(1).some((d) => d === 0))
      throw new Error(`an input of shape ${nchw(x)} is empty in more than its batch`);
    const [, h, w, c] = x.shape;
    return tf.zeros([1, h, w, c]) as Tensor4D;
  });
  const [, h, w, c] = run(standIns).shape;
  return tf.zeros([0, h, w, c]) as Tensor4D;
}

function disposeLive(live: Map<string, Tensor4D>, id: string): void {
  live.get(id)?.dispose();
  live.delete(id);
}
