/** Markdown export: a short heading with the totals, then the layer table (GitHub-flavoured). */
import type { Analysis } from '../models/analyze';
import { formatCount, formatShape, formatStride } from '../format';
import { layerRows } from '../models/layer-rows';
import { partialAnchors, partialTotals } from '../models/partial';

/** A pipe would end the cell and a line break the row. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function toMarkdown(preset: string | null, a: Analysis): string {
  const { input, totals } = a.result;
  const partial = partialTotals(a);
  const partialText = partial
    ? ` **${partial.paramsNote ? `${partial.note}; params ${partial.paramsNote}` : partial.note}** (the MACs leave them out).`
    : '';
  const out = [
    `# ${preset ?? 'custom configuration'}, input ${formatShape(input)}`,
    '',
    `Total params ${formatCount(totals.params)} (trainable ${formatCount(totals.trainable)}, non-trainable ${formatCount(totals.params - totals.trainable)}); MACs ${formatCount(totals.macs)} (multiply-accumulates; FLOPs = 2 × MACs = ${formatCount(2 * totals.macs)}).${partialText}`,
    ''
  ];
  if (a.anchors) {
    const p = partialAnchors(a);
    out.push(
      `Anchors: ${a.anchors.perLocation} per location, ${formatCount(a.anchors.total)} in total.${p ? ` **${p.note}**.` : ''}`,
      ''
    );
  }
  out.push('| stage | name | op | output [N, C, H, W] | params | MACs | RF / stride | tap |');
  out.push('| --- | --- | --- | --- | ---: | ---: | ---: | --- |');
  for (const r of layerRows(a)) {
    const rf = r.rf === null || r.rfStride === null ? '' : `${r.rf} / ${formatStride(r.rfStride)}`;
    const cells = [
      r.stage,
      r.name,
      r.op,
      formatShape(r.shape),
      r.frozen ? `${formatCount(r.params)} (frozen)` : formatCount(r.params),
      formatCount(r.macs),
      rf,
      r.tap ?? ''
    ];
    out.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  if (a.diagnostics.length) out.push('', '## Diagnostics', '');
  for (const d of a.diagnostics) out.push(`- **${d.severity}** (${mdCell(d.node)}): ${mdCell(d.message)}`);
  return out.join('\n') + '\n';
}
