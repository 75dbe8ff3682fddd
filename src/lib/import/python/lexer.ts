/**
 * Tokens of the Python subset that config files are read in (docs/import.md). Python's own lexer
 * rules where the subset needs them: comments, brackets that join lines, backslash continuations,
 * string prefixes and escapes, numbers with underscores. Anything outside the subset (f-strings,
 * bytes, complex numbers, indented blocks) is refused here with the line it is on.
 */

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The name, operator or (for strings) the decoded text. */
  text: string;
  value?: number;
  line: number;
}

export class PythonError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string
  ) {
    super(`line ${line}: ${reason}`);
  }
}

// Longest first, so `**` is not read as two `*` and `//` not as two `/`.
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '**', '//', '==', '!=', '<=', '>=', '->', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '<<', '>>', ':=', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=', '+',
  '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '@'
]; // prettier-ignore

/** Indentation outside brackets: it would open a block, which the subset has none of. */
export const INDENT = '<indent>';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'
}; // prettier-ignore

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  let lineStart = true;
  const push = (kind: TokenKind, text: string, value?: number) => tokens.push({ kind, text, value, line });
  const fail = (reason: string): never => {
    throw new PythonError(line, reason);
  };

  while (i < src.length) {
    const ch = src[i];
    if (lineStart && depth === 0) {
      // Indentation outside brackets opens a block, which the subset has none of.
      let j = i;
      while (src[j] === ' ' || src[j] === '\t') j++;
      const next = src[j];
      // The parser refuses it, after the statement that opened the block has had its say.
      if (j > i && next !== undefined && next !== '\n' && next !== '\r' && next !== '#') push('op', INDENT);
      lineStart = false;
    }
    if (ch === '\n') {
      if (depth === 0 && tokens.length && tokens[tokens.length - 1].kind !== 'newline') push('newline', '\n');
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\') {
      const nl = src[i + 1] === '\r' ? i + 2 : i + 1;
      if (src[nl] !== '\n') fail('a backslash outside a string must end its line');
      i = nl + 1;
      line++;
      continue;
    }
    const prefix = /^([rRuUbBfF]{1,2})?('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (prefix && /^(|r|u|b|f|br|rb|fr|rf)$/i.test(prefix[1] ?? '')) {
      const p = (prefix[1] ?? '').toLowerCase();
      if (p.includes('f')) fail('f-strings are not supported: write the text out');
      if (p.includes('b')) fail('bytes literals are not supported');
      const startLine = line;
      i += p.length;
      const { text, end, lines } = readString(src, i, p.includes('r'), fail);
      tokens.push({ kind: 'string', text, line: startLine });
      line += lines;
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m =
        /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)/.exec(
          src.slice(i)
        );
      const raw = m ? m[0] : '';
      const after = src[i + raw.length] ?? '';
      if (!raw || NAME_CHAR.test(after))
        fail(
          after === 'j' || after === 'J' ? 'complex numbers are not supported' : `bad number ${raw}${after}`
        );
      const clean = raw.replace(/_/g, '');
      const value = /^0[xob]/i.test(clean) ? Number(clean.toLowerCase()) : Number(clean);
      if (!Number.isFinite(value)) fail(`bad number ${raw}`);
      push('number', raw, value);
      i += raw.length;
      continue;
    }
    if (NAME_START.test(ch) || ch.charCodeAt(0) > 127) {
      let j = i;
      while (j < src.length && (NAME_CHAR.test(src[j]) || src.charCodeAt(j) > 127)) j++;
      const name = src.slice(i, j);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        fail(`names must be ASCII letters, digits and _ (got ${JSON.stringify(name)})`);
      push('name', name);
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) fail(`unexpected character ${JSON.stringify(ch)}`);
    else {
      if (op === '(' || op === '[' || op === '{') depth++;
      if (op === ')' || op === ']' || op === '}') {
        if (depth === 0) fail(`unmatched ${op}`);
        depth--;
      }
      push('op', op);
      i += op.length;
    }
  }
  if (depth > 0) fail('a bracket is never closed');
  if (tokens.length && tokens[tokens.length - 1].kind !== 'newline') push('newline', '\n');
  push('eof', '');
  return tokens;
}

/** One string literal starting at its opening quote; returns the decoded text and where it ends. */
function readString(
  src: string,
  start: number,
  raw: boolean,
  fail: (reason: string) => never
): { text: string; end: number; lines: number } {
  const quote =
    src.startsWith("'''", start) || src.startsWith('"""', start) ? src.slice(start, start + 3) : src[start];
  const triple = quote.length === 3;
  let i = start + quote.length;
  let out = '';
  let lines = 0;
  while (true) {
    if (i >= src.length) fail('a string is never closed');
    const ch = src[i];
    if (src.startsWith(quote, i)) return { text: out, end: i + quote.length, lines };
    if (ch === '\n') {
      if (!triple) fail('a string is never closed on its line');
      lines++;
      out += ch;
      i++;
      continue;
    }
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = src[i + 1] ?? '';
    if (raw) {
      out += ch + next;
      if (next === '\n') lines++;
      i += 2;
      continue;
    }
    if (next === '\n') {
      lines++;
      i += 2;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 2;
      continue;
    }
    const hex = { x: 2, u: 4, U: 8 }[next];
    if (hex) {
      const digits = src.slice(i + 2, i + 2 + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) fail(`bad \\${next} escape in a string`);
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) fail(`bad \\${next} escape in a string`);
      out += String.fromCodePoint(cp);
      i += 2 + hex;
      continue;
    }
    if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(src.slice(i + 1)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += 1 + m[0].length;
      continue;
    }
    // Python keeps an unknown escape as written (and warns).
    out += ch;
    i++;
  }
}
