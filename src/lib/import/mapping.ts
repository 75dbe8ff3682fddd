/** What both mappings (detectron2, MMDetection / MMSegmentation) share: their result and value checks. */
import type { ModelConfig } from '../models/config';
import { formatValue } from '../models/key-values';
import type { KeyReader } from './leaves';
import { isDict, type PyValue, pyRepr } from './python/evaluate';

export interface Mapping {
  /** The ArchScope keys the config determines (the rest stay at their defaults). */
  config: Partial<ModelConfig>;
  /** The input size to open the model at, when the config implies one. */
  input?: [number, number];
  /** Facts about the import that belong to no single key. */
  notes: string[];
}

/** "depth=50, style=caffe": the ArchScope keys a mapped entry set. */
export function keysText(to: Partial<ModelConfig>): string {
  return Object.entries(to)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(', ');
}

export const isInt = (v: PyValue | undefined): v is number => typeof v === 'number' && Number.isInteger(v);

export function numbers(v: PyValue | undefined): number[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null;
}

export function strings(v: PyValue | undefined): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

export const repr = (v: PyValue | undefined) => (v === undefined ? 'nothing' : pyRepr(v));

/** Records mapped keys into one config; refusals go to the reader (their message names what works). */
export class ConfigBuilder {
  readonly config: Partial<ModelConfig> = {};
  constructor(private readonly r: KeyReader) {}

  set(path: string, to: Partial<ModelConfig>, note = ''): void {
    Object.assign(this.config, to);
    this.r.mapped(path, keysText(to) + (note ? ` (${note})` : ''));
  }

  /** A key read to check another mapping, which sets nothing itself. */
  checked(path: string, what: string): void {
    this.r.mapped(path, what);
  }
}

/**
 * Anchor sizes per level (detectron2's SIZES, MMDetection's base size x scales) as ArchScope's one
 * base size per level times shared scales; null when the levels do not share their scales.
 */
export function anchorSizes(perLevel: number[][]): { anchorSizes: number[]; anchorScales: number[] } | null {
  if (perLevel.length === 0 || perLevel.some((s) => s.length === 0 || s[0] <= 0)) return null;
  const scales = perLevel[0].map((s) => s / perLevel[0][0]);
  const same = perLevel.every(
    (sizes) =>
      sizes.length === scales.length && sizes.every((s, i) => Math.abs(s / sizes[0] - scales[i]) < 1e-9)
  );
  return same ? { anchorSizes: perLevel.map((s) => s[0]), anchorScales: scales } : null;
}

export const dictOf = (v: PyValue | undefined) => (isDict(v) ? v : null);
