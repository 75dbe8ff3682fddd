/**
 * The execution plan: which graph nodes run as one tfjs op. In 'fused' mode an eval-mode batch norm
 * (BatchNorm2d or FrozenBatchNorm2d) is folded into the convolution before it, and a ReLU after it
 * becomes the fused op's activation (tf.fused.conv2d: conv, bias, ReLU in one pass), as
 * tfjs-converter and onnxruntime do. 'strict' runs every node on its own. Pure graph analysis: the
 * folded weights are made by the ParamCache (params-cache.ts), the ops by kernels/conv.ts.
 *
 * A node is folded only when nothing else needs its own output: it has one consumer, the next member
 * of the group, and it is not pinned (a tap, whose statistics are shown, or a node the caller reads).
 */
import type { Graph, GraphNode } from '../core/types';

export type ExecutionMode = 'fused' | 'strict';

type Node<K extends GraphNode['op']> = Extract<GraphNode, { op: K }>;

/** One tfjs op: conv2d with its batch norm folded in and its ReLU as the activation (each optional). */
export interface FusedConvStep {
  kind: 'conv';
  conv: Node<'conv2d'>;
  bn?: Node<'batchnorm'>;
  relu?: Node<'relu'>;
  /** conv, bn, relu in graph order; the last one's id names the step's output. */
  nodes: GraphNode[];
}

export interface NodeStep {
  kind: 'node';
  node: GraphNode;
  nodes: [GraphNode];
}

export type Step = FusedConvStep | NodeStep;

export interface ExecPlan {
  mode: ExecutionMode;
  steps: Step[];
  /** Node id -> the conv whose fused op produced its shape, for every node that did not run alone. */
  folded: Map<string, string>;
}

function consumers(graph: Graph): Map<string, number> {
  const count = new Map<string, number>();
  for (const n of graph.nodes) for (const id of n.inputs) count.set(id, (count.get(id) ?? 0) + 1);
  return count;
}

export function planExecution(
  graph: Graph,
  mode: ExecutionMode,
  pinned: ReadonlySet<string> = new Set()
): ExecPlan {
  if (mode === 'strict')
    return {
      mode,
      steps: graph.nodes.map((node) => ({ kind: 'node', node, nodes: [node] })),
      folded: new Map()
    };
  const uses = consumers(graph);
  // The single consumer of each node, where it has exactly one.
  const next = new Map<string, GraphNode>();
  for (const n of graph.nodes)
    for (const id of n.inputs) if (uses.get(id) === 1 && n.inputs.length === 1) next.set(id, n);
  // A node's own output is needed when it is pinned or it is the graph's output.
  const last = graph.nodes[graph.nodes.length - 1]?.id;
  const absorbable = (id: string) => !pinned.has(id) && id !== last;
  const follower = <K extends 'batchnorm' | 'relu'>(id: string, op: K): Node<K> | undefined => {
    const n = next.get(id);
    return n && n.op === op && absorbable(id) ? (n as Node<K>) : undefined;
  };

  const taken = new Set<string>();
  const steps: Step[] = [];
  const folded = new Map<string, string>();
  for (const node of graph.nodes) {
    if (taken.has(node.id)) continue;
    if (node.op !== 'conv2d') {
      steps.push({ kind: 'node', node, nodes: [node] });
      continue;
    }
    const bn = follower(node.id, 'batchnorm');
    const relu = follower(bn?.id ?? node.id, 'relu');
    // Nothing to fuse: a bias-free conv alone is the plain op.
    if (!bn && !relu && !node.attrs.bias) {
      steps.push({ kind: 'node', node, nodes: [node] });
      continue;
    }
    const nodes: GraphNode[] = [node, ...(bn ? [bn] : []), ...(relu ? [relu] : [])];
    for (const n of nodes.slice(1)) {
      taken.add(n.id);
      folded.set(n.id, node.id);
    }
    steps.push({ kind: 'conv', conv: node, bn, relu, nodes });
  }
  return { mode, steps, folded };
}
