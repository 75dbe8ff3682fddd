/**
 * MMSegmentation's ASPPHead and FCNHead decode heads -> head=mmseg_aspp / head=mmseg_fcn and their
 * keys. Each mmseg argument maps to one ArchScope key; one it does not give takes mmseg 1.x's
 * default (ASPPHead dilations (1, 6, 12, 18); FCNHead num_convs 2, kernel_size 3, concat_input True,
 * dilation 1), and the type key's report entry names those defaults.
 */
import type { ModelConfig } from '../models/config';
import { KEY_BY_NAME } from '../models/schema';
import { allowedText, formatValue, parseValue } from '../models/key-values';
import type { KeyReader } from './leaves';
import { type ConfigBuilder, numbers, repr } from './mapping';

interface Arg {
  arg: string;
  key: keyof ModelConfig;
  dflt?: unknown;
}

const ASPP_ARGS: Arg[] = [
  { arg: 'channels', key: 'segChannels' },
  { arg: 'dilations', key: 'asppDilations', dflt: [1, 6, 12, 18] }
];
const FCN_ARGS: Arg[] = [
  { arg: 'channels', key: 'segChannels' },
  { arg: 'num_convs', key: 'fcnConvs', dflt: 2 },
  { arg: 'concat_input', key: 'fcnConcat', dflt: true },
  { arg: 'kernel_size', key: 'fcnKernel', dflt: 3 },
  { arg: 'dilation', key: 'fcnDilation', dflt: 1 }
];

/** The mmseg value as ArchScope's key would parse it (tuples as lists), or null with a refusal. */
function readArg(r: KeyReader, P: string, { arg, key, dflt }: Arg): unknown {
  const path = `${P}.${arg}`;
  const raw = r.given(path) ? r.get(path) : dflt;
  const value = Array.isArray(raw) ? numbers(raw) : raw;
  const parsed = value === null || value === undefined ? null : parseValue(key, formatValue(value));
  if (parsed?.ok) return parsed.value;
  const spec = KEY_BY_NAME.get(key)!;
  r.refused(path, `${repr(r.get(path))} cannot be represented: ${arg} must be ${allowedText(spec.type)}`);
  return null;
}

/** Maps the head's arguments; false when one was refused. */
function mapArgs(r: KeyReader, b: ConfigBuilder, P: string, head: ModelConfig['head'], args: Arg[]): boolean {
  const defaults: Partial<ModelConfig> = { head };
  let ok = true;
  for (const a of args) {
    const v = readArg(r, P, a);
    if (v === null) ok = false;
    else if (r.given(`${P}.${a.arg}`)) b.set(`${P}.${a.arg}`, { [a.key]: v });
    else Object.assign(defaults, { [a.key]: v });
  }
  if (ok) b.set(`${P}.type`, defaults, Object.keys(defaults).length > 1 ? "mmseg's defaults" : '');
  return ok;
}

export function mapAsppHead(r: KeyReader, b: ConfigBuilder, P: string): boolean {
  return mapArgs(r, b, P, 'mmseg_aspp', ASPP_ARGS);
}

export function mapFcnHead(r: KeyReader, b: ConfigBuilder, P: string, c5: number): boolean {
  if (!mapArgs(r, b, P, 'mmseg_fcn', FCN_ARGS)) return false;
  if (b.config.fcnConvs === 0 && b.config.segChannels !== c5) {
    r.refused(
      `${P}.channels`,
      `${repr(r.get(`${P}.channels`))} cannot be represented: with num_convs=0 mmseg's FCNHead passes its input on, so channels must be in_channels (${c5})`
    );
    return false;
  }
  return true;
}
