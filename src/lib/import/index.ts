/**
 * "Import config": detectron2 YAML or MMDetection / MMSegmentation Python config files in, an
 * ordinary ArchScope configuration (a preset plus the keys that differ from it, so the URL, compare
 * and exports all work) and a report out: every key mapped, ignored (and why) or refused (naming the
 * key, the value and what ArchScope supports). Nothing in the files is executed (docs/import.md).
 */
import { DEFAULT_CONFIG, type ModelConfig, resolveDepth } from '../models/config';
import { PRESETS } from '../models/presets';
import { resolveConfig } from '../models/resolve';
import { validateConfig } from '../models/validate';
import { quoteInput } from '../quote-input';
import { formatInput, overridesOf, presetBase } from '../state/url';
import { DETECTRON2_DEFAULTS } from './detectron2-defaults';
import { DETECTRON2_REST, mapDetectron2 } from './detectron2';
import { KeyReader, type Leaves, mergeTree, type ReportEntry } from './leaves';
import { MMLAB_REST, mapMmlab } from './mmlab';
import type { Family } from './family';
import { fileLabel, MAX_FILES } from './limits';
import { type ConfigFile, findBase, ImportError, type ParsedFile, parseFile, rootFile } from './sources';

export type { ConfigFile } from './sources';
export type { Family } from './family';
export { FAMILY_TITLE } from './family';
export { MAX_FILE_BYTES, tooLarge } from './limits';

export interface ImportReport {
  family: Family;
  /** The files in merge order: bases first, the config itself last. */
  files: string[];
  entries: ReportEntry[];
  notes: string[];
}

export type ImportResult =
  | { ok: true; preset: string; input: [number, number]; config: ModelConfig; report: ImportReport }
  | { ok: false; errors: string[]; report: ImportReport | null };

// By MMDetection's layout, these bases hold datasets, schedules and runtime settings, never `model`.
const NON_MODEL_BASE = /(^|\/)(datasets|schedules)\/|default_runtime\.py$|_tta\.py$/;

/** Merges the chain of bases under `root`, bases first; returns the leaves and the files in order. */
function mergeChain(
  root: ParsedFile,
  files: ParsedFile[],
  notes: string[]
): { leaves: Leaves; order: string[] } {
  const leaves: Leaves = new Map();
  const order: string[] = [];
  const visit = (f: ParsedFile, stack: ParsedFile[]) => {
    if (stack.includes(f))
      throw new ImportError(
        `${fileLabel(f.name)} is its own base (through ${stack.map((s) => fileLabel(s.name)).join(' → ')})`
      );
    for (const b of f.bases) {
      const base = findBase(b.ref, files);
      if (base) {
        if (!order.includes(base.name)) visit(base, [...stack, f]);
        continue;
      }
      if (f.family === 'mmlab' && NON_MODEL_BASE.test(b.ref.replace(/\\/g, '/'))) {
        notes.push(
          `${quoteInput(b.ref)} (a base of ${fileLabel(f.name)}) was not given; by OpenMMLab's layout it holds no model keys, so it was skipped`
        );
        continue;
      }
      const line = b.line === null ? '' : `, line ${b.line}`;
      throw new ImportError(
        `${fileLabel(f.name)}${line} names the base ${quoteInput(b.ref)}, which is missing: add that file too (drop it, or give another --from)`
      );
    }
    mergeTree(leaves, f.tree, f.name, '', ['_base_', '_BASE_']);
    order.push(f.name);
  };
  visit(root, []);
  return { leaves, order };
}

/** The preset with the same head that the config differs from in the fewest keys (a short URL). */
function closestPreset(config: ModelConfig): string {
  const sameHead = PRESETS.filter((p) => (p.config.head ?? DEFAULT_CONFIG.head) === config.head);
  let best = PRESETS[0].id;
  let fewest = Infinity;
  for (const p of sameHead.length ? sameHead : PRESETS) {
    const n = overridesOf(p.id, config).length;
    if (n < fewest) [best, fewest] = [p.id, n];
  }
  return best;
}

export function importConfig(given: ConfigFile[]): ImportResult {
  if (given.length === 0)
    return {
      ok: false,
      errors: ['nothing to import: paste a config, or drop it with its base files'],
      report: null
    };
  if (given.length > MAX_FILES)
    return {
      ok: false,
      errors: [`${given.length} files is more than ${MAX_FILES}: give the config and its base files only`],
      report: null
    };
  try {
    const files = given.map(parseFile);
    const families = new Set(files.map((f) => f.family));
    if (families.size > 1)
      throw new ImportError(
        'these files mix detectron2 YAML and MMDetection / MMSegmentation Python configs: import one model at a time'
      );
    const family = files[0].family;
    const root = rootFile(files);
    const notes: string[] = [];
    const { leaves, order } = mergeChain(root, files, notes);
    if (family === 'mmlab' && ![...leaves.keys()].some((k) => k === 'model' || k.startsWith('model.')))
      throw new ImportError(
        `${fileLabel(root.name)} and its bases assign no model = dict(...): nothing describes the network`
      );
    const reader = new KeyReader(
      leaves,
      family === 'detectron2' ? DETECTRON2_DEFAULTS : new Map(),
      'detectron2 default'
    );
    const mapping = family === 'detectron2' ? mapDetectron2(reader) : mapMmlab(reader);
    const entries = reader.finish(family === 'detectron2' ? DETECTRON2_REST : MMLAB_REST);
    const report: ImportReport = { family, files: order, entries, notes: [...notes, ...mapping.notes] };
    const refused = reader.refusals();
    if (refused.length) return { ok: false, errors: refused, report };

    const config = resolveDepth({ ...DEFAULT_CONFIG, ...mapping.config });
    const invalid = validateConfig(config);
    if (invalid.length)
      return {
        ok: false,
        errors: invalid.map(
          (e) => `the imported values do not make a model ArchScope can build: ${e.message}`
        ),
        report
      };
    const preset = closestPreset(config);
    const input = mapping.input ?? presetBase(preset).input;
    const resolved = resolveConfig(preset, formatInput(input), overridesOf(preset, config));
    if (!resolved.ok) return { ok: false, errors: resolved.errors, report };
    return { ok: true, preset, input: resolved.value.input, config: resolved.value.config, report };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, errors: [e.message], report: null };
    throw e;
  }
}
