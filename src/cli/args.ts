/** Command-line parsing for `shapes`: flags in, a resolved config or one user-facing error out. */
import { resolveConfig, type Resolved } from '../lib/models/resolve';
import { quoteInput } from '../lib/quote-input';

export interface CliOptions {
  resolved: Resolved;
  json: boolean;
}

export type ArgsOutcome =
  { kind: 'help' } | { kind: 'run'; options: CliOptions } | { kind: 'error'; message: string };

export function parseArgs(argv: string[]): ArgsOutcome {
  let preset: string | null = null;
  let input: string | null = null;
  let json = false;
  const sets: Array<[string, string]> = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return null;
      i++;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--json':
        json = true;
        break;
      case '--preset': {
        const v = value();
        if (v === null)
          return {
            kind: 'error',
            message: '--preset needs a preset id, e.g. --preset resnet50 (see --help)'
          };
        preset = v;
        break;
      }
      case '--input': {
        const v = value();
        if (v === null) return { kind: 'error', message: '--input needs a size HxW, e.g. --input 512x512' };
        input = v;
        break;
      }
      case '--set': {
        const v = value();
        const eq = v?.indexOf('=') ?? -1;
        if (v === null || eq < 1)
          return {
            kind: 'error',
            message: `--set needs key=value, e.g. --set outputStride=8 (got ${v === null ? 'nothing' : quoteInput(v)})`
          };
        sets.push([v.slice(0, eq), v.slice(eq + 1)]);
        break;
      }
      default:
        return {
          kind: 'error',
          message: `unknown argument ${quoteInput(arg)}; use --preset, --input, --set key=value, --json or --help`
        };
    }
  }
  const resolved = resolveConfig(preset ?? 'resnet50', input, sets);
  if (!resolved.ok) return { kind: 'error', message: resolved.errors[0] };
  return { kind: 'run', options: { resolved: resolved.value, json } };
}
