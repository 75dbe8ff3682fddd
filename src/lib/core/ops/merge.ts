import type { ReceptiveField, Shape } from '../types';
import { type OpRule, none, sameSpatial, spatial } from './rule';

/** The field of a merge is the widest over its inputs (a DAG: the maximum over paths). */
function widest(rfs: ReceptiveField[]): ReceptiveField {
  return rfs.reduce((best, r) => (r.size[0] * r.size[1] > best.size[0] * best.size[1] ? r : best));
}

export const add: OpRule<'add'> = {
  infer(_a, inputs) {
    const [first] = inputs;
    for (const x of inputs.slice(1)) {
      if (!sameSpatial(first, x) || first[1] !== x[1] || first[0] !== x[0]) {
        return {
          error: `cannot add ${first[1]}x${spatial(first)} and ${x[1]}x${spatial(x)} (channels x height x width): the inputs must match exactly`
        };
      }
    }
    return { shape: [...first] as Shape };
  },
  params: none,
  macs: none,
  rf: (_a, rfs) => widest(rfs)
};

export const concat: OpRule<'concat'> = {
  infer(_a, inputs) {
    const [first] = inputs;
    for (const x of inputs.slice(1)) {
      if (!sameSpatial(first, x) || first[0] !== x[0]) {
        return { error: `cannot concatenate ${spatial(first)} with ${spatial(x)}: spatial sizes must match` };
      }
    }
    const channels = inputs.reduce((s, x) => s + x[1], 0);
    return { shape: [first[0], channels, first[2], first[3]] };
  },
  params: none,
  macs: none,
  rf: (_a, rfs) => widest(rfs)
};
