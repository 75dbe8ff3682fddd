import { describe, expect, it } from 'vitest';
import { parseInputSize } from '../../src/lib/models/resolve';
import { parseValue } from '../../src/lib/models/key-values';

const value = (key: string, raw: string) => {
  const r = parseValue(key, raw);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (key: string, raw: string) => {
  const r = parseValue(key, raw);
  if (r.ok) throw new Error(`${key}=${raw} was accepted as ${JSON.stringify(r.value)}`);
  return r.message;
};

describe('powers of two, as --help writes the RetinaNet scales', () => {
  it('2^0, 2^(1/3), 2^(2/3)', () => {
    const scales = value('anchorScales', '2^0,2^(1/3),2^(2/3)') as number[];
    // Cube roots of 1, 2 and 4: 1, 1.259921, 1.587401.
    expect(scales).toHaveLength(3);
    expect(scales[0]).toBe(1);
    expect(scales[1]).toBeCloseTo(1.259921, 6);
    expect(scales[2]).toBeCloseTo(1.587401, 6);
  });

  it('negative and whole exponents, with or without parentheses', () => {
    expect(value('anchorRatios', '2^-1,2^0,2^1')).toEqual([0.5, 1, 2]);
    expect(value('anchorRatios', '2^(-1),2^(1)')).toEqual([0.5, 2]);
    // 1 / 1.259921 = 0.793701.
    expect((value('anchorScales', '2^(-1/3)') as number[])[0]).toBeCloseTo(0.793701, 6);
    expect(value('anchorSizes', '2^5,2^6,2^7')).toEqual([32, 64, 128]);
  });

  it('refuses what is not an integer power: 2^1/3 (ambiguous), 2^0.5, 2^(1/0), 3^2', () => {
    for (const raw of ['2^1/3', '2^0.5', '2^(1/0)', '3^2', '2^(1/3', '2^']) {
      const m = message('anchorScales', raw);
      expect(m, raw).toContain('is not a decimal number');
      expect(m, raw).toContain('2^(p/q)');
    }
  });
});

describe('numbers are plain decimal', () => {
  it('accepts a sign, a fraction and an exponent where numbers are allowed', () => {
    expect(value('width', '+64')).toBe(64);
    expect(value('anchorSizes', '32,64.5,1e2,.5e2')).toEqual([32, 64.5, 100, 50]);
    expect(value('anchorRatios', '0.5,1.,2')).toEqual([0.5, 1, 2]);
    expect(value('anchorSizes', '')).toEqual([]);
  });

  it('bins=0b11 (binary) is refused, not read as 3', () => {
    expect(message('bins', '0b11')).toBe(
      'bins="0b11" is not allowed: item 1, "0b11", is not a decimal integer (digits with an optional sign); bins must be 1 to 8 comma-separated integers from 1 to 64'
    );
  });

  it('width=0x10 (hex) is refused, not read as 16', () => {
    expect(message('width', '0x10')).toBe(
      'width="0x10" is not allowed: not a decimal integer (digits with an optional sign); width must be an integer from 8 to 256'
    );
  });

  it('octal, hex and binary in number lists', () => {
    expect(message('anchorSizes', '32,0x40')).toContain('item 2, "0x40", is not a decimal number');
    expect(message('anchorRatios', '0o1')).toContain('item 1, "0o1", is not a decimal number');
  });

  it('tab- or space-padded values are refused, and the message shows the padding', () => {
    expect(message('bins', '1,\t2')).toContain('item 2, "\\t2", is not a decimal integer');
    expect(message('bins', '1, 2')).toContain('item 2, " 2", is not a decimal integer');
    expect(message('classes', '10\t')).toContain('classes="10\\t" is not allowed: not a decimal integer');
    expect(message('anchorScales', ' 1')).toContain('item 1, " 1", is not a decimal number');
  });

  it('an exponent or a fraction is no integer', () => {
    expect(message('classes', '1e3')).toContain('not a decimal integer');
    expect(message('bins', '1,2.0')).toContain('item 2, "2.0", is not a decimal integer');
  });

  it('empty items and empty integers are refused', () => {
    expect(message('bins', '1,,2')).toContain('item 2, "", is not a decimal integer');
    expect(message('classes', '')).toContain('not a decimal integer');
  });

  it('a number in the right syntax but out of range keeps the range message', () => {
    expect(message('bins', '0')).toBe(
      'bins="0" is not allowed: bins must be 1 to 8 comma-separated integers from 1 to 64'
    );
  });
});

describe('input sizes', () => {
  it('take decimal sides, with plain spaces around the x if you like', () => {
    expect(parseInputSize('512x384')).toEqual({ ok: true, value: [512, 384] });
    expect(parseInputSize(' 512 x 384 ')).toEqual({ ok: true, value: [512, 384] });
    expect(parseInputSize('300')).toEqual({ ok: true, value: [300, 300] });
  });

  it('refuse tabs, line breaks, exponents and signs', () => {
    for (const raw of ['512\tx512', '512\nx512', '512x512\r', '1e3x512', '+512x512', '0x10']) {
      const r = parseInputSize(raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
    }
  });
});
