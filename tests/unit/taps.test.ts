/** The tap registry: canonical order of every model's taps and the families a head can add. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { PRESETS, presetConfig } from '../../src/lib/models/presets';
import { orderedTaps, perLevelFamily, tapFamily } from '../../src/lib/models/taps';

const tapsOf = (id: string) => analyze(presetConfig(id)!, [512, 512]).model.graph.taps;

describe('canonical tap order', () => {
  const levels = (family: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `${family}/P${from + i}`);
  const backbone = ['C1', 'stem', 'C2', 'C3', 'C4', 'C5'];

  it('RetinaNet: backbone, P3..P7 (Lin et al. 2017), then the head: class logits, box regression per level', () => {
    // torchvision's RetinaNetHead returns cls_logits, then bbox_regression, each over P3..P7.
    expect(orderedTaps(tapsOf('retinanet_resnet50_fpn'))).toEqual([
      ...backbone,
      'P3',
      'P4',
      'P5',
      'P6',
      'P7',
      ...levels('cls_logits', 3, 7),
      ...levels('bbox_regression', 3, 7)
    ]);
  });

  it('Mask R-CNN: backbone, P2..P6, the RPN per level, then the RoI heads in the order they run', () => {
    expect(orderedTaps(tapsOf('maskrcnn_resnet50_fpn'))).toEqual([
      ...backbone,
      'P2',
      'P3',
      'P4',
      'P5',
      'P6',
      ...levels('objectness', 2, 6),
      ...levels('pred_bbox_deltas', 2, 6),
      'box_roi_pool',
      'box_head',
      'class_logits',
      'box_regression',
      'mask_roi_pool',
      'mask_head',
      'mask_logits'
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
  it('cover every tap of every preset', () => {
    const unregistered = PRESETS.flatMap((p) =>
      Object.keys(tapsOf(p.id)).filter((t) => t !== 'input' && !tapFamily(t))
    );
    expect(unregistered).toEqual([]);
  });

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
