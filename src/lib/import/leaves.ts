/**
 * A config as its leaves: every key path with its value and the file and line it came from, after
 * the base chain is merged (a child's value replaces its base's; a dict merges key by key, and
 * MMEngine's `_delete_=True` drops the base's dict first). The mapping reads leaves through
 * `KeyReader`, which records what became of each one, so the report can list every key.
 */
import { isDict, keyLine, type PyDict, type PyValue, pyRepr, setKeyLine } from './python/evaluate';

export interface Leaf {
  path: string;
  value: PyValue;
  file: string;
  line: number | null;
}

export type Leaves = Map<string, Leaf>;

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** Merges `tree` (one file) over `leaves` (its bases, already merged), in place. */
export function mergeTree(
  leaves: Leaves,
  tree: PyDict,
  file: string,
  prefix = '',
  skip: string[] = []
): void {
  for (const [key, value] of tree) {
    if (prefix === '' && skip.includes(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const line = keyLine(tree, key);
    if (isDict(value) && value.size > 0) {
      const replace = value.get('_delete_') === true;
      for (const p of [...leaves.keys()]) if (replace ? under(p, path) : p === path) leaves.delete(p);
      const rest: PyDict = new Map();
      for (const [k, v] of value) {
        if (k === '_delete_') continue;
        rest.set(k, v);
        const l = keyLine(value, k);
        if (l !== null) setKeyLine(rest, k, l);
      }
      if (rest.size === 0) leaves.set(path, { path, value: new Map(), file, line });
      else mergeTree(leaves, rest, file, path);
    } else {
      for (const p of [...leaves.keys()]) if (under(p, path)) leaves.delete(p);
      leaves.set(path, { path, value, file, line });
    }
  }
}

export type Outcome = 'mapped' | 'ignored' | 'refused';

export interface ReportEntry {
  key: string;
  /** The value as Python prints it (cut to ~80 characters). */
  value: string;
  /** The file it was read from, or "detectron2 default" for a default the mapping relied on. */
  file: string;
  line: number | null;
  outcome: Outcome;
  /** mapped: the ArchScope keys it set; ignored: why; refused: what is supported. */
  detail: string;
}

/**
 * Reads leaves for a mapping and records each one's outcome. A path may name a leaf or a dict of
 * leaves (then the outcome applies to all of them); `defaults` answer paths no file sets
 * (detectron2's defaults.py), and a default the mapping relied on is reported as such.
 */
export class KeyReader {
  private readonly entries = new Map<string, ReportEntry>();
  private readonly refusedMessages: string[] = [];

  constructor(
    private readonly leaves: Leaves,
    private readonly defaults: ReadonlyMap<string, PyValue> = new Map(),
    private readonly defaultsName = 'default'
  ) {}

  /** The value at `path`: a leaf's value, a dict rebuilt from the leaves under it, or the default. */
  get(path: string): PyValue | undefined {
    const leaf = this.leaves.get(path);
    if (leaf) return leaf.value;
    const inside = [...this.leaves.values()].filter((l) => l.path.startsWith(`${path}.`));
    if (inside.length) {
      const out: PyDict = new Map();
      for (const l of inside) {
        const parts = l.path.slice(path.length + 1).split('.');
        let d = out;
        parts.slice(0, -1).forEach((p) => {
          if (!isDict(d.get(p))) d.set(p, new Map());
          d = d.get(p) as PyDict;
        });
        d.set(parts[parts.length - 1], l.value);
      }
      return out;
    }
    return this.defaults.get(path);
  }

  /** True when some file sets `path` (or a key under it). */
  given(path: string): boolean {
    return this.leaves.has(path) || [...this.leaves.keys()].some((p) => p.startsWith(`${path}.`));
  }

  private mark(path: string, outcome: Outcome, detail: string, force: boolean): void {
    const hits = [...this.leaves.values()].filter((l) => under(l.path, path));
    if (hits.length === 0 && this.defaults.has(path)) {
      if (force || !this.entries.has(path))
        this.entries.set(path, {
          key: path,
          value: pyRepr(this.defaults.get(path) as PyValue),
          file: this.defaultsName,
          line: null,
          outcome,
          detail
        });
      return;
    }
    for (const l of hits) {
      if (!force && this.entries.has(l.path)) continue;
      this.entries.set(l.path, {
        key: l.path,
        value: pyRepr(l.value),
        file: l.file,
        line: l.line,
        outcome,
        detail
      });
    }
  }

  mapped(path: string, to: string): void {
    this.mark(path, 'mapped', to, true);
  }
  ignored(path: string, why: string): void {
    this.mark(path, 'ignored', why, false);
  }
  /** `detail` starts with the value as written, e.g. "'LN' is not a backbone norm ...". */
  refused(path: string, detail: string): void {
    const message = `${path} = ${detail}`;
    this.mark(path, 'refused', message, true);
    if (!this.refusedMessages.includes(message)) this.refusedMessages.push(message);
  }

  /** Every leaf nobody has marked yet is ignored with `why`; returns the report, file order kept. */
  finish(why: string): ReportEntry[] {
    for (const l of this.leaves.values()) if (!this.entries.has(l.path)) this.ignored(l.path, why);
    const order = [...this.leaves.keys()];
    return [...this.entries.values()].sort((a, b) => rank(order, a.key) - rank(order, b.key));
  }

  /** One message per refusal, naming the key, the value and what ArchScope supports. */
  refusals(): string[] {
    return [...this.refusedMessages];
  }
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}
