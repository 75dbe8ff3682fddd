/**
 * The layer table's data: one row per node (not the input), sorting with the graph order as the
 * tie-break, and totals. Pure, so the component only renders.
 */
import { stageOf } from '$lib/export/format';
import type { Analysis } from '$lib/models/analyze';

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

export function tableRows(analysis: Analysis) {
  return analysis.model.graph.nodes
    .filter((n) => n.op !== 'input')
    .map((n, index) => {
      const s = analysis.result.stats.get(n.id);
      const shape = s?.shape ?? null;
      return {
        index: index + 1,
        id: n.id,
        name: n.id,
        stage: stageOf(n.id),
        op: n.op,
        tap: n.tap,
        shape,
        elements: shape ? shape[1] * shape[2] * shape[3] : -1,
        params: s?.params ?? 0,
        macs: s?.macs ?? 0,
        bytes: s?.bytes ?? 0,
        rf: s?.rf?.size[0] ?? -1,
        stride: s?.rf?.stride[0] ?? -1
      };
    });
}

export type TableRow = ReturnType<typeof tableRows>[number];

export function sortRows(rows: TableRow[], stage: string, key: SortKey, ascending: boolean): TableRow[] {
  const list = stage === 'all' ? rows.slice() : rows.filter((r) => r.stage === stage);
  const dir = ascending ? 1 : -1;
  if (key !== 'index' || !ascending)
    list.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c === 0 ? a.index - b.index : c * dir;
    });
  return list;
}

export function rowTotals(rows: TableRow[]): { params: number; macs: number; bytes: number } {
  return rows.reduce(
    (t, r) => ({ params: t.params + r.params, macs: t.macs + r.macs, bytes: t.bytes + r.bytes }),
    { params: 0, macs: 0, bytes: 0 }
  );
}
