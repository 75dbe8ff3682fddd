/**
 * torchvision detection backbones (Faster R-CNN FPN, RetinaNet v1 and v2): body and FPN taps, and
 * anchor counts from torchvision's own AnchorGenerator, at sizes that exercise odd rounding.
 */
import { describe, expect, it } from 'vitest';
import { analyzePreset, engineTaps, loadFixture, parseSize, type TapShapes } from './golden-fixture';

interface Detection {
  backbone_params: number;
  norm_layers: string[];
  sizes: Record<
    string,
    {
      taps: TapShapes;
      anchors: { perLocation: number; perLevel: number[]; total: number; strides: number[][] };
    }
  >;
}

const PRESETS: Record<string, string[]> = {
  fasterrcnn_resnet50_fpn: ['P2', 'P3', 'P4', 'P5', 'P6'],
  retinanet_resnet50_fpn: ['P3', 'P4', 'P5', 'P6', 'P7'],
  retinanet_resnet50_fpn_v2: ['P3', 'P4', 'P5', 'P6', 'P7']
};

for (const [id, levels] of Object.entries(PRESETS)) {
  const fx = loadFixture<Detection>(id);
  describe(id, () => {
    it('has fixtures at the detection size and the odd sizes', () => {
      expect(Object.keys(fx.sizes)).toEqual(['800x1333', '375x500', '97x131', '513x513', '224x224']);
    });

    for (const [size, want] of Object.entries(fx.sizes)) {
      it(`body and FPN taps at ${size} match PyTorch`, () => {
        const a = analyzePreset(`${id}_backbone`, parseSize(size));
        expect(engineTaps(a, Object.keys(want.taps))).toEqual(want.taps);
        expect(a.model.levels).toEqual(levels);
      });

      it(`anchors at ${size} match torchvision's AnchorGenerator`, () => {
        const { anchors } = analyzePreset(`${id}_backbone`, parseSize(size));
        expect(anchors?.perLocation).toBe(want.anchors.perLocation);
        expect(anchors?.levels.map((l) => l.level)).toEqual(levels);
        expect(anchors?.levels.map((l) => l.count)).toEqual(want.anchors.perLevel);
        expect(anchors?.levels.map((l) => l.stride)).toEqual(want.anchors.strides);
        expect(anchors?.total).toBe(want.anchors.total);
      });
    }

    // With weights_backbone=None torchvision builds plain BatchNorm2d (FrozenBatchNorm2d, whose affine
    // terms are buffers, only comes with pretrained weights), so body + FPN parameters are comparable.
    it('backbone parameters match PyTorch (plain BatchNorm2d without pretrained weights)', () => {
      expect(fx.norm_layers).toEqual(['BatchNorm2d']);
      expect(analyzePreset(`${id}_backbone`, [224, 224]).result.totals.params).toBe(fx.backbone_params);
    });
  });
}

describe('Faster R-CNN anchors at 800x1333, by hand', () => {
  it('sums H x W x 3 over P2..P6', () => {
    // C2 = 200x334 (conv 7x7/2 pad 3: 400x667; pool 3x3/2 pad 1: 200x334), then halving with
    // floor((n - 1) / 2) + 1: P3 100x167, P4 50x84, P5 25x42, P6 (1x1/2 max-pool) 13x21.
    const perLevel = [200 * 334, 100 * 167, 50 * 84, 25 * 42, 13 * 21].map((n) => n * 3);
    const { anchors } = analyzePreset('fasterrcnn_resnet50_fpn_backbone', [800, 1333]);
    expect(anchors?.levels.map((l) => l.count)).toEqual(perLevel);
    expect(anchors?.total).toBe(3 * (66800 + 16700 + 4200 + 1050 + 273));
  });
});
