/**
 * Which totals leave something out, and the words every reader uses to say so (summary strip, CLI
 * text and JSON, Markdown export). Parameters are counted for every layer, shaped or not (they do
 * not depend on the input size); MACs and memory only for layers with a shape; anchors only on
 * levels with a shape.
 */
import type { Analysis } from './analyze';
import { formatCount } from '../format';

export interface PartialTotals {
  /** Layers without a shape: MACs and memory leave them out. */
  unshaped: string[];
  /** Layers whose channels are unknown as well: the parameter total leaves them out too. */
  paramsUnknown: string[];
  /** "partial: 8 layers have no shape", for the MACs and memory totals. */
  note: string;
  /** Said beside the parameter total; null when it is complete (the usual case). */
  paramsNote: string | null;
}

const layers = (n: number) => `${formatCount(n)} ${n === 1 ? 'layer has' : 'layers have'}`;

/** "partial: 8 layers have no shape": a sum over layers of which `n` have no shape. */
export const unshapedNote = (n: number): string => `partial: ${layers(n)} no shape`;

/** Null when every layer has a shape, so every total is complete. */
export function partialTotals(a: Analysis): PartialTotals | null {
  const { unshaped, paramsUnknown } = a.result;
  if (!unshaped.length) return null;
  return {
    unshaped,
    paramsUnknown,
    note: unshapedNote(unshaped.length),
    paramsNote: paramsUnknown.length ? `partial: ${layers(paramsUnknown.length)} unknown channels` : null
  };
}

/** "partial: P2, P3, P4 have no shape" for the anchor total; null when every level counts. */
export function partialAnchors(a: Analysis): { levels: string[]; note: string } | null {
  const levels = a.anchors?.unshaped ?? [];
  if (!levels.length) return null;
  return { levels, note: `partial: ${levels.join(', ')} ${levels.length === 1 ? 'has' : 'have'} no shape` };
}
