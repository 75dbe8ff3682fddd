/**
 * The configuration in the URL, with the CLI's keys: `?preset=<id>&input=<H>x<W>&key=value...`,
 * and the explorer's selection last (`&sel=C3/unit2`: a node id or a group path).
 * Only keys that differ from the preset are written. Reading is forgiving: each bad parameter is
 * dropped with resolveConfig's own message, and the rest still applies.
 */
import type { ModelConfig } from '../models/config';
import { PRESETS } from '../models/presets';
import { resolveConfig } from '../models/resolve';
import { CONFIG_KEYS, canonicalKey } from '../models/schema';
import { formatValue, parseValue } from '../models/key-values';
import { lastOfEach } from './repeated-params';

export const DEFAULT_PRESET = 'resnet50';

export interface UrlState {
  preset: string;
  input: [number, number];
  config: ModelConfig;
  /** The explorer's selection as written in the link (checked against the model by the explorer). */
  selected?: string | null;
}

/** The selection's parameter: not a config key, so the CLI has no such flag. */
export const SELECTION_KEY = 'sel';

/** `query` with the selection appended; its slashes stay readable (`sel=C3/unit2`). */
export function withSelection(query: string, selected: string | null | undefined): string {
  if (!selected) return query;
  return `${query}&${SELECTION_KEY}=${encodeURIComponent(selected).replace(/%2F/gi, '/')}`;
}

/** The query without its selection: two links that differ only in it show the same configuration. */
export function withoutSelection(query: string): string {
  const q = new URLSearchParams(query);
  q.delete(SELECTION_KEY);
  return q.toString();
}

export interface UrlProblem {
  param: string;
  value: string;
  /** The whole notice line, in the user's terms; user text in it is quoted (quote-input.ts). */
  message: string;
  /** How many parameters this problem dropped, when not one (the copies of a repeated key). */
  ignored?: number;
}

export const formatInput = (input: [number, number]): string => `${input[0]}x${input[1]}`;

/** The preset's own resolved config (depth already expanded into layers and block). */
export function presetBase(preset: string): { config: ModelConfig; input: [number, number] } {
  const r = resolveConfig(preset, null, []);
  if (!r.ok) throw new Error(`preset ${preset} does not resolve: ${r.errors.join('; ')}`);
  return { config: r.value.config, input: r.value.input };
}

/**
 * [key, text] pairs that turn the preset's config into `config`, in schema order. A table depth
 * implies its layers and block, so those two are written only for a custom depth (0); writing them
 * otherwise would make the depth custom on the way back in.
 */
export function overridesOf(preset: string, config: ModelConfig): Array<[string, string]> {
  const base = presetBase(preset).config;
  const out: Array<[string, string]> = [];
  for (const spec of CONFIG_KEYS) {
    const k = spec.key;
    if ((k === 'layers' || k === 'block') && config.depth !== 0) continue;
    if (k === 'depth' && config.depth === 0) continue;
    const text = formatValue(config[k]);
    if (text !== formatValue(base[k]) || ((k === 'layers' || k === 'block') && base.depth !== 0))
      out.push([k, text]);
  }
  return out;
}

/** The query string (without '?') for a state; keys the preset already has are left out. */
export function encodeState(s: UrlState): string {
  const q = new URLSearchParams();
  q.set('preset', s.preset);
  q.set('input', formatInput(s.input));
  for (const [k, v] of overridesOf(s.preset, s.config)) q.set(k, v);
  // Commas are legal in a query and far easier to read in a permalink than %2C.
  return q.toString().replace(/%2C/gi, ',');
}

/**
 * Reads a query; every parameter that cannot apply is reported and skipped, never fatal. A repeated
 * key is read once, at its last occurrence (see repeated-params.ts), so the work grows with the
 * link's length and not with its square.
 */
export function decodeState(params: URLSearchParams): { state: UrlState; problems: UrlProblem[] } {
  const problems: UrlProblem[] = [];
  // Aliases (heads=) read as their schema key, so `head` and `heads` count as one key.
  const { params: unique, repeats } = lastOfEach(
    [...params].map(([k, v]): [string, string] => [canonicalKey(k), v])
  );
  const given = new Map(unique);
  const noteRepeat = (key: string) => {
    const repeat = repeats.get(key);
    if (repeat) problems.push(repeat);
  };
  const selected = given.get(SELECTION_KEY) || null;
  if (selected !== null) noteRepeat(SELECTION_KEY);
  let preset = DEFAULT_PRESET;
  const rawPreset = given.get('preset');
  if (rawPreset !== undefined) {
    noteRepeat('preset');
    const r = resolveConfig(rawPreset, null, []);
    if (r.ok) preset = rawPreset;
    else
      problems.push({
        param: 'preset',
        value: rawPreset,
        message: `${r.errors[0]}; using ${DEFAULT_PRESET}`
      });
  }
  let input = presetBase(preset).input;
  const rawInput = given.get('input');
  if (rawInput !== undefined) {
    noteRepeat('input');
    const r = resolveConfig(preset, rawInput, []);
    if (r.ok) input = r.value.input;
    else
      problems.push({
        param: 'input',
        value: rawInput,
        message: `${r.errors[0]}; using ${formatInput(input)}`
      });
  }
  // Apply overrides one at a time so one bad key (or a bad combination) does not discard the others.
  // Each key is here once, so `accepted` never holds more than the schema's keys.
  const accepted: Array<[string, string]> = [];
  let config = presetBase(preset).config;
  for (const [key, value] of unique) {
    if (key === 'preset' || key === 'input' || key === SELECTION_KEY) continue;
    noteRepeat(key);
    const ignored = (message: string) => problems.push({ param: key, value, message: `${message}; ignored` });
    // The key's own syntax first: junk keys and values cost no resolve at all.
    const parsed = parseValue(key, value);
    if (!parsed.ok) {
      ignored(parsed.message);
      continue;
    }
    const r = resolveConfig(preset, null, [...accepted, [key, value]]);
    if (r.ok) {
      accepted.push([key, value]);
      config = r.value.config;
    } else ignored(r.errors[r.errors.length - 1]);
  }
  return { state: { preset, input, config, selected }, problems };
}

/** decodeState from a raw search string ('?a=1' or 'a=1'). */
export function decodeQuery(search: string): { state: UrlState; problems: UrlProblem[] } {
  return decodeState(new URLSearchParams(search));
}

export function presetTitle(id: string): string {
  return PRESETS.find((p) => p.id === id)?.title ?? id;
}
