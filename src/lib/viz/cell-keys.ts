/**
 * Arrow keys move a chosen cell of a feature map by one, kept inside its grid: the anchors view and the
 * receptive-field image pick cells the same way from the keyboard.
 */
import type { Pair } from '../core/types';

const STEPS: Record<string, Pair> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1]
};

/** The cell an arrow key moves `cell` to within `grid` ([rows, cols]); null for any other key. */
export function stepCell(key: string, cell: Pair, grid: Pair): Pair | null {
  const step = STEPS[key];
  if (!step) return null;
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  return [clamp(cell[0] + step[0], grid[0]), clamp(cell[1] + step[1], grid[1])];
}
