/** CSV export: a header, then one row per layer; raw numbers (no thousands separators) for spreadsheets. */
import type { Analysis } from '../models/analyze';
import { type LayerRow, layerRows } from '../models/layer-rows';

export const CSV_HEADER = [
  'stage',
  'name',
  'op',
  'n',
  'c',
  'h',
  'w',
  'params',
  'trainable',
  'macs',
  'flops',
  'bytes',
  'rf',
  'rf_stride',
  'tap'
];

/** RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled. */
export function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** "true" or "false" for a layer with parameters (trainableLayers freezes part of the body); empty without. */
const trainableCell = (r: LayerRow): string => (r.params > 0 ? String(!r.frozen) : '');

export function toCsv(a: Analysis): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of layerRows(a)) {
    const dims = r.shape ?? [null, null, null, null];
    const cells = [
      r.stage,
      r.name,
      r.op,
      ...dims,
      r.params,
      trainableCell(r),
      r.macs,
      2 * r.macs,
      r.bytes,
      r.rf,
      r.rfStride,
      r.tap
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
