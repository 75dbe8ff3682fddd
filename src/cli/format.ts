/** Human-readable output for `shapes`: the layer table with taps marked, totals, anchors, diagnostics. */
import type { ErfSummary } from '../lib/erf/summary';
import type { ShapesReport } from '../lib/models/report';
import { CONFIG_KEYS } from '../lib/models/schema';
import { allowedText } from '../lib/models/key-values';
import { PRESETS } from '../lib/models/presets';
import { formatCount, formatOps, formatShape, formatStride } from '../lib/format';
import { INPUT_MAX, INPUT_MIN } from '../lib/models/resolve';
import { regionText } from '../lib/models/whole';

export function formatTable(r: ShapesReport, color: boolean): string {
  const rows = r.layers.map((l) => [
    l.name.split('/')[0],
    l.name,
    l.op,
    formatShape(l.out),
    l.params ? formatCount(l.params) : '',
    l.macs ? formatOps(l.macs) : '',
    l.rf ? `${l.rf[0]} / ${formatStride(l.rf[1])}` : '',
    l.tap ? `<- ${l.tap}` : ''
  ]);
  const head = ['stage', 'name', 'op', 'output [N, C, H, W]', 'params', 'MACs', 'RF / stride', 'tap'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([4, 5, 6]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  rows.forEach((row) => out.push(row[7] ? bold(line(row)) : line(row)));
  out.push('');
  out.push(`input ${formatShape(r.input)}${r.preset ? `, preset ${r.preset}` : ''}`);
  out.push(
    `taps: ${Object.entries(r.taps)
      .map(([t, v]) => `${t} ${v.shape ? v.shape.slice(1).join('x') : 'n/a'}`)
      .join(', ')}`
  );
  if (r.transform)
    out.push(
      `transform: ${r.input[2]}x${r.input[3]} -> resized ${r.transform.resized.join('x')} -> padded ${r.transform.padded.join('x')}`
    );
  out.push(
    `total params ${formatCount(r.totals.params)} (trainable ${formatCount(r.totals.trainable)}, non-trainable ${formatCount(r.totals.nonTrainable)}); MACs ${formatOps(r.totals.macs)} (${formatCount(r.totals.macs)} multiply-accumulates; FLOPs = 2 x MACs = ${formatOps(2 * r.totals.macs)})${r.regions ? `; whole model, RoI heads at ${regionText(r.regions)} per image` : ''}${r.totals.partial ? `; ${r.totals.partial.note} (MACs leave them out)` : ''}`
  );
  if (r.anchors) {
    const per = Object.entries(r.anchors.perLevel)
      .map(([k, v]) => `${k} ${formatCount(v)}`)
      .join(', ');
    const partial = r.anchors.partial ? ` (${r.anchors.partial.note})` : '';
    out.push(
      `anchors: ${r.anchors.perLocation} per location; ${per}; total ${formatCount(r.anchors.total)}${partial}`
    );
  }
  for (const d of r.diagnostics) out.push(`${d.severity}: ${d.message}`);
  return out.join('\n');
}

/** One line: the measured squares of `--erf` against the cell's theoretical field. */
export function erfLine(e: ErfSummary): string {
  const side = Math.max(...e.theoretical.size);
  const parts = (['20', '50', '90', '99'] as const).map((k) => `${k} % in ${e.squares[k] ?? 'n/a'} px`);
  const centre = e.centre ? `; mass centre (${e.centre.join(', ')})` : '';
  return `effective field of ${e.tap} cell (${e.cell.join(', ')}), ${e.samples} seeded-noise samples: ${parts.join(', ')} of the ${side} px theoretical field centred at (${e.theoretical.centre.join(', ')})${centre}`;
}

export function helpText(): string {
  const keys = CONFIG_KEYS.map(
    (k) => `  ${k.key.padEnd(16)} ${k.help}\n  ${''.padEnd(16)} allowed: ${allowedText(k.type)}`
  ).join('\n');
  const presets = PRESETS.map((p) => `  ${p.id.padEnd(26)} ${p.title}`).join('\n');
  return `ArchScope shape calculator: exact shapes, parameters, MACs and receptive fields.

usage: archscope [--preset ID | --from FILE ...] [--input HxW] [--set key=value ...]
                 [--erf TAP [--cell R,C] [--samples N]]
                 [--json | --emit pytorch|keys]
       (in the checkout: npx archscope ...)

  --preset ID      start from a preset (default resnet50)
  --from FILE      import a detectron2 YAML or an MMDetection / MMSegmentation config; repeat for
                   its base files (_BASE_, _base_). Nothing in them is run; the report of every
                   key (mapped, ignored, refused) goes to stderr (docs/import.md)
  --input HxW      input height x width (default: the preset's), e.g. 512x512 or 375x500;
                   each side from ${INPUT_MIN} to ${INPUT_MAX}
  --set key=value  override one config key; repeat for more (the site's URL uses the same keys)
  --erf TAP        also measure the effective receptive field of one TAP cell by backprop
                   (TensorFlow.js, wasm or cpu; seeded weights and seeded-noise inputs)
  --cell R,C       that cell's row and column (default: the centre cell)
  --samples N      inputs averaged, 1 to 256 (default 8)
  --json           print one JSON object instead of the table
  --emit pytorch   print a PyTorch file (torch only) defining this model, forward returning the taps
  --emit keys      print the safetensors keys and shapes the weight loader expects, as JSON
  --help           this text

presets:
${presets}

keys:
${keys}

exit codes: 0 ok (diagnostics are part of the output), 2 bad arguments.`;
}
