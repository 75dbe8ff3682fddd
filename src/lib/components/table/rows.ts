/**
 * The layer table's sorting (graph order as the tie-break) and totals over the model's layer rows.
 * Pure, so the component only renders.
 */
import type { LayerRow } from '$lib/models/layer-rows';

export type SortKey = 'index' | 'name' | 'op' | 'elements' | 'params' | 'macs' | 'bytes' | 'rf' | 'stride';

export const COLUMNS: Array<{ key: SortKey; label: string; numeric: boolean }> = [
  { key: 'index', label: '#', numeric: true },
  { key: 'name', label: 'Layer', numeric: false },
  { key: 'op', label: 'Op', numeric: false },
  { key: 'elements', label: 'Output [N, C, H, W]', numeric: true },
  { key: 'params', label: 'Params', numeric: true },
  { key: 'macs', label: 'MACs', numeric: true },
  { key: 'bytes', label: 'Memory', numeric: true },
  { key: 'rf', label: 'RF', numeric: true },
  { key: 'stride', label: 'Stride', numeric: true }
];

/** The value a column sorts by; rows without a shape or receptive field sort first (as -1). */
function sortValue(r: LayerRow, key: SortKey): number | string {
  switch (key) {
    case 'elements':
      return r.shape ? r.shape[1] * r.shape[2] * r.shape[3] : -1;
    case 'rf':
      return r.rf ?? -1;
    case 'stride':
      return r.rfStride ?? -1;
    default:
      return r[key];
  }
}

export function sortRows(rows: LayerRow[], stage: string, key: SortKey, ascending: boolean): LayerRow[] {
  const list = stage === 'all' ? rows.slice() : rows.filter((r) => r.stage === stage);
  const dir = ascending ? 1 : -1;
  if (key !== 'index' || !ascending)
    list.sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c === 0 ? a.index - b.index : c * dir;
    });
  return list;
}

export function rowTotals(rows: LayerRow[]): { params: number; macs: number; bytes: number } {
  return rows.reduce(
    (t, r) => ({ params: t.params + r.params, macs: t.macs + r.macs, bytes: t.bytes + r.bytes }),
    { params: 0, macs: 0, bytes: 0 }
  );
}
