/**
 * Anchor drawing data for one pyramid level: centres at torchvision's grid shifts and the engine's cell
 * anchors around them (never recomputed here, so the drawing is the boxes the tables count), as a few
 * path strings (one per ratio) so even a dense level draws fast.
 */
import { formatCount, ordinal } from '../format';
import { gridShifts, type Box, type LevelAnchors } from '../models/anchors';
import { type CellRange, rangeCells, rangeText } from './anchors-range';

/** Above this many boxes, "all cells" draws every k-th cell in each direction and says so. */
export const BOX_CAP = 12_000;
/** Above this many centres they become one path instead of circles. */
export const CIRCLE_CAP = 4_096;
/** The default density draws about this many cells along the longer side: boxes stay readable. */
export const READABLE_CELLS = 8;

export interface LevelDrawing {
  centres: Array<[number, number]>;
  /** One path per ratio (boxes of that ratio at every drawn cell). */
  paths: string[];
  /** Cells whose boxes are drawn, of all cells. */
  drawnCells: number;
  cells: number;
  /** "all cells" mode: the cell range drawn (null: none, its notes say why) and the cells in it. */
  range: CellRange | null;
  rangeCells: number;
  /** Half the largest anchor's extent: margin to keep boxes at the border visible. */
  margin: number;
  /** Every k-th cell drawn in each direction (1 = all). */
  step: number;
  /** The step is coarser than asked, to stay under BOX_CAP boxes. */
  capped: boolean;
}

/** The "every k-th cell" a level starts with: about READABLE_CELLS cells along its longer side. */
export function readableStep(grid: [number, number]): number {
  return Math.max(1, Math.ceil(Math.max(grid[0], grid[1]) / READABLE_CELLS));
}

function rectPath([x1, y1, x2, y2]: Box, cx: number, cy: number): string {
  return `M${cx + x1},${cy + y1}H${cx + x2}V${cy + y2}H${cx + x1}Z`;
}

/**
 * `ratios` is the number of aspect ratios: the cells are ratio-major, one path per ratio. In 'all'
 * mode, `every` k-th cell of the range (anchors-range.ts; the whole grid by default) is drawn in each
 * direction, counted from the range's first row and column, or coarser where BOX_CAP requires.
 */
export function levelDrawing(
  level: LevelAnchors,
  ratios: number,
  mode: 'cell' | 'all',
  cell: [row: number, col: number],
  every = 1,
  range: CellRange | null = {
    rows: [0, level.grid[0] - 1],
    cols: [0, level.grid[1] - 1]
  }
): LevelDrawing {
  const centres = gridShifts(level.grid, level.stride);
  const boxes = level.cells;
  const margin = Math.max(0, ...boxes.map((b) => Math.max(-b[0], -b[1], b[2], b[3])));
  const [gh, gw] = level.grid;
  const cells = gh * gw;
  const inRange = rangeCells(range);
  let picked: Array<[number, number]>;
  let step = 1;
  let capped = false;
  if (mode === 'cell') {
    const r = Math.min(Math.max(0, cell[0]), gh - 1);
    const c = Math.min(Math.max(0, cell[1]), gw - 1);
    picked = [[c * level.stride[1], r * level.stride[0]]];
  } else {
    const asked = Math.max(1, Math.floor(every));
    step = Math.max(asked, Math.ceil(Math.sqrt((inRange * boxes.length) / BOX_CAP)));
    capped = step > asked;
    picked = [];
    if (range)
      for (let r = range.rows[0]; r <= range.rows[1]; r += step)
        for (let c = range.cols[0]; c <= range.cols[1]; c += step)
          picked.push([c * level.stride[1], r * level.stride[0]]);
  }
  const perRatio = boxes.length / ratios;
  const paths = Array.from({ length: ratios }, (_, ri) =>
    picked
      .map(([cx, cy]) =>
        boxes
          .slice(ri * perRatio, (ri + 1) * perRatio)
          .map((b) => rectPath(b, cx, cy))
          .join('')
      )
      .join('')
  );
  return {
    centres,
    paths,
    drawnCells: picked.length,
    cells,
    range,
    rangeCells: inRange,
    margin,
    step,
    capped
  };
}

/** One path of small squares for dense centre grids. */
export function centresPath(centres: Array<[number, number]>, r: number): string {
  return centres.map(([x, y]) => `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`).join('');
}

/** Which boxes the drawing shows, in words. */
export function drawingCaption(
  level: LevelAnchors,
  d: LevelDrawing,
  mode: 'cell' | 'all',
  cell: [row: number, col: number]
): string {
  const head = `${level.level}: ${formatCount(d.centres.length)} centres at torchvision's shifts (col × ${level.stride[1]}, row × ${level.stride[0]} px).`;
  if (mode === 'cell')
    return `${head} Boxes of cell (row ${cell[0]}, col ${cell[1]}); click the image or use the arrow keys to move it.`;
  if (!d.range) return `${head} No boxes: the cell range holds no cells.`;
  const part = d.rangeCells < d.cells;
  const where = part ? ` in ${rangeText(d.range)}, of ${formatCount(d.cells)} in the level` : '';
  if (d.step === 1) return `${head} Boxes of all ${formatCount(d.rangeCells)} cells${where}.`;
  const which = `Boxes of every ${ordinal(d.step)} cell in each direction (${formatCount(d.drawnCells)} of ${formatCount(d.rangeCells)} cells${where})`;
  const why = d.capped
    ? `, the densest this view draws (${formatCount(d.drawnCells * level.cells.length)} boxes)`
    : `; set the cell step to 1 for all cells${part ? ' in the range' : ''}`;
  return `${head} ${which}${why}.`;
}
