/** The shape-light ops: add, concat, flatten, linear. */
import type { LinearAttrs } from '../../core/types';
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { Tensor4D, Tf } from '../tf';
import type { Params } from './params';

export function add(tf: Tf, id: string, _a: unknown, inputs: Tensor4D[]): Tensor4D {
  // tfjs would broadcast a 1x1 map silently; the graph (like a residual sum) needs equal shapes.
  const [first] = inputs;
  for (const x of inputs.slice(1)) {
    if (x.shape.some((d, i) => d !== first.shape[i])) {
      throw new Error(`${id}: cannot add tensors of shapes ${nchw(first)} and ${nchw(x)} [N, C, H, W]`);
    }
  }
  return inputs.length === 2 ? tf.add(inputs[0], inputs[1]) : tf.addN(inputs);
}

export function concat(tf: Tf, _id: string, _a: unknown, inputs: Tensor4D[]): Tensor4D {
  return inputs.length === 1 ? tf.clone(inputs[0]) : tf.concat(inputs, 3);
}

/** PyTorch flattens in C, H, W order: go back to NCHW first so a linear layer sees the same vector. */
export function flatten(tf: Tf, _id: string, _a: unknown, [x]: Tensor4D[]): Tensor4D {
  const [n, h, w, c] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n, 1, 1, c * h * w]);
}

export function linear(tf: Tf, id: string, a: LinearAttrs, [x]: Tensor4D[], params: Params): Tensor4D {
  const [n, h, w, f] = x.shape;
  if (h !== 1 || w !== 1) throw new Error(`${id}: a linear layer needs a flattened input, got ${h}x${w}`);
  const weight = params.get('weight', [a.outFeatures, f], f) as Tensor2D;
  let y = tf.matMul(tf.reshape(x, [n, f]) as Tensor2D, weight, false, true);
  if (a.bias) y = tf.add(y, params.get('bias', [a.outFeatures], f));
  return tf.reshape(y, [n, 1, 1, a.outFeatures]);
}

export function nchw(x: Tensor4D): string {
  const [n, h, w, c] = x.shape;
  return `[${n}, ${c}, ${h}, ${w}]`;
}
