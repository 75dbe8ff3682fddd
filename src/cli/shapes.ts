#!/usr/bin/env node
/**
 * `archscope --preset <id> --input <H>x<W> [--set key=value ...] [--json | --emit pytorch|keys]`: `npx archscope` runs the
 * bundle of this file (vite.cli.config.ts, bin/archscope.js); `npm run shapes --` runs it from source.
 * Imports only the engine and the models: no DOM, d3 or tfjs.
 */
import { analyze } from '../lib/models/analyze';
import { buildReport } from '../lib/models/report';
import { parseArgs } from './args';
import { emitText } from './emit';
import { formatTable, helpText } from './format';
import { formatImportReport } from './import-report';
import { readConfigFile } from './read-config';

function main(argv: string[]): number {
  const parsed = parseArgs(argv, readConfigFile);
  if (parsed.kind === 'help') {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`archscope: ${parsed.message}\n`);
    return 2;
  }
  const { resolved, json, imported, emit } = parsed.options;
  if (imported) process.stderr.write(formatImportReport(imported) + '\n');
  const analysis = analyze(resolved.config, resolved.input);
  if (emit) {
    const out = emitText(emit, resolved, analysis);
    if (!out.ok) {
      process.stderr.write(`archscope: ${out.message}\n`);
      return 2;
    }
    process.stdout.write(out.text);
    return 0;
  }
  const inexact = analysis.diagnostics.find((d) => d.code === 'inexact');
  if (inexact) {
    process.stderr.write(`archscope: ${inexact.message}\n`);
    return 2;
  }
  const report = buildReport(resolved.preset, analysis);
  const text = json ? JSON.stringify(report) : formatTable(report, process.stdout.isTTY === true);
  process.stdout.write(text + '\n');
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  // A bug, not bad input: say so in one line rather than a stack trace.
  process.stderr.write(`archscope: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
