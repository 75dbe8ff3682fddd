/**
 * Normalisation in inference mode. BatchNorm2d and FrozenBatchNorm2d compute the same thing,
 * (x - running_mean) / sqrt(running_var + eps) x weight + bias with eps 1e-5 (torchvision 0.14's
 * FrozenBatchNorm2d default; it differs only in what is a parameter). GroupNorm normalises each
 * image's channel groups by their own mean and biased variance, eps 1e-5, then applies the affine terms.
 */
import type { GroupNormAttrs } from '../../core/types';
import type { Tensor1D } from '@tensorflow/tfjs-core';
import type { Tensor4D, Tf } from '../tf';
import type { Params } from './params';

/** PyTorch's BatchNorm2d, FrozenBatchNorm2d and GroupNorm default (also the folded convs' eps). */
export const NORM_EPS = 1e-5;

export function batchnorm(tf: Tf, _id: string, _a: unknown, [x]: Tensor4D[], params: Params): Tensor4D {
  const c = x.shape[3];
  const get = (role: 'gamma' | 'beta' | 'mean' | 'var') => params.get(role, [c], c) as Tensor1D;
  return tf.batchNorm(x, get('mean'), get('var'), get('beta'), get('gamma'), NORM_EPS);
}

export function groupnorm(tf: Tf, id: string, a: GroupNormAttrs, [x]: Tensor4D[], params: Params): Tensor4D {
  const [n, h, w, c] = x.shape;
  const g = a.groups;
  if (c % g !== 0) throw new Error(`${id}: ${c} channels do not split into ${g} groups`);
  // NHWC: a group is c/g consecutive channels, so [n, h*w, g, c/g] holds each group on axes 1 and 3.
  const grouped = tf.reshape(x, [n, h * w, g, c / g]);
  const { mean, variance } = tf.moments(grouped, [1, 3], true);
  const normed = tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, NORM_EPS)));
  const y = tf.reshape(normed, [n, h, w, c]);
  return tf.add(tf.mul(y, params.get('gamma', [c], c)), params.get('beta', [c], c));
}
