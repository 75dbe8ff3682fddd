/**
 * The whole-model facts the summary strip, the compare page and the CLI show. Expected numbers are
 * torchvision's published figures or hand calculations from torchvision's module definitions.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { notApplicable } from '../../src/lib/models/applies';
import { presetConfig } from '../../src/lib/models/presets';
import { levelRange, replicas, replicaTitle } from '../../src/lib/models/replicas';
import {
  partCosts,
  regionText,
  roiCost,
  sharedHeads,
  totalsAssumption,
  transformSizes,
  transformText
} from '../../src/lib/models/whole';

const at = (id: string, h: number, w = h, changes: Record<string, unknown> = {}) =>
  analyze({ ...presetConfig(id)!, ...changes }, [h, w]);

// RPNHead on 256 channels with A = 3: conv 3x3 256->256 (+bias), cls_logits 1x1 256->3, bbox_pred
// 1x1 256->12. Per location: 256*256*9 + 256*3 + 256*12 = 593,664 MACs.
const RPN_PARAMS = 256 * 256 * 9 + 256 + (256 * 3 + 3) + (256 * 12 + 12);
const RPN_MACS_PER_LOCATION = 256 * 256 * 9 + 256 * 3 + 256 * 12;
// TwoMLPHead 256*7*7 -> 1024 -> 1024, FastRCNNPredictor 1024 -> 91 and 4 x 91, per region.
const BOX_MACS_PER_REGION = 256 * 49 * 1024 + 1024 * 1024 + 1024 * 91 + 1024 * 364;

describe('the detection transform', () => {
  it('reads 375x500 -> 799x1066 -> 800x1088 (float32 800/375, floor, pad to 32)', () => {
    const t = transformSizes(at('maskrcnn_resnet50_fpn', 375, 500))!;
    expect(t).toEqual({ image: [375, 500], resized: [799, 1066], padded: [800, 1088] });
    expect(transformText(t)).toBe('375×500 → 799×1066 → 800×1088');
  });
  it('is absent without a transform', () => {
    expect(transformSizes(at('resnet50', 224))).toBeNull();
    expect(transformSizes(at('fasterrcnn_resnet50_fpn', 800, 800, { transform: 'none' }))).toBeNull();
  });
});

describe('shared heads', () => {
  const faster = at('fasterrcnn_resnet50_fpn', 800, 800);
  it('finds the RPN head applied to P2-P6 with one set of weights', () => {
    const r = replicas(faster.model.graph);
    expect(r.sets.map(replicaTitle)).toEqual(['RPN head ×5: P2–P6']);
    expect(r.repOf.get('rpn/P4/cls_logits')).toBe('rpn/P2/cls_logits');
    expect(r.repOf.has('rpn/P2/conv1')).toBe(false);
  });
  it('counts its parameters once and its MACs on every level (800x800: 200², 100², 50², 25², 13²)', () => {
    const [rpn] = sharedHeads(faster);
    expect(rpn.params).toBe(RPN_PARAMS); // 593,935, domain decomposition of 41,755,286
    const locations = 200 ** 2 + 100 ** 2 + 50 ** 2 + 25 ** 2 + 13 ** 2;
    expect(rpn.macs).toBe(RPN_MACS_PER_LOCATION * locations); // 31.64 G
  });
  it("finds RetinaNet's and FCOS's heads on P3-P7", () => {
    expect(replicas(at('retinanet_resnet50_fpn', 512).model.graph).sets.map(replicaTitle)).toEqual([
      'RetinaNet head ×5: P3–P7'
    ]);
    expect(replicas(at('fcos_resnet50_fpn', 512).model.graph).sets.map(replicaTitle)).toEqual([
      'FCOS head ×5: P3–P7'
    ]);
  });
  it('finds nothing shared in a classifier or a segmenter', () => {
    expect(replicas(at('resnet50', 224).model.graph).sets).toEqual([]);
    expect(replicas(at('deeplabv3_resnet50', 520).model.graph).sets).toEqual([]);
  });
  it('writes level runs as ranges and other lists in full', () => {
    expect(levelRange(['P2', 'P3', 'P4', 'P5', 'P6'])).toBe('P2–P6');
    expect(levelRange(['P3', 'P5'])).toBe('P3, P5');
  });
});

describe('RoI heads at R and D', () => {
  it("cost Faster R-CNN's box branch at R = 1000 (14.36 G at 800x800, torchvision's decomposition)", () => {
    const a = at('fasterrcnn_resnet50_fpn', 800, 800);
    const roi = roiCost(a)!;
    expect(roi.macs).toBe(1000 * BOX_MACS_PER_REGION);
    // 13,895,680 (fc6, fc7) + 466,375 (predictor), domain's decomposition of 41,755,286.
    expect(roi.params).toBe(13_895_680 + 466_375);
    expect(roi.share.params).toBeCloseTo(14_362_055 / 41_755_286, 12);
    expect(regionText(roi)).toBe('R = 1000 proposals');
  });
  it('scale with the proposals', () => {
    const roi = roiCost(at('fasterrcnn_resnet50_fpn', 800, 800, { proposals: 250 }))!;
    expect(roi.macs).toBe(250 * BOX_MACS_PER_REGION);
  });
  it("split Mask R-CNN's cost into the box branch on R and the mask branch on D", () => {
    const roi = roiCost(at('maskrcnn_resnet50_fpn', 800, 800))!;
    // MaskRCNNHeads: four 3x3 256->256 convs at 14x14; MaskRCNNPredictor: 2x2/2 transposed conv
    // 256->256 on 14x14, 1x1 256->91 at 28x28.
    const mask = 4 * 256 * 256 * 9 * 196 + 256 * 256 * 4 * 196 + 256 * 91 * 784;
    expect(roi.branches).toEqual([
      expect.objectContaining({ source: 'proposals', regions: 1000, macs: 1000 * BOX_MACS_PER_REGION }),
      expect.objectContaining({ source: 'detections', regions: 100, macs: 100 * mask })
    ]);
    expect(regionText(roi)).toBe('R = 1000 proposals, D = 100 detections');
  });
  it('say so in one sentence under the totals', () => {
    const text = totalsAssumption(at('maskrcnn_resnet50_fpn', 800, 800), (m) => `${m}`)!;
    expect(text).toContain('RoI heads at R = 1000 proposals, D = 100 detections per image');
    expect(text).toContain('RPN head: one set of weights for P2–P6');
    expect(totalsAssumption(at('resnet50', 224), String)).toBeNull();
  });
  it('are absent without RoI heads', () => {
    expect(roiCost(at('retinanet_resnet50_fpn', 512))).toBeNull();
  });
});

describe('costs by part', () => {
  it("split fasterrcnn_resnet50_fpn's 41,755,286 parameters as torchvision's modules hold them", () => {
    const parts = partCosts(at('fasterrcnn_resnet50_fpn', 800, 800));
    // domain.md: backbone without fc and BN affine 23,454,912; FPN 3,344,384; RPN 593,935; RoI 14,362,055.
    expect(parts.map((p) => [p.label, p.params])).toEqual([
      ['backbone', 23_454_912],
      ['FPN', 3_344_384],
      ['RPN head', 593_935],
      ['RoI heads', 14_362_055]
    ]);
    expect(parts.reduce((s, p) => s + p.params, 0)).toBe(41_755_286);
    expect(parts.find((p) => p.part === 'roi_heads')!.components).toContain(
      'box head (TwoMLPHead: fc6, fc7)'
    );
  });
});

describe('keys a head does not read', () => {
  const cfg = (id: string, changes: Record<string, unknown> = {}) => ({ ...presetConfig(id)!, ...changes });
  it('are refused with the reason', () => {
    expect(notApplicable('detections', cfg('fasterrcnn_resnet50_fpn'))).toMatch(/no mask or keypoint head/);
    expect(notApplicable('proposals', cfg('retinanet_resnet50_fpn'))).toMatch(/no RoI heads/);
    expect(notApplicable('keypoints', cfg('maskrcnn_resnet50_fpn'))).toMatch(/Keypoint R-CNN/);
    expect(notApplicable('headVersion', cfg('fcos_resnet50_fpn'))).toMatch(/one head design/);
    expect(notApplicable('minSize', cfg('fasterrcnn_resnet50_fpn', { transform: 'none' }))).toMatch(
      /transform=none/
    );
    expect(notApplicable('groups', cfg('resnet18'))).toMatch(/basic blocks/);
  });
  it('apply where the head reads them', () => {
    expect(notApplicable('detections', cfg('keypointrcnn_resnet50_fpn'))).toBeNull();
    expect(notApplicable('keypoints', cfg('keypointrcnn_resnet50_fpn'))).toBeNull();
    expect(notApplicable('headVersion', cfg('retinanet_resnet50_fpn'))).toBeNull();
    expect(notApplicable('groups', cfg('resnext50_32x4d'))).toBeNull();
    expect(notApplicable('aux', cfg('fcn_resnet50'))).toBeNull();
  });
});
