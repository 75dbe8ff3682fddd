/**
 * Adaptive average pooling with PyTorch's bins: bin i covers [floor(i*n/b), ceil((i+1)*n/b)).
 * A rectangle's mean is the mean of its row means, so rows and columns are pooled separately
 * (b_h + b_w slices instead of b_h * b_w).
 */
import { adaptiveBins } from '../../core/spatial';
import type { AdaptiveAvgPoolAttrs } from '../../core/types';
import type { Tensor4D, Tf } from '../tf';

function poolAxis(tf: Tf, x: Tensor4D, axis: 1 | 2, bins: number): Tensor4D {
  const n = x.shape[axis];
  const parts = adaptiveBins(n, bins).map(([start, end]) => {
    const begin = [0, 0, 0, 0];
    const size = [...x.shape];
    begin[axis] = start;
    size[axis] = end - start;
    return tf.mean(tf.slice(x, begin, size), axis, true) as Tensor4D;
  });
  return parts.length === 1 ? parts[0] : tf.concat(parts, axis);
}

export function adaptiveavgpool(tf: Tf, _id: string, a: AdaptiveAvgPoolAttrs, [x]: Tensor4D[]): Tensor4D {
  return poolAxis(tf, poolAxis(tf, x, 1, a.output[0]), 2, a.output[1]);
}

export function globalavgpool(tf: Tf, _id: string, _a: unknown, [x]: Tensor4D[]): Tensor4D {
  return tf.mean(x, [1, 2], true) as Tensor4D;
}
