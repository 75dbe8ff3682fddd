/** Op kind -> tfjs kernel. Every op of the graph IR has exactly one entry (the type checks it). */
import type { GraphNode, OpAttrs, OpKind } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';
import { adaptiveavgpool, globalavgpool } from './adaptive';
import { add, concat, flatten, linear } from './basic';
import type { KernelContext } from './context';
import { conv2d } from './conv';
import { convtranspose2d } from './convtranspose';
import { batchnorm, groupnorm } from './norm';
import type { Params } from './params';
import { avgpool, maxpool } from './pool';
import { upsample } from './resize';
import { roialign } from './roialign';
import { padto, resize } from './transform';

type Kernel<K extends OpKind> = (
  tf: Tf,
  id: string,
  attrs: OpAttrs[K],
  inputs: Tensor4D[],
  params: Params,
  ctx: KernelContext
) => Tensor4D;

const identity = (tf: Tf, _id: string, _a: unknown, [x]: Tensor4D[]) => tf.clone(x);

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
  groupnorm,
  convtranspose2d,
  roialign,
  resize,
  padto
};

export function runKernel(
  tf: Tf,
  node: GraphNode,
  inputs: Tensor4D[],
  params: Params,
  ctx: KernelContext
): Tensor4D {
  const kernel = kernels[node.op] as Kernel<typeof node.op>;
  return kernel(tf, node.id, node.attrs as never, inputs, params, ctx);
}
