/**
 * The compare page's address: `/compare?a=<query of A>&b=<query of B>`, each side its own explorer
 * query string (the same keys as the main page), URI-encoded. Problems are reported per side.
 */
import type { UrlProblem } from './url';

export function encodeCompare(a: string, b: string): string {
  return `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

/** The two sides' query strings; a missing side falls back to the given default. */
export function splitCompare(search: string, defaults: { a: string; b: string }): { a: string; b: string } {
  const q = new URLSearchParams(search);
  return { a: q.get('a') ?? defaults.a, b: q.get('b') ?? defaults.b };
}

/** Names a side's problem so the notice says which configuration it was in. */
export const sideProblems = (side: 'A' | 'B', problems: UrlProblem[]): UrlProblem[] =>
  problems.map((p) => ({ ...p, param: `${side.toLowerCase()}: ${p.param}` }));
