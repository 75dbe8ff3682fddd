/**
 * The one entry point for the page and the tests: bytes -> checked report, and a weight source only when
 * the report is clean (nothing runs half-loaded). Tensors are decoded to float32 when the executor asks
 * for them, so the file is held once, not twice.
 */
import type { InferResult } from '../core/types';
import { type TensorLookup, type WeightRole, type WeightSource, checkpointSource } from '../exec/weights';
import { formatCount } from '../format';
import type { BuiltModel } from '../models/build';
import { type WeightReport, checkWeights, emptyReport, slotKey } from './check';
import { DEFAULT_MAX_BYTES, SafetensorsError, parseSafetensors, readFloat32 } from './safetensors';

/**
 * The executor's WeightSource (get(request) -> row-major PyTorch-layout values), plus tensor() for
 * viewers and the worker, which want a weight with its shape. BN roles are gamma, beta, mean, var.
 */
export type CheckpointSource = WeightSource & TensorLookup;

export interface LoadResult {
  report: WeightReport;
  /** Null unless report.ok. */
  source: CheckpointSource | null;
}

function failed(message: string): WeightReport {
  return { ...emptyReport(0), error: message };
}

export function loadWeights(
  buffer: ArrayBuffer,
  model: BuiltModel,
  opts: { maxBytes?: number; stats?: InferResult } = {}
): LoadResult {
  let file;
  try {
    file = parseSafetensors(buffer, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (e) {
    if (e instanceof SafetensorsError) return { report: failed(e.message), source: null };
    throw e;
  }
  const { report, resolved } = checkWeights(file, model, opts.stats);
  if (!report.ok) return { report, source: null };
  const tensor = (node: string, role: WeightRole) => {
    const entry = resolved.get(slotKey(node, role));
    return entry && { shape: entry.shape, data: readFloat32(file, entry) };
  };
  const source: CheckpointSource = { tensor, ...checkpointSource(tensor) };
  return { report, source };
}

const MAX_LISTED = 5;
const list = (items: string[]) =>
  items.slice(0, MAX_LISTED).join(', ') +
  (items.length > MAX_LISTED ? `, and ${items.length - MAX_LISTED} more` : '');

const valueCounts = ({ nan, inf }: { nan: number; inf: number }) =>
  [nan ? `${formatCount(nan)} NaN` : '', inf ? `${formatCount(inf)} infinite` : '']
    .filter(Boolean)
    .join(', ');

/** The warning for weights holding NaN or infinity: which tensors (the first few and a count). */
export function describeNonFinite(items: WeightReport['nonFinite']): string {
  const n = items.length;
  return (
    `warning: ${n} ${n === 1 ? 'tensor holds' : 'tensors hold'} NaN or infinite values, so the layers using them ` +
    `will output NaN or infinity: ${list(items.map((t) => `${t.key} (${valueCounts(t)})`))}`
  );
}

/** One line per problem, in the user's terms; the first line says whether the weights were loaded. */
export function describeReport(r: WeightReport): string[] {
  if (r.error) return [`weights not loaded: ${r.error}`];
  const lines: string[] = [];
  if (r.ok) {
    const conv = r.converted.map((c) => `${c.count} ${c.from} tensors converted to float32`);
    lines.push(
      `weights loaded: ${r.matched} tensors, every shape confirmed${conv.length ? ` (${conv.join(', ')})` : ''}`
    );
  } else lines.push(`weights not loaded: the file (${r.tensorCount} tensors) does not fit this model`);
  if (r.nonFinite.length) lines.push(describeNonFinite(r.nonFinite));
  if (r.missing.length) lines.push(`${r.missing.length} missing: ${list(r.missing.map((m) => m.key))}`);
  if (r.wrongShape.length) {
    const items = r.wrongShape.map(
      (w) => `${w.key} expected [${w.expected.join(', ')}], found [${w.found.join(', ')}]`
    );
    lines.push(`${r.wrongShape.length} with the wrong shape: ${list(items)}`);
  }
  if (r.unsupported.length) {
    lines.push(
      `${r.unsupported.length} of an unsupported dtype: ${list(r.unsupported.map((u) => `${u.key} (${u.dtype})`))}`
    );
  }
  if (r.unexpected.length) lines.push(`${r.unexpected.length} unexpected: ${list(r.unexpected)}`);
  return lines;
}
