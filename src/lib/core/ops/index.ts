/** Registry: op kind -> rule. Adding an op means one module and one line here. */
import type { OpKind } from '../types';
import { dropout, relu } from './activation';
import { adaptiveavgpool, globalavgpool } from './adaptive';
import { conv2d } from './conv2d';
import { convtranspose2d } from './convtranspose';
import { flatten, linear } from './linear';
import { add, concat } from './merge';
import { batchnorm, groupnorm } from './norm';
import { avgpool, maxpool } from './pool';
import type { OpRule } from './rule';
import { roialign } from './roialign';
import { padto, resize } from './transform';
import { upsample } from './upsample';

const input: OpRule<'input'> = {
  infer: () => ({ error: 'the input node takes its shape from the caller' }),
  params: () => 0,
  macs: () => 0,
  rf: (_a, rfs) => rfs[0]
};

export const rules: { [K in OpKind]: OpRule<K> } = {
  input,
  conv2d,
  batchnorm,
  groupnorm,
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
  dropout,
  convtranspose2d,
  roialign,
  resize,
  padto
};
