/**
 * One measured effective field as the site's table, the chart and the CLI's JSON report it: the cell's
 * theoretical field (engine), the side of the smallest centred square holding each fraction of the
 * gradient mass and its ratio to the theoretical side, and the mass centroid.
 */
import type { Pair, ReceptiveField } from '../core/types';
import { cellField } from './field';
import { ERF_FRACTIONS, centredSquares, centroid, fractionKey } from './measure';

export type FractionKey = '20' | '50' | '90' | '99';

export interface ErfSummary {
  tap: string;
  cell: Pair;
  samples: number;
  /** The cell's theoretical field: side [h, w], first covered pixel [y, x], stride and centre. */
  theoretical: { size: Pair; start: Pair; stride: Pair; centre: Pair };
  /** Side in pixels of the smallest square centred on the field's centre holding each fraction. */
  squares: Record<FractionKey, number | null>;
  /** Each side over the theoretical field's (larger) side. */
  ratios: Record<FractionKey, number | null>;
  /** Centroid [y, x] of the gradient mass, to 0.01 px; null for an all-zero map. */
  centre: Pair | null;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function summarizeErf(
  tap: string,
  cell: Pair,
  rf: ReceptiveField,
  map: { size: Pair; mass: Float32Array },
  samples: number
): ErfSummary {
  const field = cellField(rf, cell, map.size);
  const sides = centredSquares(map.mass, map.size, field.centre);
  const side = Math.max(rf.size[0], rf.size[1]);
  const squares = {} as ErfSummary['squares'];
  const ratios = {} as ErfSummary['ratios'];
  ERF_FRACTIONS.forEach((f, i) => {
    const k = fractionKey(f) as FractionKey;
    squares[k] = sides[i];
    ratios[k] = sides[i] === null ? null : round(sides[i]! / side, 4);
  });
  const c = centroid(map.mass, map.size);
  return {
    tap,
    cell,
    samples,
    theoretical: { size: rf.size, start: field.start, stride: rf.stride, centre: field.centre },
    squares,
    ratios,
    centre: c ? [round(c[0], 2), round(c[1], 2)] : null
  };
}
