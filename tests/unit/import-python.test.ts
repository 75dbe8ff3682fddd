/**
 * The safe Python subset config files are read in (src/lib/import/python): the values Python itself
 * gives for each expression (worked out by hand from Python's rules), and a refusal naming the line
 * for everything outside the subset. Nothing is ever executed: there is no way to call anything but
 * dict, list, tuple and range.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PythonError } from '../../src/lib/import/python/lexer';
import {
  evaluateExpression,
  isDict,
  isTuple,
  keyLine,
  type PyValue,
  pyRepr,
  readPythonFile
} from '../../src/lib/import/python/evaluate';

/** Maps to plain objects for toEqual. */
const plain = (v: PyValue): unknown =>
  isDict(v) ? Object.fromEntries([...v].map(([k, x]) => [k, plain(x)])) : Array.isArray(v) ? v.map(plain) : v;

function refusal(src: string): { line: number; reason: string } {
  try {
    readPythonFile(src);
  } catch (e) {
    if (e instanceof PythonError) return { line: e.line, reason: e.reason };
    throw e;
  }
  throw new Error(`no refusal for ${src}`);
}

describe('values, as Python evaluates them', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ** 3 ** 2', 512],
    ['-2 ** 2', -4],
    ['2 ** -1', 0.5],
    ['7 / 2', 3.5],
    ['7 // 2', 3],
    ['-7 // 2', -4],
    ['-7 % 3', 2],
    ['7 % -3', -2],
    ['1e-4 * 10', 0.001],
    ['0x10 + 0o10 + 0b10', 26],
    ['1_000 + .5', 1000.5],
    ['+3 - -2', 5]
  ])('%s = %s', (src, want) => {
    expect(evaluateExpression(src)).toBeCloseTo(want as number, 12);
  });

  it('strings: escapes, adjacent literals joined, triple quotes, raw strings', () => {
    expect(evaluateExpression("'a\\tb' 'c'")).toBe('a\tbc');
    expect(evaluateExpression('"""two\nlines"""')).toBe('two\nlines');
    expect(evaluateExpression("r'\\d+'")).toBe('\\d+');
    expect(evaluateExpression("'\\x41\\u00e9'")).toBe('Aé');
    expect(evaluateExpression("'ab' + 'cd'")).toBe('abcd');
    expect(evaluateExpression("'ab' * 3")).toBe('ababab');
  });

  it('True, False, None; lists, tuples (one-element with a comma), dicts', () => {
    expect(plain(evaluateExpression('[True, False, None]'))).toEqual([true, false, null]);
    const t = evaluateExpression('(1,)');
    expect(isTuple(t)).toBe(true);
    expect(plain(t)).toEqual([1]);
    expect(isTuple(evaluateExpression('(1)'))).toBe(false);
    expect(plain(evaluateExpression("{'a': 1, 'b': [2, 3]}"))).toEqual({ a: 1, b: [2, 3] });
    expect(plain(evaluateExpression('[1, 2] + [3]'))).toEqual([1, 2, 3]);
    expect(plain(evaluateExpression('[0] * 3'))).toEqual([0, 0, 0]);
    expect(pyRepr(evaluateExpression("(1, 'a', dict(k=None))"))).toBe("(1, 'a', dict(k=None))");
  });

  it('dict(...) with keywords, a positional dict and ** merging, later keys winning', () => {
    const src = `base = dict(type='BN', requires_grad=True)
x = dict(base, requires_grad=False)
y = dict(**base, eps=1e-5)
z = {**base, 'type': 'SyncBN'}`;
    const f = readPythonFile(src);
    expect(plain(f.names.get('x') as PyValue)).toEqual({ type: 'BN', requires_grad: false });
    expect(plain(f.names.get('y') as PyValue)).toEqual({ type: 'BN', requires_grad: true, eps: 1e-5 });
    expect(plain(f.names.get('z') as PyValue)).toEqual({ type: 'SyncBN', requires_grad: true });
  });

  it("names assigned earlier, as MMSegmentation's norm_cfg is reused; a later assignment replaces", () => {
    const src = `norm_cfg = dict(type='SyncBN', requires_grad=True)
crop_size = (512, 1024)
model = dict(
    backbone=dict(norm_cfg=norm_cfg),
    decode_head=dict(norm_cfg=norm_cfg, size=crop_size[1]))
crop_size = 7`;
    const f = readPythonFile(src);
    const model = plain(f.names.get('model') as PyValue);
    expect(model).toEqual({
      backbone: { norm_cfg: { type: 'SyncBN', requires_grad: true } },
      decode_head: { norm_cfg: { type: 'SyncBN', requires_grad: true }, size: 1024 }
    });
    expect(f.names.get('crop_size')).toBe(7);
    expect(f.lines.get('model')).toBe(3);
    // The reused dict keeps the line its keys were written on (line 1), for the report.
    expect(keyLine(f.names.get('norm_cfg') as never, 'type')).toBe(1);
  });

  it('list comprehensions over lists and range(), nested, as detectron2 writes anchor sizes', () => {
    const sizes = evaluateExpression(
      '[[x, x * 2**(1.0/3), x * 2**(2.0/3) ] for x in [32, 64, 128, 256, 512 ]]'
    );
    expect(plain(sizes)).toEqual([32, 64, 128, 256, 512].map((x) => [x, x * 2 ** (1 / 3), x * 2 ** (2 / 3)]));
    expect(plain(evaluateExpression('[2 ** (i / 3) for i in range(3)]'))).toEqual([
      1,
      2 ** (1 / 3),
      2 ** (2 / 3)
    ]);
    expect(plain(evaluateExpression('[a * b for a in [1, 2] for b in (10, 100)]'))).toEqual([
      10, 100, 20, 200
    ]);
    expect(plain(evaluateExpression('tuple(x + 1 for x in range(2, 8, 2))'))).toEqual([3, 5, 7]);
  });

  it('docstrings, comments, semicolons, chained assignment and backslash continuations', () => {
    const f = readPythonFile(`"""A config."""  # comment
a = b = 3; c = a + \\
    b
`);
    expect([f.names.get('a'), f.names.get('b'), f.names.get('c')]).toEqual([3, 3, 6]);
  });
});

