import type { Tensor, Tf } from '../tf';
import type { WeightRole } from '../weights';

/**
 * What a kernel sees of the weights: a tensor for (role, PyTorch shape), converted once by `layout`
 * into the tfjs layout and cached for later runs. Kernels never see the WeightSource itself.
 */
export interface Params {
  get(role: WeightRole, shape: number[], fanIn: number, layout?: (t: Tensor) => Tensor): Tensor;
}

/** PyTorch conv weight [O, I, kh, kw] -> tfjs [kh, kw, I, O]. */
export function oihwToHwio(tf: Tf, t: Tensor): Tensor {
  return tf.transpose(t, [2, 3, 1, 0]);
}
