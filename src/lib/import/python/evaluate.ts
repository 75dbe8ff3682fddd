/**
 * Evaluates the safe subset's syntax tree (parser.ts) to plain values. Python's rules where a
 * config relies on them (true division, floor division and modulo towards minus infinity, `**`,
 * string and list concatenation and repetition, dict(...) merging), with limits that keep a hostile
 * file from exhausting memory: results of repetition, range and comprehensions are bounded.
 */
import { PythonError } from './lexer';
import { type Assignment, type Expr, parseExpression, parseFile } from './parser';

export type PyValue = number | string | boolean | null | PyValue[] | PyDict;
export type PyDict = Map<string, PyValue>;

/** Which arrays are tuples (for messages that print values as Python would). */
const TUPLES = new WeakSet<PyValue[]>();
export const isTuple = (v: PyValue): boolean => Array.isArray(v) && TUPLES.has(v);
const tuple = (items: PyValue[]): PyValue[] => (TUPLES.add(items), items);

export const isDict = (v: unknown): v is PyDict => v instanceof Map;

/** The line each dict key was written on, for reports that point at the file (YAML sets them too). */
const KEY_LINES = new WeakMap<PyDict, Map<string, number>>();
export function setKeyLine(d: PyDict, key: string, line: number): void {
  const lines = KEY_LINES.get(d) ?? new Map<string, number>();
  lines.set(key, line);
  KEY_LINES.set(d, lines);
}
export const keyLine = (d: PyDict, key: string): number | null => KEY_LINES.get(d)?.get(key) ?? null;

/** Copies entries and their lines: `dict(**other)` and `{**other}` keep where each key came from. */
function copyEntries(out: PyDict, from: PyDict): void {
  for (const [k, x] of from) {
    out.set(k, x);
    const line = keyLine(from, k);
    if (line !== null) setKeyLine(out, k, line);
  }
}

/** Longest string or list a repetition, range or comprehension may build. */
const MAX_ITEMS = 100_000;
const BUILTINS = new Set(['dict', 'list', 'tuple', 'range']);

type Scope = ReadonlyMap<string, PyValue>;

function typeName(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (isDict(v)) return 'dict';
  return isTuple(v) ? 'tuple' : 'list';
}

class Evaluator {
  constructor(private readonly names: Scope) {}

  eval(e: Expr, scope: Scope = this.names): PyValue {
    const fail = (reason: string): never => {
      throw new PythonError(e.line, reason);
    };
    switch (e.k) {
      case 'num':
      case 'str':
      case 'const':
        return e.v;
      case 'name': {
        if (scope.has(e.id)) return scope.get(e.id) as PyValue;
        if (BUILTINS.has(e.id)) return fail(`${e.id} can only be called, as ${e.id}(...)`);
        return fail(
          `name '${e.id}' is not defined: a config may use only names assigned above it in the same file`
        );
      }
      case 'list':
        return e.items.map((x) => this.eval(x, scope));
      case 'tuple':
        return tuple(e.items.map((x) => this.eval(x, scope)));
      case 'dict': {
        const out: PyDict = new Map();
        for (const { key, value } of e.entries) {
          if (key === null) this.mergeInto(out, this.eval(value, scope), value.line);
          else {
            const k = this.key(this.eval(key, scope), key.line);
            out.set(k, this.eval(value, scope));
            setKeyLine(out, k, key.line);
          }
        }
        return out;
      }
      case 'unary': {
        const x = this.eval(e.x, scope);
        if (typeof x !== 'number') return fail(`bad operand for unary ${e.op}: ${typeName(x)}`);
        return e.op === '-' ? -x : x;
      }
      case 'bin':
        return this.binary(e.op, this.eval(e.l, scope), this.eval(e.r, scope), fail);
      case 'index': {
        const x = this.eval(e.x, scope);
        const i = this.eval(e.i, scope);
        if (isDict(x)) {
          const k = this.key(i, e.line);
          if (!x.has(k)) return fail(`key ${JSON.stringify(k)} is not in the dict`);
          return x.get(k) as PyValue;
        }
        if (!Array.isArray(x) && typeof x !== 'string') return fail(`${typeName(x)} cannot be indexed`);
        if (typeof i !== 'number' || !Number.isInteger(i)) return fail('an index must be an integer');
        const at = i < 0 ? x.length + i : i;
        if (at < 0 || at >= x.length) return fail(`index ${i} is out of range (length ${x.length})`);
        return x[at];
      }
      case 'call':
        return this.call(e, scope, fail);
      case 'comp': {
        const out: PyValue[] = [];
        const loop = (level: number, inner: Map<string, PyValue>) => {
          if (level === e.fors.length) {
            if (out.length >= MAX_ITEMS) fail(`the comprehension makes more than ${MAX_ITEMS} items`);
            out.push(this.eval(e.elt, inner));
            return;
          }
          const { name, iter } = e.fors[level];
          for (const item of this.iterate(this.eval(iter, inner), iter.line)) {
            loop(level + 1, new Map(inner).set(name, item));
          }
        };
        loop(0, new Map(scope));
        return out;
      }
    }
  }

