/**
 * detectron2's YAML configs as plain values. The `yaml` library parses (YAML 1.2, with line
 * positions); ArchScope then reads the result the way detectron2's yacs loader does: a string that
 * is a Python literal becomes that literal (`(640, 672)` is a tuple), and the one Python tag
 * detectron2's own files use, `!!python/object/apply:eval ["expr"]`, is evaluated in the safe
 * subset (python/evaluate.ts), never by Python. Any other tag is refused with its line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { PythonError } from './python/lexer';
import { evaluateExpression, type PyDict, type PyValue, setKeyLine } from './python/evaluate';

const EVAL_TAG = 'tag:yaml.org,2002:python/object/apply:eval';

export class YamlError extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string
  ) {
    super(line === null ? reason : `line ${line}: ${reason}`);
  }
}

/** yacs's _decode_cfg_value: literal_eval a string, keep it as text when it is not a literal. */
function decodeString(s: string): PyValue {
  if (!/^[\s([{'"\-+.\d]/.test(s) && !['True', 'False', 'None'].includes(s)) return s;
  try {
    return evaluateExpression(s);
  } catch {
    return s;
  }
}

export function readYaml(src: string): PyDict {
  const lines = new LineCounter();
  // The eval tag is kept as a marked sequence here and evaluated below, where its line is known.
  const tag = {
    tag: EVAL_TAG,
    collection: 'seq' as const,
    resolve: (seq: unknown) => seq
  };
  const doc = parseDocument(src, {
    customTags: [tag],
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false
  });
  const lineOf = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    const line = lineOf(first.pos[0]);
    const reason = /Unresolved tag/.test(first.message)
      ? `${first.message.replace(/ at line.*$/s, '').replace('tag:yaml.org,2002:', '!!')}: only !!python/object/apply:eval is read (in ArchScope's safe arithmetic subset)`
      : first.message.replace(/ at line \d+, column \d+.*$/s, '');
    throw new YamlError(line, reason);
  }

  const convert = (node: unknown): PyValue => {
    if (node === null || node === undefined) return null;
    const n = node as Node;
    const line = lineOf(n.range?.[0]);
    if (isSeq(n) && n.tag === EVAL_TAG) {
      // The argument is the expression's text: read it raw, not as a yacs literal.
      const [arg, ...rest] = n.items.map((item) => (isScalar(item) ? item.value : convert(item)));
      if (typeof arg !== 'string' || rest.length)
        throw new YamlError(
          line,
          '!!python/object/apply:eval needs one string, e.g. ["[x * 2 for x in [16, 32]]"]'
        );
      try {
        return evaluateExpression(arg);
      } catch (e) {
        const reason = e instanceof PythonError ? e.reason : String(e);
        throw new YamlError(line, `!!python/object/apply:eval ${JSON.stringify(arg)}: ${reason}`);
      }
    }
    if (isMap(n)) {
      const out: PyDict = new Map();
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? pair.key.value : null;
        if (typeof key !== 'string' && typeof key !== 'number')
          throw new YamlError(
            lineOf((pair.key as Node | null)?.range?.[0]) ?? line,
            'keys must be plain names'
          );
        out.set(String(key), convert(pair.value));
        const keyLine = lineOf((pair.key as Node).range?.[0]);
        if (keyLine !== null) setKeyLine(out, String(key), keyLine);
      }
      return out;
    }
    if (isSeq(n)) return n.items.map(convert);
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'string') return decodeString(v);
      if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
      throw new YamlError(line, `unsupported value ${String(v)}`);
    }
    throw new YamlError(line, 'unsupported YAML node (aliases and complex keys are not read)');
  };

  const root = convert(doc.contents);
  if (root === null) return new Map();
  if (!(root instanceof Map))
    throw new YamlError(1, 'a detectron2 config is a mapping of sections (MODEL:, INPUT:, ...)');
  return root;
}
