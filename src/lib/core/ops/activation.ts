import { type OpRule, none, passRf } from './rule';

export const relu: OpRule<'relu'> = {
  infer: (_a, [x]) => ({ shape: [...x] }),
  params: none,
  macs: none,
  rf: passRf
};

/** Dropout is the identity at inference; kept in the graph because the published heads have it. */
export const dropout: OpRule<'dropout'> = {
  infer: (_a, [x]) => ({ shape: [...x] }),
  params: none,
  macs: none,
  rf: passRf
};
