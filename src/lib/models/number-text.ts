/**
 * How numbers are written in config values (CLI `--set`, URL parameters, the config panel). Plain
 * decimal only: JavaScript's Number() also takes `0x10`, `0b11`, `0o7`, padded text such as ` 3\t`,
 * and reads '' as 0, so it would silently read something the user did not mean (`bins=0b11` as 3).
 * Number lists may also use the powers of two that the anchor-scale papers and `--help` write:
 * 2^0, 2^(1/3), 2^(-1/3).
 */

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// 2^p, or 2^(p) and 2^(p/q) in parentheses, with integer p and q: `2^1/3` would read as (2^1)/3.
const POWER_OF_TWO = /^2\^(?:([+-]?\d+)|\(([+-]?\d+)(?:\/(\d+))?\))$/;

export const INTEGER_SYNTAX = 'a decimal integer (digits with an optional sign)';
export const NUMBER_SYNTAX = 'a decimal number (e.g. 2, 0.5, 1e-3) or a power of two 2^p or 2^(p/q)';

/** The integer `text` writes, or null if it is not plain decimal digits. */
export function parseInteger(text: string): number | null {
  return INTEGER.test(text) ? Number(text) : null;
}

/** The number `text` writes (decimal, or 2^p / 2^(p/q)), or null; q = 0 is no number. */
export function parseListNumber(text: string): number | null {
  if (DECIMAL.test(text)) return Number(text);
  const m = POWER_OF_TWO.exec(text);
  if (!m) return null;
  const q = Number(m[3] ?? 1);
  return q === 0 ? null : Math.pow(2, Number(m[1] ?? m[2]) / q);
}
