/**
 * The explorer's first-load JavaScript: what a built site's index.html preloads and imports at start
 * (the live run's tfjs chunks and the deferred components come later, by import()). One definition for
 * the production-build test's budget and the bench's report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The site-relative paths of the scripts index.html loads at start. */
export function firstLoadScripts(siteDir: string): string[] {
  const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:href="|import\(")\.\/(_app\/[^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

/** The gzipped size of site files, in kB (1024 bytes). */
export function gzippedKb(siteDir: string, paths: string[]): number {
  return paths.reduce((sum, p) => sum + gzipSync(readFileSync(join(siteDir, p))).length, 0) / 1024;
}

/** tfjs-core's kernel registry and backends name themselves with these strings; no explorer chunk does. */
export const TFJS_MARK = /registerKernel|tfjs-backend|Kernel backend/;
