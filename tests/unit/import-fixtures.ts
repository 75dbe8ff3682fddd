/**
 * Reads the import fixtures (tests/fixtures/configs: configs written from detectron2's and
 * OpenMMLab's documented files) and looks up what an import did with one key.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type ConfigFile, type ImportReport, type ImportResult, importConfig } from '../../src/lib/import';
import type { ReportEntry } from '../../src/lib/import/leaves';
import type { ModelConfig } from '../../src/lib/models/config';

const DIR = fileURLToPath(new URL('../fixtures/configs/', import.meta.url));

export const fixture = (name: string): ConfigFile => ({ name, text: readFileSync(DIR + name, 'utf8') });

export const importFixtures = (...names: string[]): ImportResult => importConfig(names.map(fixture));

/** The import's config, failing the test with the import's own errors when it did not import. */
export function imported(r: ImportResult): {
  config: ModelConfig;
  report: ImportReport;
  preset: string;
  input: [number, number];
} {
  if (!r.ok) expect.fail(`import failed: ${r.errors.join('; ')}`);
  return r;
}

export function entry(report: ImportReport, key: string): ReportEntry {
  const e = report.entries.find((x) => x.key === key);
  if (!e) expect.fail(`no report entry for ${key}; entries: ${report.entries.map((x) => x.key).join(', ')}`);
  return e;
}

/** A single inline config (pasted text). */
export const paste = (text: string, name = 'pasted config'): ImportResult => importConfig([{ name, text }]);
