import { describe, expect, it } from 'vitest';
import { tapCells } from '../../src/lib/components/live/tap-stats';

const clean = { min: -1.5, mean: 0.25, max: 20000, nan: 0, posInf: 0, negInf: 0 };

describe('tap statistics in words', () => {
  it('prints min, mean and max when every value is finite', () => {
    expect(tapCells(clean, [1, 8, 4, 4])).toEqual({
      finite: true,
      min: '-1.500',
      mean: '0.250',
      max: '2.00e+4'
    });
  });

  it('says NaN and infinity plainly, with how many of how many values, instead of numbers', () => {
    // [1, 64, 56, 56] holds 64 * 56 * 56 = 200,704 values.
    const s = { ...clean, mean: NaN, nan: 1204, posInf: 3, negInf: 0 };
    expect(tapCells(s, [1, 64, 56, 56])).toEqual({
      finite: false,
      text: 'not finite: 1,204 NaN, 3 +Inf of 200,704 values'
    });
    expect(tapCells({ ...clean, negInf: 2 }, null)).toEqual({ finite: false, text: 'not finite: 2 −Inf' });
  });
});
