/**
 * The anchors view's cell range for "all cells": rows from-to and columns from-to (0-based, both ends
 * included, as the one-cell caption counts), so one region of a dense level can be looked at without
 * drawing the whole carpet. A blank end means the grid's edge; an end outside the grid is clamped to
 * it and says so; a range with no cells draws no boxes and says why.
 */

/** What the four fields hold: a number, or null for a blank field. */
export interface RangeInput {
  rows: [from: number | null, to: number | null];
  cols: [from: number | null, to: number | null];
}

/** Inclusive, 0-based, inside the grid. */
export interface CellRange {
  rows: [number, number];
  cols: [number, number];
}

export interface ResolvedRange {
  /** null: the range holds no cells (the notes say why). */
  range: CellRange | null;
  /** In the user's terms: what was clamped, or why nothing is drawn. */
  notes: string[];
  /** True when it is the whole grid (nothing to mention in the caption). */
  whole: boolean;
}

export const WHOLE: RangeInput = { rows: [null, null], cols: [null, null] };

function axis(
  [from, to]: [number | null, number | null],
  n: number,
  name: 'rows' | 'columns',
  level: string,
  notes: string[]
): [number, number] | null {
  const last = n - 1;
  const bad = [from, to].find((v) => v !== null && !Number.isFinite(v));
  if (bad !== undefined) {
    notes.push(`The ${name} range needs whole numbers from 0 to ${last}.`);
    return null;
  }
  const a = from === null ? 0 : Math.floor(from);
  const b = to === null ? last : Math.floor(to);
  if (a > b) {
    notes.push(`No cells: the ${name} range starts at ${a}, after its end ${b}.`);
    return null;
  }
  if (a > last || b < 0) {
    notes.push(`No cells: ${level} has ${name} 0 to ${last}; ${a} to ${b} lies outside.`);
    return null;
  }
  const [ca, cb] = [Math.max(0, a), Math.min(last, b)];
  if (ca !== a || cb !== b)
    notes.push(
      `${name[0].toUpperCase()}${name.slice(1)} ${a} to ${b} clamped to ${ca} to ${cb}: ${level} has ${name} 0 to ${last}.`
    );
  return [ca, cb];
}

/** The range inside a level's [rows, columns] grid, with notes for what was clamped or refused. */
export function resolveRange(input: RangeInput, grid: [number, number], level: string): ResolvedRange {
  const notes: string[] = [];
  const rows = axis(input.rows, grid[0], 'rows', level, notes);
  const cols = axis(input.cols, grid[1], 'columns', level, notes);
  if (!rows || !cols) return { range: null, notes, whole: false };
  const whole = rows[0] === 0 && cols[0] === 0 && rows[1] === grid[0] - 1 && cols[1] === grid[1] - 1;
  return { range: { rows, cols }, notes, whole };
}

/** A range's [rows, columns] count, as a grid is given. */
export function rangeSize(r: CellRange): [number, number] {
  return [r.rows[1] - r.rows[0] + 1, r.cols[1] - r.cols[0] + 1];
}

/** How many cells a range holds. */
export function rangeCells(r: CellRange | null): number {
  return r ? rangeSize(r)[0] * rangeSize(r)[1] : 0;
}

/** "rows 8–15, columns 16–23" for captions. */
export function rangeText(r: CellRange): string {
  return `rows ${r.rows[0]}–${r.rows[1]}, columns ${r.cols[0]}–${r.cols[1]}`;
}
