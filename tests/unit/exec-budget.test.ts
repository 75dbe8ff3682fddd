/**
 * The run guard on whole models, with byte counts worked out by hand: FrozenBatchNorm2d's buffers, a
 * shared module held once, RoIAlign's scratch (its sample crops and padded levels), a batch of regions
 * named in the refusal, and the detection transform, under which a smaller input does not help.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import { infer } from '../../src/lib/core/infer';
import type { Conv2dAttrs, RoiAlignAttrs } from '../../src/lib/core/types';
import { checkRunBudget } from '../../src/lib/exec/budget';
import { estimateRun } from '../../src/lib/exec/estimate';

const conv1x1 = (out: number): Conv2dAttrs => ({
  outChannels: out,
  kernel: [1, 1],
  stride: [1, 1],
  dilation: [1, 1],
  groups: 1,
  padding: 'VALID',
  bias: false
});

describe('weights', () => {
  it('FrozenBatchNorm2d holds four vectors as buffers; a shared conv is held once', () => {
    const b = new GraphBuilder();
    b.add('input', 'input', { channels: 3 }, []);
    b.add('conv', 'conv2d', conv1x1(4), ['input'], undefined, 'm.conv');
    b.add('bn', 'batchnorm', { frozen: true }, ['conv'], undefined, 'm.bn');
    b.add('again', 'conv2d', conv1x1(4), ['input'], undefined, 'm.conv');
    const g = b.build();
    // conv 4 x 3 = 12 values once (the second node shares it), frozen BN 4 x 4 = 16: 28 x 4 B.
    expect(estimateRun(g, infer(g, [1, 3, 4, 4]), 'cpu').weightBytes).toBe(112);
  });
});

/** input [1, 2, 8, 8] -> RoIAlign of 3 regions to 2x2 (sampling ratio 2) -> 1x1 conv to 2 channels. */
function roiGraph(regions = 3) {
  const b = new GraphBuilder();
  b.add('input', 'input', { channels: 2 }, []);
  const attrs: RoiAlignAttrs = { output: [2, 2], samplingRatio: 2, source: 'proposals', regions };
  b.add('roi_heads/pool', 'roialign', attrs, ['input']);
  b.add('roi_heads/conv', 'conv2d', conv1x1(2), ['roi_heads/pool'], undefined, 'roi.conv');
  return b.build();
}

describe('regions', () => {
  it("RoIAlign's scratch: 2x2 samples per bin and the level padded by one pixel per side", () => {
    const g = roiGraph();
    const e = estimateRun(g, infer(g, [1, 2, 8, 8]), 'cpu');
    // input 2*64 = 128 values; output [3, 2, 2, 2] = 24; crops 24 * 4 = 96; padded level 2 * 10 * 10 = 200.
    // (128 + 24 + 96 + 200) * 4 B = 1792 B at the pool; the conv after it holds 24 + 24 values only.
    expect(e.peakBytes).toBe(1792);
    expect(e.peakNode).toBe('roi_heads/pool');
    expect(e.peakRegions).toEqual({ source: 'proposals', regions: 3 });
  });
  it('a refusal at a region-batched node names the region count and how to lower it', () => {
    const g = roiGraph(1000);
    const e = estimateRun(g, infer(g, [1, 2, 8, 8]), 'cpu');
    const v = checkRunBudget(e, { totalBytes: 10_000 }, g);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.message).toContain('where the batch is the 1000 proposals per image');
      // The region tensors do not shrink with the input, so no input size fits: lower the count instead.
      expect(v.suggestion).toBeNull();
      expect(v.message).toContain('lower proposals (now 1000)');
    }
  });
  it('with the detection transform, a smaller input is not suggested: minSize and maxSize are', () => {
    const b = new GraphBuilder();
    b.add('input', 'input', { channels: 3 }, []);
    b.add('transform/resize', 'resize', { minSize: 800, maxSize: 1333, rounding: 'floor' }, ['input']);
    b.add('transform/pad', 'padto', { divisor: 32 }, ['transform/resize']);
    b.add('conv', 'conv2d', conv1x1(8), ['transform/pad'], undefined, 'conv');
    const g = b.build();
    // 100x100 resizes to 800x800: the conv output alone is 8 * 800 * 800 * 4 B = 20.5 MB.
    const e = estimateRun(g, infer(g, [1, 3, 100, 100]), 'cpu');
    expect(e.peakBytes).toBeGreaterThan(8 * 800 * 800 * 4);
    const v = checkRunBudget(e, { totalBytes: 1e6 }, g);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.suggestion).toBeNull();
      expect(v.message).toContain(
        'resizes every input to a short side of 800 (at most 1333 on the long side)'
      );
      expect(v.message).toContain('set transform=none');
    }
  });
});
