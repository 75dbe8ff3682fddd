/** Axis and label numbers: three significant digits with SI suffixes, checked by hand. */
import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../src/lib/format';

describe('formatCompact', () => {
  it.each([
    [5e8, '500M'],
    [1e7, '10M'],
    [100, '100'],
    [1.5e9, '1.5G'],
    [2_049_000, '2.05M'],
    [25_557_032, '25.6M'],
    [9_472, '9.47k'],
    [999_700_000, '1G'],
    [0, '0']
  ])('%d reads %s', (n, text) => {
    expect(formatCompact(n)).toBe(text);
  });
});