  private key(k: PyValue, line: number): string {
    if (typeof k === 'string') return k;
    if (typeof k === 'number') return String(k);
    throw new PythonError(line, `a dict key must be a string or a number, not ${typeName(k)}`);
  }

  private iterate(v: PyValue, line: number): PyValue[] {
    if (Array.isArray(v)) return v;
    if (typeof v === 'string') return [...v];
    if (isDict(v)) return [...v.keys()];
    throw new PythonError(line, `${typeName(v)} cannot be looped over`);
  }

  private mergeInto(out: PyDict, v: PyValue, line: number): void {
    if (!isDict(v)) throw new PythonError(line, `** needs a dict, not ${typeName(v)}`);
    copyEntries(out, v);
  }

  private call(e: Extract<Expr, { k: 'call' }>, scope: Scope, fail: (r: string) => never): PyValue {
    if (scope.has(e.fn))
      return fail(`${e.fn} is a ${typeName(scope.get(e.fn) as PyValue)}, not something to call`);
    if (!BUILTINS.has(e.fn))
      return fail(
        `calling ${e.fn}(...) is not allowed: only dict(...), list(...), tuple(...) and range(...) are read`
      );
    const args = e.args.map((a) => this.eval(a, scope));
    if (e.fn === 'dict') {
      if (args.length > 1) return fail('dict(...) takes at most one positional argument');
      const out: PyDict = new Map();
      if (args.length) this.mergeInto(out, args[0], e.line);
      for (const { key, value } of e.kwargs) {
        const v = this.eval(value, scope);
        if (key === null) this.mergeInto(out, v, value.line);
        else {
          out.set(key, v);
          setKeyLine(out, key, value.line);
        }
      }
      return out;
    }
    if (e.kwargs.length) return fail(`${e.fn}(...) takes no keyword arguments`);
    if (e.fn === 'range') {
      if (
        args.length < 1 ||
        args.length > 3 ||
        !args.every((a) => typeof a === 'number' && Number.isInteger(a))
      )
        return fail('range(...) takes one to three integers');
      const [start, stop, step] =
        args.length === 1
          ? [0, args[0] as number, 1]
          : [args[0] as number, args[1] as number, (args[2] as number) ?? 1];
      if (step === 0) return fail('range(...) step must not be zero');
      const n = Math.max(0, Math.ceil((stop - start) / step));
      if (n > MAX_ITEMS) return fail(`range(...) of ${n} items is more than ${MAX_ITEMS}`);
      return tuple(Array.from({ length: n }, (_, i) => start + i * step));
    }
    if (args.length > 1) return fail(`${e.fn}(...) takes at most one argument`);
    const items = args.length ? [...this.iterate(args[0], e.line)] : [];
    return e.fn === 'tuple' ? tuple(items) : items;
  }

