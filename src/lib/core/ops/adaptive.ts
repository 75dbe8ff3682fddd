import { adaptiveBins } from '../spatial';
import type { ReceptiveField, Shape } from '../types';
import { type OpRule, none } from './rule';

/** Receptive field of an adaptive pool: the widest bin is the window, n/b the (mean) stride. */
function binRf(rf: ReceptiveField, x: Shape, bins: [number, number]): ReceptiveField {
  const axis = (i: 0 | 1) => {
    const n = x[2 + i];
    const widths = adaptiveBins(n, bins[i]).map(([s, e]) => e - s);
    const k = Math.max(...widths);
    return {
      size: rf.size[i] + (k - 1) * rf.stride[i],
      stride: (rf.stride[i] * n) / bins[i],
      start: rf.start[i] + ((widths[0] - 1) / 2) * rf.stride[i]
    };
  };
  const h = axis(0);
  const w = axis(1);
  return { size: [h.size, w.size], stride: [h.stride, w.stride], start: [h.start, w.start] };
}

export const adaptiveavgpool: OpRule<'adaptiveavgpool'> = {
  infer(a, [x]) {
    const [n, c, h, w] = x;
    if (a.output[0] < 1 || a.output[1] < 1)
      return { error: `adaptive pool output ${a.output.join('x')} must be at least 1x1` };
    const warnings: string[] = [];
    if (a.output[0] > h || a.output[1] > w) {
      warnings.push(
        `${a.output[0]}x${a.output[1]} bins on a ${h}x${w} map: some bins repeat pixels (PyTorch allows it, but the pooling no longer summarises distinct regions); use a larger input`
      );
    }
    return { shape: [n, c, a.output[0], a.output[1]], warnings };
  },
  params: none,
  macs: none,
  rf: (a, [rf], [x]) => binRf(rf, x, a.output)
};

export const globalavgpool: OpRule<'globalavgpool'> = {
  infer: (_a, [x]) => ({ shape: [x[0], x[1], 1, 1] }),
  params: none,
  macs: none,
  rf: (_a, [rf], [x]) => binRf(rf, x, [1, 1])
};
