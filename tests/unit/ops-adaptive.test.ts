/**
 * Adaptive average pooling follows PyTorch: bin i of b over n pixels covers
 * [floor(i*n/b), ceil((i+1)*n/b)), so bins overlap when b does not divide n.
 */
import { describe, expect, it } from 'vitest';
import { adaptiveavgpool } from '../../src/lib/core/ops/adaptive';
import { adaptiveBins } from '../../src/lib/core/spatial';
import { analyzePreset } from './golden-fixture';

describe('adaptiveBins', () => {
  it('splits 60 into 6 equal bins of 10 (PSPNet at 473x473)', () => {
    expect(adaptiveBins(60, 6)).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
      [40, 50],
      [50, 60]
    ]);
  });

  it('overlaps bins when b does not divide n: 5 into 3', () => {
    // i=0: [0, ceil(5/3)=2); i=1: [floor(5/3)=1, ceil(10/3)=4); i=2: [floor(10/3)=3, 5).
    expect(adaptiveBins(5, 3)).toEqual([
      [0, 2],
      [1, 4],
      [3, 5]
    ]);
  });

  it('13 into 6: widths 3 everywhere, the first and last bins at the edges', () => {
    // starts floor(13i/6) = 0, 2, 4, 6, 8, 10; ends ceil(13(i+1)/6) = 3, 5, 7, 9, 11, 13.
    expect(adaptiveBins(13, 6)).toEqual([
      [0, 3],
      [2, 5],
      [4, 7],
      [6, 9],
      [8, 11],
      [10, 13]
    ]);
  });

  it('1 bin covers everything; as many bins as pixels gives one pixel each', () => {
    expect(adaptiveBins(7, 1)).toEqual([[0, 7]]);
    expect(adaptiveBins(3, 3)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3]
    ]);
  });
});

describe('adaptive pool shape rule', () => {
  it('outputs the bin grid whatever the input', () => {
    expect(adaptiveavgpool.infer({ output: [6, 6] }, [[1, 2048, 60, 60]])).toMatchObject({
      shape: [1, 2048, 6, 6]
    });
  });

  it('warns when there are more bins than pixels (PSPNet at 16x16: C5 is 2x2)', () => {
    // 16x16 at output stride 8: conv 8, pool 4, layer2 2, dilated layers keep 2x2; bins 3 and 6 exceed it.
    const a = analyzePreset('pspnet_r50', [16, 16]);
    const warned = a.diagnostics
      .filter((d) => d.severity === 'warning' && d.node.startsWith('ppm/'))
      .map((d) => d.node);
    expect(warned).toEqual(['ppm/bin3/pool', 'ppm/bin6/pool']);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
