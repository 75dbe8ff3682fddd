import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/format';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { buildReport } from '../../src/lib/models/report';

const report = (preset: string, h: number, w: number) =>
  buildReport(preset, analyze(presetConfig(preset)!, [h, w]));

describe('the JSON report of a whole detector', () => {
  it("gives the transform's sizes as GeneralizedRCNNTransform computes them", () => {
    // torchvision: 375 x (800/375) lands just under 800 in float32, so 375x500 -> 799x1066; padded up
    // to multiples of 32: 800x1088. 97x131 -> 799x1080 -> 800x1088.
    expect(report('fasterrcnn_resnet50_fpn', 375, 500).transform).toEqual({
      resized: [799, 1066],
      padded: [800, 1088]
    });
    expect(report('maskrcnn_resnet50_fpn', 97, 131).transform).toEqual({
      resized: [799, 1080],
      padded: [800, 1088]
    });
  });

  it('names the region counts its whole-model totals assume', () => {
    const r = report('fasterrcnn_resnet50_fpn', 800, 800);
    // torchvision's eval default: rpn post_nms_top_n_test 1000; Faster R-CNN has no head on detections.
    expect(r.regions).toEqual({ proposals: 1000, detections: null });
    // torchvision's published num_params for fasterrcnn_resnet50_fpn.
    expect(r.totals.params).toBe(41_755_286);
    expect(report('maskrcnn_resnet50_fpn', 800, 800).regions).toEqual({ proposals: 1000, detections: 100 });
  });

  it('has no transform and no regions for a classifier', () => {
    const r = report('resnet50', 224, 224);
    expect(r.transform).toBeNull();
    expect(r.regions).toBeNull();
  });
});

describe('the CLI text of a whole detector', () => {
  it('prints the transform step and the region counts beside the totals', () => {
    const text = formatTable(report('maskrcnn_resnet50_fpn', 375, 500), false);
    expect(text).toContain('transform: 375x500 -> resized 799x1066 -> padded 800x1088');
    expect(text).toMatch(
      // trainableLayers=3 freezes the stem and layer1 of the FrozenBatchNorm2d ResNet-50: 222,400 (the
      // same backbone as fasterrcnn_resnet50_fpn's in trainable_params.json); 44,401,393 - 222,400 train.
      /^total params 44,401,393 \(trainable 44,178,993, non-trainable 222,400\); .*; whole model, RoI heads at R = 1000 proposals, D = 100 detections per image$/m
    );
  });
});
