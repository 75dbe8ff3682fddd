/**
 * Where an exported file came from, for its header: the explorer's permalink and the same
 * configuration as a CLI command. Both use the URL state's keys (src/lib/state/url.ts), so a file
 * names exactly the configuration that made it.
 */
import type { ModelConfig } from '../models/config';
import { encodeState, overridesOf } from '../state/url';

export interface ExportSource {
  preset: string;
  input: [number, number];
  config: ModelConfig;
  /** The explorer's address (origin and base path, e.g. `https://host/archscope/`), or null in the CLI. */
  site: string | null;
}

/** The permalink: the site's address plus the query, or the query alone where no address is known. */
export function permalink(s: ExportSource): string {
  const query = `?${encodeState(s)}`;
  return s.site ? new URL(query, s.site).href : `/${query} (on the ArchScope site)`;
}

/** `npx archscope --preset ... --input ... --set k=v ... --emit <what>`. */
export function cliCommand(s: ExportSource, emit: string): string {
  const sets = overridesOf(s.preset, s.config).map(([k, v]) => ` --set ${k}=${v}`);
  return `npx archscope --preset ${s.preset} --input ${s.input[0]}x${s.input[1]}${sets.join('')} --emit ${emit}`;
}
