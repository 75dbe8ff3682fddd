/**
 * A key given more than once in a link: the last one applies, as a later `--set` overrides an
 * earlier one on the command line (and as appending `&key=value` to a link is the easy way to
 * change it). The earlier copies are dropped and reported, in one notice per key.
 */
import { quoteInput } from '../quote-input';
import type { UrlProblem } from './url';

export interface LastOfEach {
  /** Each key once, at the place of its last occurrence, with that occurrence's value. */
  params: Array<[string, string]>;
  /** One problem per repeated key, in the order the kept parameters come in. */
  repeats: Map<string, UrlProblem>;
}

/** One pass over the parameters, so a link of any length costs time in proportion to its length. */
export function lastOfEach(entries: Iterable<[string, string]>): LastOfEach {
  const all = [...entries];
  const count = new Map<string, number>();
  const lastIndex = new Map<string, number>();
  all.forEach(([key], i) => {
    count.set(key, (count.get(key) ?? 0) + 1);
    lastIndex.set(key, i);
  });
  const params = all.filter(([key], i) => lastIndex.get(key) === i);
  const repeats = new Map<string, UrlProblem>();
  for (const [key, value] of params) {
    const n = count.get(key) ?? 1;
    if (n > 1) repeats.set(key, repeatProblem(key, value, n));
  }
  return { params, repeats };
}

function repeatProblem(key: string, value: string, n: number): UrlProblem {
  const others = n - 1;
  return {
    param: key,
    value,
    ignored: others,
    message:
      `${quoteInput(key)} is given ${n.toLocaleString('en-US')} times; the last, ${quoteInput(value)}, ` +
      `applies (a later value overrides an earlier one, as with --set on the command line) and ` +
      `the other ${others === 1 ? 'one is' : `${others.toLocaleString('en-US')} are`} ignored`
  };
}
