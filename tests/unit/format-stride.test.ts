import { describe, expect, it } from 'vitest';

import { formatOps, formatStride } from '../../src/lib/format';

describe('formatStride', () => {
  it('keeps whole strides exact', () => {
    expect(formatStride(8)).toBe('8');
    expect(formatStride(480)).toBe('480');
  });

  it('rounds a fractional stride to two decimals', () => {
    // PSPNet at 473x473: the 60x60 score map (stride 8) resized to 473 has stride 8 * 60 / 473 = 1.01479...
    expect(formatStride((8 * 60) / 473)).toBe('1.01');
    // 7x7 at stride 32 resized to 10x10: 32 * 7 / 10 = 22.4 (no trailing zero).
    expect(formatStride((32 * 7) / 10)).toBe('22.4');
    // A centre offset of -3.5 px reads as written, not in exponent form.
    expect(formatStride(-3.5)).toBe('-3.5');
    expect(formatStride(1234.567)).toBe('1234.57');
  });
});

describe('formatOps', () => {
  it('switches to T past a thousand G', () => {
    // ResNet-152 + FPN at 2048x2048 and batch 8 runs to trillions of MACs; 2.04213e12 reads "2.04 T".
    expect(formatOps(2_042_130_000_000)).toBe('2.04 T');
    expect(formatOps(4_089_184_256)).toBe('4.09 G');
  });
});
