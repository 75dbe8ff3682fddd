/** Registry: op kind -> rule. Adding an op means one module and one line here. */
import type { OpKind } from '../types';
import { dropout, relu } from './activation';
import { adaptiveavgpool, globalavgpool } from './adaptive';
import { batchnorm } from './batchnorm';
import { conv2d } from './conv2d';
import { flatten, linear } from './linear';
import { add, concat } from './merge';
import { avgpool, maxpool } from './pool';
import type { OpRule } from './rule';
import { upsample } from './upsample';

const input: OpRule<'input'> = {
  arity: [0, 0],
  infer: () => ({ error: 'the input node takes its shape from the caller' }),
  params: () => 0,
  macs: () => 0,
  rf: (_a, rfs) => rfs[0]
};

export const rules: { [K in OpKind]: OpRule<K> } = {
  input,
  conv2d,
  batchnorm,
  relu,
  maxpool,
  avgpool,
  adaptiveavgpool,
  globalavgpool,
  upsample,
  add,
  concat,
  flatten,
  linear,
  dropout
};
