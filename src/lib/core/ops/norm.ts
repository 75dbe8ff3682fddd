import { type OpRule, none, passRf } from './rule';

/**
 * Inference-mode batch norm: shape-preserving; learnable gamma and beta (running stats are buffers).
 * FrozenBatchNorm2d keeps gamma and beta as buffers too, so it has no parameters at all.
 */
export const batchnorm: OpRule<'batchnorm'> = {
  infer: (_a, [x]) => ({ shape: [...x] }),
  params: (a, [x]) => (a.frozen ? 0 : 2 * x[1]),
  macs: none,
  rf: passRf
};

/** nn.GroupNorm with affine terms: the channels split into `groups` equal groups. */
export const groupnorm: OpRule<'groupnorm'> = {
  infer(a, [x]) {
    if (x[1] % a.groups !== 0)
      return {
        error: `GroupNorm with ${a.groups} groups needs channels divisible by ${a.groups}, got ${x[1]}`
      };
    return { shape: [...x] };
  },
  params: (_a, [x]) => 2 * x[1],
  macs: none,
  rf: passRf
};
