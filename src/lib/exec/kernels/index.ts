/** Op kind -> tfjs kernel. Every op of the graph IR has exactly one entry (the type checks it). */
import type { GraphNode, OpAttrs, OpKind } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';
import { adaptiveavgpool, globalavgpool } from './adaptive';
import { add, batchnorm, concat, flatten, linear } from './basic';
import { conv2d } from './conv';
import type { Params } from './params';
import { avgpool, maxpool } from './pool';
import { upsample } from './resize';

type Kernel<K extends OpKind> = (
  tf: Tf,
  id: string,
  attrs: OpAttrs[K],
  inputs: Tensor4D[],
  params: Params
) => Tensor4D;

const identity = (tf: Tf, _id: string, _a: unknown, [x]: Tensor4D[]) => tf.clone(x);
// Kernels for the whole-model ops land with the executor's whole-model support; until then a run
// that reaches one stops with this message instead of a wrong result.
const pending = (op: string) => () => {
  throw new Error(`the live run cannot execute ${op} layers yet`);
};

const kernels: { [K in OpKind]: Kernel<K> } = {
  input: () => {
    throw new Error('the input node is fed by the caller');
  },
  conv2d,
  batchnorm,
  relu: (tf, _id, _a, [x]) => tf.relu(x),
  maxpool,
  avgpool,
  adaptiveavgpool,
  globalavgpool,
  upsample,
  add,
  concat,
  flatten,
  linear,
  // Inference: dropout is the identity.
  dropout: identity,
  groupnorm: pending('GroupNorm'),
  convtranspose2d: pending('ConvTranspose2d'),
  roialign: pending('RoIAlign'),
  resize: pending('detection-transform resize'),
  padto: pending('detection-transform padding')
};

export function runKernel(tf: Tf, node: GraphNode, inputs: Tensor4D[], params: Params): Tensor4D {
  const kernel = kernels[node.op] as Kernel<typeof node.op>;
  return kernel(tf, node.id, node.attrs as never, inputs, params);
}
