#!/usr/bin/env node
/**
 * `archscope --preset <id> --input <H>x<W> [--set key=value ...] [--erf TAP ...] [--json | --emit
 * pytorch|keys]`: `npx archscope` runs the bundle of this file (vite.cli.config.ts, bin/archscope.js);
 * `npm run shapes --` runs it from source. Imports only the engine and the models (no DOM or d3); tfjs
 * is imported only for --erf.
 */
import { analyze } from '../lib/models/analyze';
import { buildReport } from '../lib/models/report';
import { parseArgs } from './args';
import { emitText } from './emit';
import { erfLine, formatTable, helpText } from './format';
import { formatImportReport } from './import-report';
import { readConfigFile } from './read-config';

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, readConfigFile);
  if (parsed.kind === 'help') {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`archscope: ${parsed.message}\n`);
    return 2;
  }
  const { resolved, json, imported, emit, erf } = parsed.options;
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
  let measured = null;
  if (erf) {
    try {
      const { measureErf } = await import('../lib/erf/cli');
      const { backend: _backend, ...summary } = await measureErf(analysis, erf);
      measured = summary;
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('--')) throw err;
      process.stderr.write(`archscope: ${err.message}\n`);
      return 2;
    }
  }
  const out = measured ? { ...report, erf: measured } : report;
  let text = json ? JSON.stringify(out) : formatTable(report, process.stdout.isTTY === true);
  if (measured && !json) text += `\n${erfLine(measured)}`;
  process.stdout.write(text + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    // A bug, not bad input: say so in one line rather than a stack trace.
    process.stderr.write(`archscope: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
);
