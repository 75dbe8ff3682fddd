/**
 * Convolution arithmetic by hand: PyTorch explicit padding, TensorFlow SAME and VALID, TF-slim's
 * conv2d_same, dilation, and the parameter and MAC counts of single layers. Each expected number is
 * derived in the comment beside it; the odd cases were also checked against torch.nn.Conv2d.
 */
import { describe, expect, it } from 'vitest';
import { conv } from '../../src/lib/core/layers';
import { conv2d } from '../../src/lib/core/ops/conv2d';
import { linear } from '../../src/lib/core/ops/linear';
import { slimSamePadding, symmetric, windowAxis } from '../../src/lib/core/spatial';
import type { Shape } from '../../src/lib/core/types';

describe('explicit padding: floor((n + 2p - d(k-1) - 1) / s) + 1', () => {
  it('7x7/2 pad 3 on 375x500 gives 188x250', () => {
    // floor((375 + 6 - 7) / 2) + 1 = 187 + 1 = 188; floor((500 + 6 - 7) / 2) + 1 = 249 + 1 = 250.
    expect(windowAxis(375, 7, 2, 1, symmetric(3), 'h').out).toBe(188);
    expect(windowAxis(500, 7, 2, 1, symmetric(3), 'w').out).toBe(250);
  });

  it('3x3 stride 2, dilation 2, pad 1 on 97 gives 48', () => {
    // effective kernel 2*(3-1)+1 = 5; floor((97 + 2 - 5) / 2) + 1 = 47 + 1 = 48.
    expect(windowAxis(97, 3, 2, 2, symmetric(1), 'h').out).toBe(48);
  });

  it('3x3 dilation 4, pad 4, stride 1 keeps 60 (PSPNet layer4)', () => {
    // effective kernel 9; floor((60 + 8 - 9) / 1) + 1 = 60.
    expect(windowAxis(60, 3, 1, 4, symmetric(4), 'h').out).toBe(60);
  });

  it('uneven explicit padding counts each side', () => {
    // 3x3/2 with 0 before and 1 after on 98: floor((98 + 0 + 1 - 3) / 2) + 1 = 48 + 1 = 49.
    const r = windowAxis(98, 3, 2, 1, { top: 0, bottom: 1, left: 0, right: 1 }, 'h');
    expect(r).toEqual({ out: 49, padBefore: 0, padAfter: 1 });
  });
});

describe("TensorFlow 'SAME': ceil(n / s), padding max((out-1)s + keff - n, 0), the odd pixel after", () => {
  it('3x3/2 on 97: 49, padding 1 + 1', () => {
    // ceil(97 / 2) = 49; total (49 - 1) * 2 + 3 - 97 = 2 -> 1 before, 1 after.
    expect(windowAxis(97, 3, 2, 1, 'SAME', 'h')).toEqual({ out: 49, padBefore: 1, padAfter: 1 });
  });

  it('3x3/2 on 98: 49, padding 0 + 1 (unlike torch, which pads 1 + 1)', () => {
    // ceil(98 / 2) = 49; total 96 + 3 - 98 = 1 -> 0 before, 1 after.
    expect(windowAxis(98, 3, 2, 1, 'SAME', 'h')).toEqual({ out: 49, padBefore: 0, padAfter: 1 });
  });

  it('7x7/2 on 98: 49, padding 2 + 3', () => {
    // total 96 + 7 - 98 = 5 -> 2 before, 3 after.
    expect(windowAxis(98, 7, 2, 1, 'SAME', 'h')).toEqual({ out: 49, padBefore: 2, padAfter: 3 });
  });

  it('1x1/2 on 97: 49 with no padding', () => {
    // total 96 + 1 - 97 = 0.
    expect(windowAxis(97, 1, 2, 1, 'SAME', 'h')).toEqual({ out: 49, padBefore: 0, padAfter: 0 });
  });
});

describe("TensorFlow 'VALID': ceil((n - keff + 1) / s)", () => {
  it('3x3/2 on 97 and 98 both give 48', () => {
    // ceil(95 / 2) = 48; ceil(96 / 2) = 48.
    expect(windowAxis(97, 3, 2, 1, 'VALID', 'h').out).toBe(48);
    expect(windowAxis(98, 3, 2, 1, 'VALID', 'h').out).toBe(48);
  });

  it('3x3 dilation 2 on 97 gives 93', () => {
    // effective kernel 5: ceil((97 - 5 + 1) / 1) = 93.
    expect(windowAxis(97, 3, 1, 2, 'VALID', 'h').out).toBe(93);
  });
});

