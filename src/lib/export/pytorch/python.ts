/** Python source text: literals, identifiers and module accessors, written one way for the export. */

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' '
  )
);

/** A number as Python reads it back exactly; `float` forces a decimal point (800 -> 800.0). */
export function pyNumber(n: number, float = false): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} as a Python number`);
  const s = String(n);
  return float && Number.isInteger(n) ? `${s}.0` : s;
}

/** A pair as a scalar when both sides agree (kernel 3 rather than (3, 3)), as PyTorch accepts either. */
export function pyPair(p: readonly [number, number]): string {
  return p[0] === p[1] ? pyNumber(p[0]) : `(${pyNumber(p[0])}, ${pyNumber(p[1])})`;
}

/** A single-quoted string literal. */
export function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export const isIdentifier = (s: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s);

/** A local variable name from free text: `objectness/P3` -> `objectness_p3`. */
export function pyName(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z_]/.test(s) ? s : `v_${s}`;
  return isIdentifier(name) ? name : `${name}_`;
}

/**
 * The expression that reaches a module from `self` along its dotted path: attributes where a segment
 * is an identifier, `[0]` for numbered children, `['...']` otherwise (TF-slim scopes with '/').
 */
export function moduleAccess(path: string): string {
  return path
    .split('.')
    .reduce(
      (acc, seg) =>
        isIdentifier(seg)
          ? `${acc}.${seg}`
          : /^\d+$/.test(seg)
            ? `${acc}[${seg}]`
            : `${acc}[${pyString(seg)}]`,
      'self'
    );
}
