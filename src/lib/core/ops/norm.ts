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
    // PyTorch's F.group_norm refuses a batch whose every group holds one value (in eval mode too).
    if (((x[0] * x[1]) / a.groups) * x[2] * x[3] === 1)
      return {
        empty: true,
        error: `GroupNorm with ${a.groups} groups on ${x[1]}x${x[2]}x${x[3]} leaves one value per group, which PyTorch refuses`
      };
    return { shape: [...x] };
  },
  params: (_a, [x]) => 2 * x[1],
  macs: none,
  rf: passRf
};