describe('TF-slim conv2d_same for stride > 1: pad keff - 1 split floor/ceil, then VALID', () => {
  it('pads 3x3 by 1 + 1, 7x7 by 3 + 3, dilated 3x3 (rate 2) by 2 + 2, 4x4 by 1 + 2', () => {
    expect(slimSamePadding(3, 1)).toEqual({ top: 1, bottom: 1, left: 1, right: 1 });
    expect(slimSamePadding(7, 1)).toEqual({ top: 3, bottom: 3, left: 3, right: 3 });
    expect(slimSamePadding(3, 2)).toEqual({ top: 2, bottom: 2, left: 2, right: 2 });
    expect(slimSamePadding(4, 1)).toEqual({ top: 1, bottom: 2, left: 1, right: 2 });
  });

  it('3x3/2 on 98 gives 49 with padding 1 + 1', () => {
    // floor((98 + 2 - 3) / 2) + 1 = 48 + 1 = 49.
    expect(windowAxis(98, 3, 2, 1, slimSamePadding(3, 1), 'h')).toEqual({
      out: 49,
      padBefore: 1,
      padAfter: 1
    });
  });
});

describe('a single convolution', () => {
  const x: Shape = [1, 3, 224, 224];

  it("ResNet's 7x7/2 stem conv: shape, 9408 weights, 118,013,952 MACs", () => {
    const a = conv(64, 7, 2, { padding: 3 });
    const out = conv2d.infer(a, [x]);
    // floor((224 + 6 - 7) / 2) + 1 = 112.
    expect(out).toEqual({ shape: [1, 64, 112, 112], pad: [3, 3, 3, 3] });
    // 64 * 3 * 7 * 7 = 9408, no bias.
    expect(conv2d.params(a, [x], [1, 64, 112, 112])).toBe(9408);
    // 112 * 112 * 64 outputs, each 3 * 7 * 7 = 147 multiply-accumulates: 802,816 * 147.
    expect(conv2d.macs(a, [x], [1, 64, 112, 112])).toBe(118_013_952);
  });

  it('grouped 3x3 conv 64 -> 128, 32 groups, with bias: 2432 parameters', () => {
    // 128 * (64 / 32) * 3 * 3 = 2304 weights + 128 biases = 2432 (torch.nn.Conv2d agrees).
    const a = conv(128, 3, 1, { groups: 32, bias: true });
    const inp: Shape = [2, 64, 10, 10];
    expect(conv2d.params(a, [inp], [2, 128, 10, 10])).toBe(2432);
    // 2 * 128 * 10 * 10 outputs, each 2 * 9 = 18 MACs: 25,600 * 18 = 460,800.
    expect(conv2d.macs(a, [inp], [2, 128, 10, 10])).toBe(460_800);
  });

  it('refuses channels that groups do not divide, and a kernel larger than the padded input', () => {
    expect(conv2d.infer(conv(8, 3, 1, { groups: 3 }), [[1, 4, 8, 8]])).toHaveProperty('error');
    // 7x7 pad 0 on 5: floor((5 - 7) / 1) + 1 = -1 -> no output.
    expect(conv2d.infer(conv(8, 7, 1, { padding: 0 }), [[1, 3, 5, 5]])).toHaveProperty('error');
  });
});

describe('a single linear layer', () => {
  const a = { outFeatures: 1000, bias: true };

  it("ResNet-50's fc: 2048 * 1000 + 1000 = 2,049,000 parameters, N * 2048 * 1000 MACs", () => {
    expect(linear.params(a, [[1, 2048, 1, 1]], [1, 1000, 1, 1])).toBe(2_049_000);
    expect(linear.macs(a, [[1, 2048, 1, 1]], [1, 1000, 1, 1])).toBe(2_048_000);
    expect(linear.macs(a, [[4, 2048, 1, 1]], [4, 1000, 1, 1])).toBe(8_192_000);
  });

  it('needs a flattened input', () => {
    expect(linear.infer(a, [[1, 2048, 7, 7]])).toHaveProperty('error');
  });
});
