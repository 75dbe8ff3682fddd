import type { Shape } from '../types';
import { type OpRule, none } from './rule';

/**
 * MultiScaleRoIAlign: each of `regions` boxes per image is pooled from one input level to a fixed
 * grid. Every level must have the same channels. No parameters and, as in torchvision's figures,
 * no MACs (bilinear sampling is not a multiply-accumulate layer). A region's receptive field depends
 * on its box, so the output has no fixed field.
 */
export const roialign: OpRule<'roialign'> = {
  infer(a, inputs) {
    const [first] = inputs;
    const odd = inputs.find((x) => x[1] !== first[1]);
    if (odd) return { error: `RoIAlign levels must share their channels: ${first[1]} and ${odd[1]}` };
    const shape: Shape = [first[0] * a.regions, first[1], a.output[0], a.output[1]];
    return { shape };
  },
  params: none,
  macs: none,
  rf: () => null
};