  private binary(op: string, l: PyValue, r: PyValue, fail: (r: string) => never): PyValue {
    if (typeof l === 'number' && typeof r === 'number') {
      const v = arithmetic(op, l, r, fail);
      if (!Number.isFinite(v)) return fail(`${l} ${op} ${r} is too large a number`);
      return v;
    }
    if (op === '+' && typeof l === 'string' && typeof r === 'string') return this.bounded(l + r, fail);
    if (op === '+' && Array.isArray(l) && Array.isArray(r) && isTuple(l) === isTuple(r)) {
      const out = this.bounded([...l, ...r], fail);
      return isTuple(l) ? tuple(out) : out;
    }
    if (op === '*') {
      const [seq, n] = typeof r === 'number' ? [l, r] : [r, l];
      if (typeof n === 'number' && Number.isInteger(n) && (typeof seq === 'string' || Array.isArray(seq))) {
        const count = Math.max(0, n);
        if (seq.length * count > MAX_ITEMS)
          return fail(
            `repeating ${seq.length} item${seq.length === 1 ? '' : 's'} ${n} times makes more than ${MAX_ITEMS}`
          );
        if (typeof seq === 'string') return seq.repeat(count);
        const out = Array.from({ length: count }, () => seq).flat(1) as PyValue[];
        return isTuple(seq) ? tuple(out) : out;
      }
    }
    return fail(`unsupported operand types for ${op}: ${typeName(l)} and ${typeName(r)}`);
  }

  private bounded<T extends string | PyValue[]>(v: T, fail: (r: string) => never): T {
    if (v.length > MAX_ITEMS) fail(`the result is longer than ${MAX_ITEMS}`);
    return v;
  }
}

function arithmetic(op: string, l: number, r: number, fail: (r: string) => never): number {
  const zero = () => fail(`division by zero (${l} ${op} ${r})`);
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return r === 0 ? zero() : l / r;
    case '//':
      return r === 0 ? zero() : Math.floor(l / r);
    case '%':
      // Python's modulo takes the sign of the divisor: -7 % 3 is 2.
      return r === 0 ? zero() : l - r * Math.floor(l / r);
    case '**':
      if (l === 0 && r < 0) return fail('0 cannot be raised to a negative power');
      return l ** r;
  }
  return fail(`unsupported operator ${op}`);
}

export interface PythonFile {
  /** Every top-level name with its final value, in the order first assigned. */
  names: Map<string, PyValue>;
  /** The line each name was (last) assigned on. */
  lines: Map<string, number>;
}

/** Reads a Python config file. Throws PythonError (with the line) for anything outside the subset. */
export function readPythonFile(src: string): PythonFile {
  const stmts: Assignment[] = parseFile(src);
  const names = new Map<string, PyValue>();
  const lines = new Map<string, number>();
  const ev = new Evaluator(names);
  for (const s of stmts) {
    const v = ev.eval(s.value);
    for (const t of s.targets) {
      names.set(t, v);
      lines.set(t, s.line);
    }
  }
  return { names, lines };
}

/** Evaluates one expression with no names defined (loop variables of comprehensions aside). */
export function evaluateExpression(src: string): PyValue {
  return new Evaluator(new Map()).eval(parseExpression(src));
}

/** A value as Python would print it, cut to `max` characters, for messages. */
export function pyRepr(v: PyValue, max = 80): string {
  const full = repr(v);
  return full.length > max ? `${full.slice(0, max - 1)}…` : full;
}

function repr(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(+v.toPrecision(12));
  if (typeof v === 'string')
    return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (isDict(v)) {
    const entries = [...v];
    return entries.every(([k]) => /^[A-Za-z_]\w*$/.test(k))
      ? `dict(${entries.map(([k, x]) => `${k}=${repr(x)}`).join(', ')})`
      : `{${entries.map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
  }
  const inner = v.map(repr).join(', ');
  return isTuple(v) ? `(${inner}${v.length === 1 ? ',' : ''})` : `[${inner}]`;
}
