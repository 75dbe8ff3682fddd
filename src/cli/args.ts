/** Command-line parsing for `shapes`: flags in, a resolved config or one user-facing error out. */
import { type ImportReport, importConfig } from '../lib/import';
import { fileLabel } from '../lib/import/limits';
import { resolveConfig, type Resolved } from '../lib/models/resolve';
import { quoteInput } from '../lib/quote-input';
import { formatInput, overridesOf } from '../lib/state/url';
import { type ErfArgs, takeErfArgs } from './erf-args';
import type { ReadConfig } from './read-config';
import { EMITS, type Emit } from './emit';

export interface CliOptions {
  resolved: Resolved;
  json: boolean;
  /** With --from: what the import mapped, ignored and refused (printed on stderr). */
  imported?: ImportReport;
  /** `--emit pytorch|keys`: print that file instead of the report. */
  emit: Emit | null;
  /** --erf TAP [--cell R,C] [--samples N]: the effective receptive field of one cell. */
  erf?: ErfArgs | null;
}

/** How many of an import's refusals the one-line error lists before "and N more". */
const SHOWN_ERRORS = 3;

export type ArgsOutcome =
  { kind: 'help' } | { kind: 'run'; options: CliOptions } | { kind: 'error'; message: string };

export function parseArgs(argv: string[], readConfig?: ReadConfig): ArgsOutcome {
  const taken = takeErfArgs(argv);
  if ('error' in taken) return { kind: 'error', message: taken.error };
  const out = parseFlags(taken.rest, readConfig);
  if (out.kind === 'run') out.options.erf = taken.erf;
  return out;
}

function parseFlags(argv: string[], readConfig?: ReadConfig): ArgsOutcome {
  const froms: string[] = [];
  let preset: string | null = null;
  let input: string | null = null;
  let json = false;
  let emit: Emit | null = null;
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
      case '--from': {
        const v = value();
        if (v === null)
          return {
            kind: 'error',
            message: '--from needs a config file, e.g. --from faster_rcnn_R_50_FPN_1x.yaml'
          };
        froms.push(v);
        break;
      }
      case '--emit': {
        const v = value();
        if (v === null || !(EMITS as readonly string[]).includes(v))
          return {
            kind: 'error',
            message: `--emit needs one of ${EMITS.join(', ')}, e.g. --emit pytorch (got ${v === null ? 'nothing' : quoteInput(v)})`
          };
        emit = v as Emit;
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
          message: `unknown argument ${quoteInput(arg)}; use --preset, --from, --input, --set key=value, --json, --emit or --help`
        };
    }
  }
  if (froms.length) return fromConfig(froms, preset, input, sets, { json, emit }, readConfig);
  const resolved = resolveConfig(preset ?? 'resnet50', input, sets);
  if (!resolved.ok) return { kind: 'error', message: resolved.errors[0] };
  return { kind: 'run', options: { resolved: resolved.value, json, emit } };
}

/** `--from FILE ...`: the imported config, then --input and --set on top of it. */
function fromConfig(
  paths: string[],
  preset: string | null,
  input: string | null,
  sets: Array<[string, string]>,
  output: Pick<CliOptions, 'json' | 'emit'>,
  readConfig: ReadConfig | undefined
): ArgsOutcome {
  if (preset !== null)
    return { kind: 'error', message: '--preset and --from both choose the model: give one of them' };
  if (!readConfig) return { kind: 'error', message: '--from is not available here' };
  const files = [];
  for (const name of paths) {
    const read = readConfig(name);
    if (!read.ok) return { kind: 'error', message: read.message };
    files.push({ name, text: read.text });
  }
  const imported = importConfig(files);
  if (!imported.ok) {
    const more = imported.errors.length - SHOWN_ERRORS;
    const shown = imported.errors.slice(0, SHOWN_ERRORS).join('; ');
    return {
      kind: 'error',
      message: `cannot import ${paths.map(fileLabel).join(', ')}: ${shown}${more > 0 ? `; and ${more} more` : ''}`
    };
  }
  const overrides = [...overridesOf(imported.preset, imported.config), ...sets];
  const resolved = resolveConfig(imported.preset, input ?? formatInput(imported.input), overrides);
  if (!resolved.ok) return { kind: 'error', message: resolved.errors[0] };
  return { kind: 'run', options: { resolved: resolved.value, ...output, imported: imported.report } };
}
