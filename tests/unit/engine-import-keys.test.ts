/**
 * The engine keys the importers needed: transform=detectron2 (ResizeShortestEdge's rounding),
 * background=scores (detectron2's and MMDetection's predictors), p7Relu and MMSegmentation's head keys
 * (fcnConvs=0 and segChannels, which head reads which key). Expected sizes and
 * counts are worked out by hand from the libraries' formulas.
 */
import { describe, expect, it } from 'vitest';
import { resizedSize, roundedSize } from '../../src/lib/core/ops/transform';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { notApplicable } from '../../src/lib/models/applies';
import { validateConfig } from '../../src/lib/models/validate';

const preset = (id: string) => {
  const c = presetConfig(id);
  if (!c) throw new Error(id);
  return c;
};

describe('transform=detectron2: int(x + 0.5) after ResizeShortestEdge', () => {
  it.each([
    // short side to 800: 500 x 800 / 375 = 1066.67 -> 1067 (torchvision floors to 1066, and 799 from float32).
    [375, 500, 800, 1333, [800, 1067]],
    // long side capped: 1200 x 800 / 600 = 1600 > 1333, so both scale by 1333 / 1600: 666.5 -> 667.
    [600, 1200, 800, 1333, [667, 1333]],
    // portrait and square inputs.
    [500, 375, 800, 1333, [1067, 800]],
    [512, 512, 800, 1333, [800, 800]]
  ])('%i x %i at (%i, %i) -> %j', (h, w, min, max, want) => {
    expect(roundedSize(h, w, min, max)).toEqual(want);
  });

  it('differs from torchvision where torchvision floors', () => {
    expect(resizedSize(375, 500, 800, 1333)).toEqual([799, 1066]);
  });

  it('a detector with it: the backbone reads the rounded size padded to sizeDivisible', () => {
    const a = analyze({ ...preset('fasterrcnn_resnet50_fpn'), transform: 'detectron2' }, [375, 500]);
    expect(a.result.stats.get('transform/resize')?.shape).toEqual([1, 3, 800, 1067]);
    expect(a.result.stats.get('transform/pad')?.shape).toEqual([1, 3, 800, 1088]);
  });
});

describe('background=scores', () => {
  it('box deltas are 4 per foreground class, mask logits one per foreground class', () => {
    const cfg = { ...preset('maskrcnn_resnet50_fpn'), classes: 81, background: 'scores' as const };
    const a = analyze(cfg, [800, 1333]);
    const shape = (id: string) => a.result.stats.get(id)?.shape;
    expect(shape('roi_heads/box_predictor/cls_score')?.[1]).toBe(81);
    expect(shape('roi_heads/box_predictor/bbox_pred')?.[1]).toBe(320);
    expect(shape('roi_heads/mask_predictor/mask_fcn_logits')?.[1]).toBe(80);
    // Linear(1024, 320) and Conv2d(256, 80, 1) against torchvision's (1024, 324) and (256, 81, 1).
    const all = analyze({ ...cfg, background: 'all' }, [800, 1333]);
    expect(all.result.totals.params - a.result.totals.params).toBe(4 * 1025 + 257);
  });

  it('needs a foreground class', () => {
    const errors = validateConfig({ ...preset('fasterrcnn_resnet50_fpn'), classes: 1, background: 'scores' });
    expect(errors.map((e) => e.key)).toContain('classes');
  });
});

describe('p7Relu=false', () => {
  it('drops the ReLU between P6 and P7 and nothing else (same parameters and MACs)', () => {
    const on = analyze(preset('retinanet_resnet50_fpn_v2'), [512, 512]);
    const off = analyze({ ...preset('retinanet_resnet50_fpn_v2'), p7Relu: false }, [512, 512]);
    const ids = (a: typeof on) => a.model.graph.nodes.map((n) => n.id);
    expect(ids(on).filter((id) => !ids(off).includes(id))).toEqual(['neck/P7/relu']);
    expect(off.result.totals.params).toBe(on.result.totals.params);
    expect(off.result.totals.macs).toBe(on.result.totals.macs);
    // 512x512 resizes to 800x800: C5 25x25, P6 = 3x3/2 conv of it 13x13, P7 7x7.
    expect(off.result.stats.get(off.model.graph.taps.P7)?.shape).toEqual([1, 256, 7, 7]);
  });
});

describe("MMSegmentation's head keys", () => {
  const fcn = { ...preset('deeplabv3_resnet50'), head: 'mmseg_fcn' as const };

  it('fcnConvs=0 needs segChannels equal to C5 (ResNet-50: 64 x 8 x 4 = 2048), as mmseg asserts', () => {
    const errors = validateConfig({ ...fcn, fcnConvs: 0, segChannels: 512 });
    expect(errors).toEqual([
      {
        key: 'segChannels',
        message:
          "fcnConvs=0 passes C5 on unchanged, so segChannels must be C5's 2048 channels (got 512), as mmseg's FCNHead asserts"
      }
    ]);
    expect(validateConfig({ ...fcn, fcnConvs: 0, segChannels: 2048 })).toEqual([]);
  });

  it('the keys say which head reads them', () => {
    expect(notApplicable('fcnKernel', { ...fcn, head: 'mmseg_aspp' })).toBe(
      'only head=mmseg_fcn reads it (head=mmseg_aspp)'
    );
    expect(notApplicable('segChannels', preset('deeplabv3_resnet50'))).toBe(
      'only head=mmseg_aspp or head=mmseg_fcn reads it (head=deeplabv3)'
    );
    expect(notApplicable('asppDilations', { ...fcn, head: 'mmseg_aspp' })).toBeNull();
  });
});
