import { type OpRule, none, passRf } from './rule';

/** Inference-mode batch norm: shape-preserving; learnable gamma and beta (running stats are buffers). */
export const batchnorm: OpRule<'batchnorm'> = {
  arity: [1, 1],
  infer: (_a, [x]) => ({ shape: [...x] }),
  params: (_a, [x]) => 2 * x[1],
  macs: none,
  rf: passRf
};
