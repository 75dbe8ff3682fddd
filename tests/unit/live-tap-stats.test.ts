import { describe, expect, it } from 'vitest';
import { tapCells } from '../../src/lib/components/live/tap-stats';
import type { TensorStats } from '../../src/lib/exec/executor';

/** The row's text when the values are not all finite. */
const words = (s: TensorStats) => {
  const c = tapCells(s);
  return c.finite ? null : c.text;
};

describe('tap statistics in words', () => {
  it('prints min, mean and max when all three are finite', () => {
    expect(tapCells({ min: -1.5, mean: 0.25, max: 20000 })).toEqual({
      finite: true,
      min: '-1.500',
      mean: '0.250',
      max: '2.00e+4'
    });
  });

  it('says NaN and infinity plainly instead of printing them as numbers', () => {
    // What a NaN does to the three (IEEE 754: any sum with a NaN is NaN; min/max of NaN vary by backend).
    expect(tapCells({ min: -2, mean: NaN, max: 5 })).toEqual({ finite: false, text: 'holds NaN' });
    expect(tapCells({ min: NaN, mean: NaN, max: NaN })).toEqual({ finite: false, text: 'holds NaN' });
    expect(tapCells({ min: 3, mean: Infinity, max: Infinity })).toEqual({
      finite: false,
      text: 'holds +Inf'
    });
    expect(words({ min: NaN, mean: NaN, max: Infinity })).toBe('holds NaN and +Inf');
    expect(words({ min: -Infinity, mean: -Infinity, max: 3 })).toBe('holds −Inf');
    // +Inf + -Inf is NaN too: whether NaN values are also there cannot be told from the three.
    expect(words({ min: -Infinity, mean: NaN, max: Infinity })).toBe('holds +Inf and −Inf, perhaps NaN too');
  });

  it('tells a float32 sum overflow of finite values from infinite values', () => {
    // float32's largest value is about 3.4e38; two of 3e38 sum past it.
    expect(words({ min: 0, mean: Infinity, max: 3e38 })).toBe(
      'values up to 3.00e+38: their float32 sum overflows'
    );
  });
});
