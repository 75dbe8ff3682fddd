/** JSON export: exactly the CLI's `--json` schema (buildReport), pretty-printed. */
import type { Analysis } from '../models/analyze';
import { buildReport } from '../models/report';

export function toJson(preset: string | null, analysis: Analysis): string {
  return JSON.stringify(buildReport(preset, analysis), null, 2) + '\n';
}
