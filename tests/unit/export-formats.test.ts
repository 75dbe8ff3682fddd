import { describe, expect, it } from 'vitest';
import { toCsv, csvCell, CSV_HEADER } from '../../src/lib/export/csv';
import { toJson } from '../../src/lib/export/json';
import { toMarkdown, mdCell } from '../../src/lib/export/markdown';
import { formatBytes } from '../../src/lib/format';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';

const resnet50 = analyze(presetConfig('resnet50')!, [224, 224]);

describe('JSON export', () => {
  it('is the CLI schema, with torchvision resnet50 at 224 giving C5 [1, 2048, 7, 7]', () => {
    const r = JSON.parse(toJson('resnet50', resnet50));
    expect(Object.keys(r)).toEqual([
      'preset',
      'input',
      'transform',
      'taps',
      'anchors',
      'regions',
      'totals',
      'layers',
      'diagnostics'
    ]);
    expect(r.input).toEqual([1, 3, 224, 224]);
    // torchvision: resnet50 layer4 output for a 224x224 image is 2048 x 7 x 7.
    expect(r.taps.C5.shape).toEqual([1, 2048, 7, 7]);
    // torchvision's published parameter count for resnet50.
    expect(r.totals.params).toBe(25_557_032);
  });
});

describe('CSV export', () => {
  const lines = toCsv(resnet50).trimEnd().split('\r\n');
  it('has a header and one row per layer (every node but the input)', () => {
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    const layers = resnet50.model.graph.nodes.filter((n) => n.op !== 'input').length;
    expect(lines.length).toBe(layers + 1);
  });
  it('sums to torchvision resnet50 params, and FLOPs are twice the MACs', () => {
    const col = (name: string) => CSV_HEADER.indexOf(name);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.reduce((s, r) => s + Number(r[col('params')]), 0)).toBe(25_557_032);
    for (const r of rows) expect(Number(r[col('flops')])).toBe(2 * Number(r[col('macs')]));
    const c5 = rows.find((r) => r[col('tap')] === 'C5')!;
    expect([c5[col('c')], c5[col('h')], c5[col('w')]]).toEqual(['2048', '7', '7']);
  });
  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });
});

describe('Markdown export', () => {
  const md = toMarkdown('resnet50', resnet50);
  it('is a table with one row per layer and the C5 row marked', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const layers = resnet50.model.graph.nodes.filter((n) => n.op !== 'input').length;
    // header row, separator row, then the layers
    expect(rows.length).toBe(layers + 2);
    expect(md).toMatch(/\| C5 \| C5\/unit3\/\w+ \| \w+ \| \[1, 2048, 7, 7\] \|.*\| C5 \|/);
    expect(md).toContain('25,557,032');
  });
  it("prints PSPNet's fractional output stride (8 * 60 / 473 = 1.0148) to two decimals, as the site does", () => {
    const psp = toMarkdown('pspnet_r50', analyze(presetConfig('pspnet_r50')!, [473, 473]));
    const out = psp.split('\n').find((l) => l.startsWith('| head | head/upsample |'))!;
    expect(out).toMatch(/\| \d+ \/ 1\.01 \| out \|$/);
  });
  it('escapes pipes so a cell cannot split the row', () => {
    expect(mdCell('a|b')).toBe('a\\|b');
  });
});

describe('formatBytes', () => {
  it('uses binary units: 1 x 2048 x 7 x 7 float32 = 401,408 bytes = 392 KiB', () => {
    expect(formatBytes(2048 * 7 * 7 * 4)).toBe('392.0 KiB');
    expect(formatBytes(1024 * 1024 * 3)).toBe('3.0 MiB');
    // The live-run budget is 1.5e9 bytes: 1.5e9 / 2^30 = 1.397 GiB (it read "1.50 GB" in decimal units).
    expect(formatBytes(1.5e9)).toBe('1.40 GiB');
    expect(formatBytes(12)).toBe('12 B');
  });
});
