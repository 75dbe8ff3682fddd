/** The layer table's rows, sorting and totals, checked against torchvision facts and hand counts. */
import { describe, expect, it } from 'vitest';
import { rowTotals, sortRows } from '../../src/lib/components/table/rows';
import { layerRows } from '../../src/lib/models/layer-rows';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';

const rows = layerRows(analyze(presetConfig('resnet50')!, [224, 224]));

describe('layer table rows (ResNet-50 at 224)', () => {
  it('totals equal torchvision’s parameter count, 25,557,032', () => {
    expect(rowTotals(rows).params).toBe(25_557_032);
  });
  it('sorting by params puts C5’s 3x3 convs first: 512 x 512 x 3 x 3 = 2,359,296 each', () => {
    const sorted = sortRows(rows, 'all', 'params', false);
    expect(sorted.slice(0, 3).map((r) => [r.name, r.params])).toEqual([
      ['C5/unit1/conv2', 2_359_296],
      ['C5/unit2/conv2', 2_359_296],
      ['C5/unit3/conv2', 2_359_296]
    ]);
  });
  it('the C2 filter keeps its 3 units: 12 ops in the conv block (with a projection), 10 in each identity block', () => {
    expect(sortRows(rows, 'C2', 'index', true)).toHaveLength(12 + 10 + 10);
  });
});
