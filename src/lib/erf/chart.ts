/**
 * The chart of effective against theoretical size across a model's stages and pyramid levels: which
 * taps it covers, and its series (one for the theoretical side, one for the chosen mass fraction), for
 * one model or for each side of a comparison.
 */
import type { Pair } from '../core/types';
import { isPyramidLevel, isStageTap } from '../models/taps';
import { type ErfTap, centreCell } from './field';
import type { ErfSummary, FractionKey } from './summary';

/** C2..C5 and the P levels, at their centre cells; every measurable tap if a model has none of them. */
export function chartPicks(taps: ErfTap[]): Array<{ tap: string; cell: Pair }> {
  const main = taps.filter((t) => isStageTap(t.tap) || isPyramidLevel(t.tap));
  return (main.length ? main : taps).map((t) => ({ tap: t.tap, cell: centreCell(t.grid[0], t.grid[1]) }));
}

export interface ChartSeries {
  label: string;
  /** Class for the line's style: 'theoretical' or 'effective', plus 'b' for a comparison's side B. */
  kind: string;
  points: Array<{ tap: string; value: number | null }>;
}

export function erfSeries(rows: ErfSummary[], fraction: FractionKey, side = ''): ChartSeries[] {
  const prefix = side ? `${side}: ` : '';
  const kind = side === 'B' ? ' b' : '';
  return [
    {
      label: `${prefix}theoretical`,
      kind: `theoretical${kind}`,
      points: rows.map((r) => ({ tap: r.tap, value: Math.max(...r.theoretical.size) }))
    },
    {
      label: `${prefix}effective (${fraction} % of the mass)`,
      kind: `effective${kind}`,
      points: rows.map((r) => ({ tap: r.tap, value: r.squares[fraction] }))
    }
  ];
}
