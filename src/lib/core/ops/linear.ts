import { type OpRule, none, passRf } from './rule';

/** Flatten to [N, C*H*W, 1, 1] so every node keeps the 4-d [N, C, H, W] form. */
export const flatten: OpRule<'flatten'> = {
  infer: (_a, [x]) => ({ shape: [x[0], x[1] * x[2] * x[3], 1, 1] }),
  params: none,
  macs: none,
  rf: passRf
};

export const linear: OpRule<'linear'> = {
  infer(a, [x]) {
    if (x[2] !== 1 || x[3] !== 1)
      return { error: `a linear layer needs a flattened input, got ${x[2]}x${x[3]}` };
    return { shape: [x[0], a.outFeatures, 1, 1] };
  },
  params: (a, [x]) => a.outFeatures * x[1] + (a.bias ? a.outFeatures : 0),
  macs: (a, [x]) => x[0] * a.outFeatures * x[1],
  rf: passRf
};
