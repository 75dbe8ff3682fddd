/** The tap registry: canonical order of every model's taps and the families a head can add. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { orderedTaps, perLevelFamily, tapFamily } from '../../src/lib/models/taps';

const tapsOf = (id: string) => analyze(presetConfig(id)!, [512, 512]).model.graph.taps;

describe('canonical tap order', () => {
  it('RetinaNet: backbone C1, stem, C2..C5, then P3..P7 (Lin et al. 2017)', () => {
    expect(orderedTaps(tapsOf('retinanet_resnet50_fpn'))).toEqual([
      'C1',
      'stem',
      'C2',
      'C3',
      'C4',
      'C5',
      'P3',
      'P4',
      'P5',
      'P6',
      'P7'
    ]);
  });

  it('PSPNet: the backbone, its four bins (1, 2, 3, 6) in order, concat, score map, output, aux', () => {
    expect(orderedTaps(tapsOf('pspnet_r50'))).toEqual([
      'C1',
      'stem',
      'C2',
      'C3',
      'C4',
      'C5',
      'ppm1',
      'ppm2',
      'ppm3',
      'ppm6',
      'ppm_concat',
      'cls',
      'out',
      'aux'
    ]);
  });

  it('does not depend on the order taps were recorded in; unknown taps come last, in graph order', () => {
    const shuffled = { zeta: 'z', P4: 'b', C5: 'a', P3: 'c', alpha: 'y', C1: 'd', input: 'input' };
    expect(orderedTaps(shuffled)).toEqual(['C1', 'C5', 'P3', 'P4', 'zeta', 'alpha']);
  });
});

describe('families', () => {
  it('a per-level head family names one tap per pyramid level and ranks them by level', () => {
    const objectness = perLevelFamily('objectness', 'head');
    expect(objectness.has('objectness/P3')).toBe(true);
    expect(objectness.has('objectness/P9')).toBe(false);
    expect(objectness.has('P3')).toBe(false);
    expect(objectness.rank('objectness/P3')).toBeLessThan(objectness.rank('objectness/P4'));
  });

  it('every tap knows its stage: C1 sits in the stem, P levels in the neck, ppm branches in ppm', () => {
    expect(
      ['C1', 'stem', 'C4', 'P6', 'ppm3', 'ppm_concat', 'out', 'aux'].map((t) => tapFamily(t)?.stage(t))
    ).toEqual(['stem', 'stem', 'C4', 'neck', 'ppm', 'ppm', 'head', 'aux']);
  });
});
