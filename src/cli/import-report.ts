/**
 * The import report on stderr (stdout stays the table or the JSON): the files read, each mapped key
 * with the ArchScope keys it set, the ignored keys grouped by reason, and the notes.
 */
import type { ImportReport } from '../lib/import';
import { FAMILY_TITLE } from '../lib/import/family';

export function formatImportReport(r: ImportReport): string {
  const out = [`imported ${FAMILY_TITLE[r.family]}: ${r.files.join(' <- ')}`];
  const where = (file: string, line: number | null) => (line === null ? file : `${file}:${line}`);
  for (const e of r.entries.filter((x) => x.outcome === 'mapped'))
    out.push(`  mapped   ${e.key} = ${e.value}  ->  ${e.detail}  [${where(e.file, e.line)}]`);
  const byReason = new Map<string, string[]>();
  for (const e of r.entries.filter((x) => x.outcome === 'ignored'))
    byReason.set(e.detail, [...(byReason.get(e.detail) ?? []), e.key]);
  for (const [why, keys] of byReason)
    out.push(`  ignored  ${keys.length} key${keys.length === 1 ? '' : 's'} (${why}): ${keys.join(', ')}`);
  for (const e of r.entries.filter((x) => x.outcome === 'refused')) out.push(`  refused  ${e.detail}`);
  for (const n of r.notes) out.push(`  note     ${n}`);
  return out.join('\n');
}
