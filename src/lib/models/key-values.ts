/**
 * A key's value as text, against the schema (schema.ts): parsing with a message in the user's terms,
 * what a kind allows, and the text form that parses back (URLs, exports).
 */
import { quoteInput } from '../quote-input';
import { INTEGER_SYNTAX, NUMBER_SYNTAX, parseInteger, parseListNumber } from './number-text';
import { CONFIG_KEYS, KEY_BY_NAME, type KeyKind } from './schema';

export function allowedText(t: KeyKind): string {
  switch (t.kind) {
    case 'int':
      return `an integer from ${t.min} to ${t.max}`;
    case 'enum':
      return `one of ${t.values.join(', ')}`;
    case 'bool':
      return 'true or false';
    case 'intList':
      return `${t.minLength === t.maxLength ? t.minLength : `${t.minLength} to ${t.maxLength}`} comma-separated integers from ${t.min} to ${t.max}`;
    case 'numList':
      return `${t.minLength} to ${t.maxLength} comma-separated numbers from ${t.min} to ${t.max}`;
    case 'tapList':
      return `comma-separated taps from ${t.values.join(', ')}`;
  }
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses one key's raw text; the message names the key, the bad value and what is allowed. */
export function parseValue(key: string, raw: string): ParseResult {
  const spec = KEY_BY_NAME.get(key);
  if (!spec)
    return {
      ok: false,
      message: `unknown key ${quoteInput(key)}; known keys: ${CONFIG_KEYS.map((k) => k.key).join(', ')}`
    };
  const t = spec.type;
  const bad = (why = ''): ParseResult => ({
    ok: false,
    message: `${key}=${quoteInput(raw)} is not allowed: ${why ? `${why}; ` : ''}${key} must be ${allowedText(t)}`
  });
  switch (t.kind) {
    case 'int': {
      const v = parseInteger(raw);
      if (v === null) return bad(`not ${INTEGER_SYNTAX}`);
      return v >= t.min && v <= t.max ? { ok: true, value: v } : bad();
    }
    case 'enum':
      if (!t.values.includes(raw)) return bad();
      return { ok: true, value: /^\d+$/.test(raw) ? Number(raw) : raw };
    case 'bool':
      if (raw === 'true' || raw === '1') return { ok: true, value: true };
      if (raw === 'false' || raw === '0') return { ok: true, value: false };
      return bad();
    case 'intList':
    case 'numList': {
      const parts = raw === '' ? [] : raw.split(',');
      const [parse, syntax] =
        t.kind === 'intList' ? [parseInteger, INTEGER_SYNTAX] : [parseListNumber, NUMBER_SYNTAX];
      const nums: number[] = [];
      for (const [i, part] of parts.entries()) {
        const v = parse(part);
        if (v === null) return bad(`item ${i + 1}, ${quoteInput(part)}, is not ${syntax}`);
        nums.push(v);
      }
      const ok = nums.every((v) => Number.isFinite(v) && v >= t.min && v <= t.max);
      return ok && nums.length >= t.minLength && nums.length <= t.maxLength
        ? { ok: true, value: nums }
        : bad();
    }
    case 'tapList': {
      const parts = raw.split(',').map((s) => s.trim().toUpperCase());
      const unique = new Set(parts).size === parts.length;
      const ok = parts.every((p) => t.values.includes(p)) && unique;
      const ordered = [...parts].sort().join() === parts.join();
      return ok && ordered && parts.length >= t.minLength && parts.length <= t.maxLength
        ? { ok: true, value: parts }
        : bad();
    }
  }
}

/** The text form of a value, the inverse of parseValue (for URLs and exports). */
export function formatValue(value: unknown): string {
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'number' ? String(+v.toFixed(6)) : String(v))).join(',');
  return String(value);
}
