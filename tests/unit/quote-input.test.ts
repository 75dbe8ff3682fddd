import { describe, expect, it } from 'vitest';
import { hasControl } from './control-chars';
import { QUOTE_MAX, quoteInput } from '../../src/lib/quote-input';
import { parseInputSize, resolveConfig } from '../../src/lib/models/resolve';
import { parseValue } from '../../src/lib/models/key-values';

describe('quoteInput', () => {
  it('quotes plain text as it is', () => {
    expect(quoteInput('abc')).toBe('"abc"');
    expect(quoteInput('')).toBe('""');
  });

  it('writes control characters, quotes and backslashes out visibly', () => {
    expect(quoteInput('\x1b[31mRED')).toBe('"\\x1b[31mRED"');
    expect(quoteInput('a\nb\rc\td')).toBe('"a\\nb\\rc\\td"');
    expect(quoteInput('\x00\x7f\x9b')).toBe('"\\x00\\x7f\\x9b"');
    // U+202E RIGHT-TO-LEFT OVERRIDE and U+2028 LINE SEPARATOR.
    expect(quoteInput('a\u202eb\u2028')).toBe('"a\\u{202e}b\\u{2028}"');
    expect(quoteInput('say "hi" \\x1b')).toBe('"say \\"hi\\" \\\\x1b"');
    expect(quoteInput('ε × 😀')).toBe('"ε × 😀"');
  });

  it('cuts long text after QUOTE_MAX visible characters and gives the full length', () => {
    // 5,000 "1," pairs and a final "1": 10,001 characters.
    const list = '1,'.repeat(5000) + '1';
    expect(QUOTE_MAX).toBe(60);
    expect(quoteInput(list)).toBe(`"${'1,'.repeat(30)}…" (10,001 characters)`);
    // Escapes count toward the limit: 30 newlines are 60 visible characters, the 31st is cut.
    expect(quoteInput('\n'.repeat(31))).toBe(`"${'\\n'.repeat(30)}…" (31 characters)`);
  });

  it('never splits a character written as a surrogate pair', () => {
    // 59 letters leave one visible place; the emoji takes two UTF-16 units, so it is cut whole.
    expect(quoteInput('a'.repeat(59) + '😀b')).toBe(`"${'a'.repeat(59)}…" (61 characters)`);
  });
});

describe('messages quote what the user typed', () => {
  const oneLine = (message: string) => expect(hasControl(message)).toBe(false);

  it('parseValue: an escape sequence in a value', () => {
    const r = parseValue('depth', '\x1b[31mRED');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    oneLine(r.message);
    expect(r.message).toContain('depth="\\x1b[31mRED" is not allowed');
  });

  it('parseValue: an unknown key with a newline', () => {
    const r = parseValue('dep\nth', '50');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    oneLine(r.message);
    expect(r.message).toContain('unknown key "dep\\nth"');
  });

  it('parseValue: a 10,000-item list', () => {
    const r = parseValue('bins', Array(10_000).fill('2').join(','));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    oneLine(r.message);
    // The quoted value is cut to 60 characters; the rest of the message comes from the schema.
    expect(r.message.length).toBeLessThan(250);
    expect(r.message).toContain('(19,999 characters)');
  });

  it('parseInputSize and presets', () => {
    const input = parseInputSize('512\r\nx512');
    expect(input.ok).toBe(false);
    if (!input.ok) {
      oneLine(input.message);
      expect(input.message).toContain('input "512\\r\\nx512" is not allowed');
    }
    const preset = resolveConfig('resnet50\x1b[2J', null, []);
    expect(preset.ok).toBe(false);
    if (!preset.ok) {
      oneLine(preset.errors[0]);
      expect(preset.errors[0]).toContain('preset "resnet50\\x1b[2J" is not known');
    }
  });
});
