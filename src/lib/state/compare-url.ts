/**
 * The compare page's address: `/compare?a=<query of A>&b=<query of B>`, each side its own explorer
 * query string (the same keys as the main page), URI-encoded. Problems are reported per side.
 */
import { quoteInput } from '../quote-input';
import { lastOfEach } from './repeated-params';
import type { UrlProblem } from './url';

type Side = 'a' | 'b';

export function encodeCompare(a: string, b: string): string {
  return `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

/** An encoded side longer than this is not offered back in a notice; the advice stays general. */
const SUGGESTION_MAX = 160;

/**
 * The two sides' query strings; a missing side falls back to the given default. A side written
 * unencoded (`a=preset=resnet18&input=64x64`) splits into stray top-level parameters: they are not
 * guessed into a side but reported, with the encoded link that would carry them.
 */
export function splitCompare(
  search: string,
  defaults: { a: string; b: string }
): { a: string; b: string; problems: UrlProblem[] } {
  const entries = [...new URLSearchParams(search)];
  const { params, repeats } = lastOfEach(entries.filter(([k]) => k === 'a' || k === 'b'));
  const given = new Map(params);
  const a = given.get('a') ?? defaults.a;
  const b = given.get('b') ?? defaults.b;
  const problems = [...repeats.values()];
  // Strays after `a=` (or `b=`) most likely belonged to that side; before both, to neither.
  const strays = new Map<Side | null, Array<[string, string]>>();
  let side: Side | null = null;
  for (const [key, value] of entries) {
    if (key === 'a' || key === 'b') side = key;
    else {
      const list = strays.get(side) ?? [];
      list.push([key, value]);
      strays.set(side, list);
    }
  }
  for (const [after, list] of strays) problems.push(strayProblem(after, list, after === 'a' ? a : b));
  return { a, b, problems };
}

function strayProblem(side: Side | null, list: Array<[string, string]>, sideQuery: string): UrlProblem {
  const [key, value] = list[0];
  const more = list.length - 1;
  const what = `${quoteInput(`${key}=${value}`)}${more ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
  const encoded =
    side && `${side}=${encodeURIComponent([sideQuery, ...list.map((kv) => kv.join('='))].join('&'))}`;
  const suggestion = encoded && encoded.length <= SUGGESTION_MAX ? encoded : null;
  return {
    param: key,
    value,
    ignored: list.length,
    message:
      `${what} ${more ? 'are' : 'is'} outside a and b, so ignored: a compare link carries each side as one ` +
      `URI-encoded query (= as %3D, & as %26)` +
      (suggestion ? `; to give ${more ? 'them' : 'it'} to ${side}, write ${suggestion}` : '')
  };
}

/** Names a side's problem so the notice says which configuration it was in. */
export const sideProblems = (side: 'A' | 'B', problems: UrlProblem[]): UrlProblem[] =>
  problems.map((p) => ({
    ...p,
    param: `${side.toLowerCase()}: ${p.param}`,
    message: `${side}: ${p.message}`
  }));
