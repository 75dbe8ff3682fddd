/**
 * `--erf TAP [--cell R,C] [--samples N]`, taken out of the command line before the shape calculator's
 * own flags are parsed (args.ts): the effective receptive field of one cell, or one user-facing error.
 */
import { quoteInput } from '../lib/quote-input';

export interface ErfArgs {
  tap: string;
  /** Row and column; the centre cell when null. */
  cell: [number, number] | null;
  samples: number;
}

const SAMPLES_MAX = 256;
const DEFAULT_SAMPLES = 8;
const plainInt = (v: string) => (/^\d{1,6}$/.test(v) ? Number(v) : null);
const got = (v: string | null) => (v === null ? 'nothing' : quoteInput(v));

export function takeErfArgs(argv: string[]): { rest: string[]; erf: ErfArgs | null } | { error: string } {
  const rest: string[] = [];
  let tap: string | null = null;
  let cell: [number, number] | null = null;
  let samples: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--erf' && flag !== '--cell' && flag !== '--samples') {
      rest.push(arg);
      continue;
    }
    let v: string | null = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : null;
    if (v === null && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) v = argv[++i];
    if (flag === '--erf') {
      if (v === null) return { error: '--erf needs a tap, e.g. --erf C4' };
      tap = v;
    } else if (flag === '--cell') {
      const nums = (v ?? '').split(',').map(plainInt);
      if (v === null || nums.length !== 2 || nums.some((n) => n === null))
        return { error: `--cell needs a row and a column, e.g. --cell 3,4 (got ${got(v)})` };
      cell = [nums[0]!, nums[1]!];
    } else {
      const n = v === null ? null : plainInt(v);
      if (n === null || n < 1 || n > SAMPLES_MAX)
        return { error: `--samples needs a whole number from 1 to ${SAMPLES_MAX} (got ${got(v)})` };
      samples = n;
    }
  }
  if (tap === null && (cell || samples))
    return { error: `${cell ? '--cell' : '--samples'} goes with --erf TAP, e.g. --erf C4 --cell 3,4` };
  return { rest, erf: tap === null ? null : { tap, cell, samples: samples ?? DEFAULT_SAMPLES } };
}