describe('anything outside the subset is refused with its line', () => {
  it.each([
    ['import os', 1, "'import' is not allowed"],
    ['x = 1\nfrom mmengine.config import read_base', 2, "'from' is not allowed"],
    ['x = 1\n\ndef f():\n    return 1', 3, "'def' is not allowed"],
    ['if True:\n    x = 1', 1, "'if' is not allowed"],
    ['x = 1\n  y = 2', 2, 'unexpected indentation'],
    ["x = open('/etc/passwd')", 1, 'calling open(...) is not allowed'],
    ["x = eval('1')", 1, 'calling eval(...) is not allowed'],
    ["x = __import__('os')", 1, 'calling __import__(...) is not allowed'],
    ['x = 1\ny = os.path', 2, 'attribute access (os.path) is not supported'],
    ['x = lambda: 1', 1, 'lambda is not allowed'],
    ['x = 1\ny = z + 1', 2, "name 'z' is not defined"],
    ["x = f'{1}'", 1, 'f-strings are not supported'],
    ["x = b'1'", 1, 'bytes literals are not supported'],
    ['x = 1 == 1', 1, 'comparisons (==) are not supported'],
    ['x = 1 if True else 2', 1, "'if' is not supported"],
    ['x = [1, 2', 1, 'a bracket is never closed'],
    ['x = (1, 2]', 1, 'expected'],
    ['x = 1\nx += 1', 2, 'augmented assignment += is not supported'],
    ['x = {1, 2}', 1, 'sets are not supported'],
    ['x.y = 1', 1, 'attribute access (x.y) is not supported'],
    ['x[0] = 1', 1, 'only a plain name can be assigned'],
    ['a, b = 1, 2', 1, 'unpacking several names at once is not supported'],
    ['x = 1\nprint(x)', 2, 'only assignments (name = value) are allowed'],
    ['x = 1 / 0', 1, 'division by zero'],
    ['x = 10 ** 400', 1, 'too large a number'],
    ["x = 'a' * 10 ** 9", 1, 'makes more than 100000'],
    ['x = list(range(10 ** 9))', 1, 'is more than 100000'],
    ['x = [1][3]', 1, 'index 3 is out of range'],
    ['x = 2j', 1, 'complex numbers are not supported'],
    ["x = 'never closed", 1, 'a string is never closed'],
    ['x = [1, 2][0:1]', 1, 'slices are not supported']
  ])('%j: line %i, %s', (src, line, reason) => {
    const r = refusal(src);
    expect(r.line).toBe(line);
    expect(r.reason).toContain(reason);
  });

  it('nesting 5,000 brackets deep is a refusal, not a stack overflow', () => {
    const r = refusal(`x = ${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(r.reason).toContain('nested more than 100 levels deep');
  });

  it('a call that would run a command is refused and runs nothing', () => {
    const marker = join(tmpdir(), `archscope-import-${process.pid}-executed`);
    const r = refusal(`x = __import__('os').system('touch ${marker}')`);
    expect(r.reason).toContain('attribute access (.system) is not supported');
    expect(existsSync(marker)).toBe(false);
  });
});
