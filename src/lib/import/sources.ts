/**
 * The files of one import: their size limit, which kind each is (a detectron2 YAML or an
 * MMDetection / MMSegmentation Python config), how each names its bases (`_BASE_`, `_base_`), and
 * which file is the config itself (the one no other file names as a base). Bases are matched by
 * path suffix, then by file name, since a browser drop carries names only.
 */
import type { Family } from './family';
import { fileLabel, tooLarge } from './limits';
import { PythonError } from './python/lexer';
import { isDict, type PyDict, type PyValue, readPythonFile, setKeyLine } from './python/evaluate';
import { readYaml, YamlError } from './yaml';

export interface ConfigFile {
  name: string;
  text: string;
}

/** Keys in one file: MMDetection's largest configs have a few hundred. */
const MAX_KEYS = 20_000;

export class ImportError extends Error {}

export interface ParsedFile {
  name: string;
  family: Family;
  tree: PyDict;
  /** The bases as written, with the line that names them. */
  bases: Array<{ ref: string; line: number | null }>;
}

/** .yaml/.yml read as YAML, .py as Python; pasted text by whether a line assigns `name = ...`. */
function looksPython(f: ConfigFile): boolean {
  if (/\.ya?ml$/i.test(f.name)) return false;
  if (/\.py$/i.test(f.name)) return true;
  return /^[A-Za-z_]\w*[ \t]*=(?!=)/m.test(f.text);
}

function countKeys(v: PyValue): number {
  if (isDict(v)) return [...v.values()].reduce<number>((n, x) => n + 1 + countKeys(x), 0);
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + countKeys(x), 0);
  return 0;
}

const PYTHON_HINT =
  " (detectron2's LazyConfig .py files and MMEngine's read_base() configs are programs, so they are not read: use the YAML config, or the dict-style config that MMDetection and MMSegmentation ship)";

export function parseFile(f: ConfigFile): ParsedFile {
  const bytes = new TextEncoder().encode(f.text).length;
  const big = tooLarge(f.name, bytes);
  if (big) throw new ImportError(big);
  const where = fileLabel(f.name);
  if (looksPython(f)) {
    let names: Map<string, PyValue>;
    let lines: Map<string, number>;
    try {
      ({ names, lines } = readPythonFile(f.text));
    } catch (e) {
      if (!(e instanceof PythonError)) throw e;
      const hint = /'(import|from|with)' is not allowed/.test(e.reason) ? PYTHON_HINT : '';
      throw new ImportError(`${where}, line ${e.line}: ${e.reason}${hint}`);
    }
    const tree: PyDict = new Map(names);
    for (const [name, line] of lines) setKeyLine(tree, name, line);
    if (countKeys(tree) > MAX_KEYS)
      throw new ImportError(`${where} has more than ${MAX_KEYS} keys: not a config file`);
    const raw = names.get('_base_');
    const refs = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(refs) || !refs.every((r) => typeof r === 'string'))
      throw new ImportError(
        `${where}, line ${lines.get('_base_')}: _base_ must be a file name or a list of file names`
      );
    return {
      name: f.name,
      family: 'mmlab',
      tree,
      bases: (refs as string[]).map((ref) => ({ ref, line: lines.get('_base_') ?? null }))
    };
  }
  let tree: PyDict;
  try {
    tree = readYaml(f.text);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    throw new ImportError(`${where}${e.line === null ? '' : `, line ${e.line}`}: ${e.reason}`);
  }
  if (countKeys(tree) > MAX_KEYS)
    throw new ImportError(`${where} has more than ${MAX_KEYS} keys: not a config file`);
  const base = tree.get('_BASE_');
  if (base !== undefined && typeof base !== 'string')
    throw new ImportError(`${where}: _BASE_ must be one file name, e.g. "../Base-RCNN-FPN.yaml"`);
  return {
    name: f.name,
    family: 'detectron2',
    tree,
    bases: base === undefined ? [] : [{ ref: base, line: null }]
  };
}

const normalise = (p: string) =>
  p
    .replace(/^[\w-]+::/, '')
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .join('/');
const baseName = (p: string) => normalise(p).split('/').pop() ?? p;

/** The given file a base reference names: the longest matching path suffix, else the same name. */
export function findBase(ref: string, files: ParsedFile[]): ParsedFile | null {
  const want = normalise(ref);
  const bySuffix = files.filter((f) => `/${normalise(f.name)}`.endsWith(`/${want}`));
  if (bySuffix.length === 1) return bySuffix[0];
  const byName = files.filter((f) => baseName(f.name) === baseName(ref));
  return byName.length >= 1 ? byName[0] : null;
}

/** The config the files describe: the one that no other file names as a base. */
export function rootFile(files: ParsedFile[]): ParsedFile {
  const referenced = new Set<ParsedFile>();
  for (const f of files)
    for (const b of f.bases) {
      const hit = findBase(b.ref, files);
      if (hit && hit !== f) referenced.add(hit);
    }
  const roots = files.filter((f) => !referenced.has(f));
  if (roots.length === 1) return roots[0];
  if (roots.length === 0)
    throw new ImportError('the files name each other as bases in a cycle: which one is the config?');
  throw new ImportError(
    `${roots.length} of these files are not the base of another (${roots.map((r) => fileLabel(r.name)).join(', ')}): import one model at a time, with its base files`
  );
}
