/**
 * From user text (CLI flags or URL parameters) to a validated config: preset, input size, overrides.
 * Shared by the CLI and the site so both accept and refuse exactly the same things.
 */
import { quoteInput } from '../quote-input';
import { DEFAULT_CONFIG, type ModelConfig, resolveDepth } from './config';
import { PRESETS, PRESET_BY_ID } from './presets';
import { canonicalKey } from './schema';
import { parseValue } from './key-values';
import { validateConfig } from './validate';

/** The sides any input may have, in the panel, the URL and the CLI alike (docs/decisions.md). */
export const INPUT_MIN = 1;
export const INPUT_MAX = 8192;
/** The panel slider's span: a convenience for the usual sizes; typed sizes may use all of the above. */
export const SLIDER_MIN = 32;
export const SLIDER_MAX = 2048;

export function parseInputSize(
  raw: string
): { ok: true; value: [number, number] } | { ok: false; message: string } {
  // Plain spaces only: \s would also let tabs and line breaks through (a newline is no size).
  const m = /^ *(\d+) *[xX×] *(\d+) *$/.exec(raw) ?? /^ *(\d+) *$/.exec(raw);
  const h = m ? Number(m[1]) : NaN;
  const w = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || !(h >= INPUT_MIN && h <= INPUT_MAX && w >= INPUT_MIN && w <= INPUT_MAX)) {
    return {
      ok: false,
      message: `input ${quoteInput(raw)} is not allowed: write HxW with each side from ${INPUT_MIN} to ${INPUT_MAX}, e.g. 512x512 or 375x500`
    };
  }
  return { ok: true, value: [h, w] };
}

export interface Resolved {
  preset: string | null;
  config: ModelConfig;
  input: [number, number];
}

/**
 * Applies overrides in order. Changing `depth` to a table depth also sets layers and block; setting
 * `layers` or `block` makes the depth custom (0), so the two never disagree.
 */
export function resolveConfig(
  presetId: string | null,
  input: string | null,
  overrides: Array<[string, string]>
): { ok: true; value: Resolved } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  let config: ModelConfig = { ...DEFAULT_CONFIG };
  let size: [number, number] = [224, 224];
  if (presetId !== null) {
    const preset = PRESET_BY_ID.get(presetId);
    if (!preset)
      errors.push(
        `preset ${quoteInput(presetId)} is not known; choose one of ${PRESETS.map((p) => p.id).join(', ')}`
      );
    else {
      config = { ...config, ...preset.config };
      size = preset.input;
    }
  }
  config = resolveDepth(config);
  if (input !== null) {
    const parsed = parseInputSize(input);
    if (parsed.ok) size = parsed.value;
    else errors.push(parsed.message);
  }
  for (const [written, raw] of overrides) {
    const key = canonicalKey(written);
    const parsed = parseValue(key, raw);
    if (!parsed.ok) {
      errors.push(parsed.message);
      continue;
    }
    config = { ...config, [key]: parsed.value };
    if (key === 'depth') config = resolveDepth(config);
    if (key === 'layers' || key === 'block') config = { ...config, depth: 0 };
  }
  if (errors.length === 0) errors.push(...validateConfig(config).map((e) => e.message));
  return errors.length
    ? { ok: false, errors }
    : { ok: true, value: { preset: presetId, config, input: size } };
}
