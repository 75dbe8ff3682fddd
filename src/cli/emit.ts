/**
 * `--emit pytorch` and `--emit keys`: the explorer's "Export > PyTorch" and "safetensors keys" files
 * on stdout. The CLI knows no site address, so the header's permalink is the query to append to it.
 */
import { toKeyList } from '../lib/export/keys';
import { toPyTorch } from '../lib/export/pytorch';
import type { Analysis } from '../lib/models/analyze';
import type { Resolved } from '../lib/models/resolve';

export const EMITS = ['pytorch', 'keys'] as const;
export type Emit = (typeof EMITS)[number];

/** The file's text, or the reason this configuration has none (a message for the user). */
export function emitText(
  emit: Emit,
  resolved: Resolved,
  analysis: Analysis
): { ok: true; text: string } | { ok: false; message: string } {
  const src = {
    preset: resolved.preset ?? 'resnet50',
    input: resolved.input,
    config: resolved.config,
    site: null
  };
  try {
    return { ok: true, text: emit === 'pytorch' ? toPyTorch(analysis, src) : toKeyList(analysis, src) };
  } catch (e) {
    return { ok: false, message: `--emit ${emit}: ${(e as Error).message}` };
  }
}
