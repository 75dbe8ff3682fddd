/**
 * detectron2 YAML imports. Expected values are read off the config text and detectron2's
 * defaults.py by hand; the parameter counts are torchvision's published figures (docs/models.md)
 * adjusted by hand for what detectron2 builds differently, each step written out.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze } from '../../src/lib/models/analyze';
import { transformSizes } from '../../src/lib/models/whole';
import { loadFixture } from './golden-fixture';
import { entry, fixture, imported, importFixtures } from './import-fixtures';
import { D2_BASE as BASE, D2_FASTER as FASTER, D2_RETINA_BASE as RETINA_BASE } from './import-zoo-files';

const MASK = 'detectron2/COCO-InstanceSegmentation/mask_rcnn_R_50_FPN_1x.yaml';
const X101 = 'detectron2/COCO-Detection/faster_rcnn_X_101_32x8d_FPN_3x.yaml';
const RETINA = 'detectron2/COCO-Detection/retinanet_R_50_FPN_1x.yaml';

/** torchvision's FastRCNNPredictor for 91 classes: Linear(1024, 91) + Linear(1024, 364). */
const TV_BOX_PREDICTOR = 1024 * 91 + 91 + (1024 * 364 + 364);
/** detectron2's FastRCNNOutputLayers for 80 classes: Linear(1024, 81) + Linear(1024, 320). */
const D2_BOX_PREDICTOR = 1024 * 81 + 81 + (1024 * 320 + 320);

/** Every leaf key path of a YAML file, read with the yaml package alone. */
function leafKeys(text: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length)
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else out.push(path);
  };
  walk(
    parse(text, {
      customTags: [
        { tag: 'tag:yaml.org,2002:python/object/apply:eval', collection: 'seq', resolve: (s) => s }
      ]
    }),
    ''
  );
  return out.filter((k) => k !== '_BASE_');
}

describe('faster_rcnn_R_50_FPN_1x.yaml on Base-RCNN-FPN.yaml', () => {
  const r = imported(importFixtures(BASE, FASTER));

  it('maps the keys the two files and the defaults give', () => {
    expect(r.config).toMatchObject({
      depth: 50,
      // STRIDE_IN_1X1: True (default) is the MSRA placement; BasicStem pools 3x3/2 with padding 1.
      style: 'caffe',
      stemPool: 'torch',
      norm: 'frozen',
      // FREEZE_AT: 2 (default) freezes the stem and res2, torchvision's trainable_backbone_layers=3.
      trainableLayers: 3,
      groups: 1,
      widthPerGroup: 64,
      width: 64,
      outputStride: 32,
      neck: 'fpn',
      fpnIn: ['C2', 'C3', 'C4', 'C5'],
      fpnChannels: 256,
      fpnNorm: 'none',
      fpnUpsample: 'nearest2x',
      extra: 'maxpool',
      anchorSizes: [32, 64, 128, 256, 512],
      anchorScales: [1],
      anchorRatios: [0.5, 1, 2],
      anchorIntSizes: false,
      head: 'fasterrcnn',
      headVersion: 1,
      classes: 81,
      background: 'scores',
      boxFcDim: 1024,
      proposals: 1000,
      transform: 'detectron2',
      minSize: 800,
      maxSize: 1333,
      sizeDivisible: 32
    });
    expect(r.preset).toBe('fasterrcnn_resnet50_fpn');
  });

  it('reports every key of both files, with the file and line it came from', () => {
    const keys = new Set([...leafKeys(fixture(BASE).text), ...leafKeys(fixture(FASTER).text)]);
    const fromFiles = r.report.entries.filter((e) => e.file !== 'detectron2 default').map((e) => e.key);
    expect(new Set(fromFiles)).toEqual(keys);
    expect(r.report.files).toEqual([BASE, FASTER]);
    expect(entry(r.report, 'MODEL.RESNETS.DEPTH')).toMatchObject({
      outcome: 'mapped',
      file: FASTER,
      line: 6,
      detail: 'depth=50'
    });
    expect(entry(r.report, 'MODEL.FPN.IN_FEATURES')).toMatchObject({
      outcome: 'mapped',
      file: BASE,
      line: 8
    });
    expect(entry(r.report, 'SOLVER.BASE_LR').outcome).toBe('ignored');
    expect(entry(r.report, 'MODEL.WEIGHTS').detail).toContain('weights are not loaded');
    expect(entry(r.report, 'MODEL.ROI_MASK_HEAD.NUM_CONV').detail).toContain('MASK_ON is False');
    // Defaults the mapping relied on are named as such.
    expect(entry(r.report, 'MODEL.RESNETS.STRIDE_IN_1X1')).toMatchObject({
      file: 'detectron2 default',
      value: 'True',
      outcome: 'mapped'
    });
    expect(entry(r.report, 'MODEL.ROI_HEADS.NUM_CLASSES')).toMatchObject({
      file: 'detectron2 default',
      value: '80'
    });
    expect(r.report.entries.some((e) => e.outcome === 'refused')).toBe(false);
  });

  it("has torchvision's published fasterrcnn_resnet50_fpn count with detectron2's box predictor", () => {
    // 41,755,286 (torchvision, 91 classes) - 466,375 + 411,025 = 41,699,936. The placement
    // (stride on the 1x1) and the x2 top-down path change no parameter.
    const a = analyze(r.config, r.input);
    expect(a.result.totals.params).toBe(41_755_286 - TV_BOX_PREDICTOR + D2_BOX_PREDICTOR);
    expect(a.result.totals.params).toBe(41_699_936);
  });

  it('resizes as ResizeShortestEdge: 375x500 -> 800x1067 (int(1066.67 + 0.5)), padded to 800x1088', () => {
    const a = analyze(r.config, [375, 500]);
    expect(transformSizes(a)).toEqual({ image: [375, 500], resized: [800, 1067], padded: [800, 1088] });
  });
});

describe('mask_rcnn_R_50_FPN_1x.yaml', () => {
  const r = imported(importFixtures(BASE, MASK));
  it('MASK_ON: the mask head of Base-RCNN-FPN (4 convs, 14x14), D from TEST.DETECTIONS_PER_IMAGE', () => {
    expect(r.config).toMatchObject({
      head: 'maskrcnn',
      maskConvDim: 256,
      detections: 100,
      classes: 81,
      background: 'scores'
    });
    expect(entry(r.report, 'MODEL.ROI_MASK_HEAD.NUM_CONV').outcome).toBe('mapped');
  });
  it("has torchvision's published maskrcnn_resnet50_fpn count with detectron2's predictors", () => {
    // 44,401,393 - 466,375 + 411,025, and mask logits Conv2d(256, 80, 1) instead of (256, 91, 1).
    const tvMask = 256 * 91 + 91;
    const d2Mask = 256 * 80 + 80;
    const a = analyze(r.config, r.input);
    expect(a.result.totals.params).toBe(44_401_393 - TV_BOX_PREDICTOR + D2_BOX_PREDICTOR - tvMask + d2Mask);
  });
});

describe('MODEL.BACKBONE.FREEZE_AT', () => {
  const frozenAt3 = loadFixture<{ detectors: Record<string, Record<string, { frozen: number }>> }>(
    'trainable_params'
  ).detectors.fasterrcnn_resnet50_fpn['3'].frozen;

  it("the default 2 freezes torchvision's trainable_backbone_layers=3 worth of FrozenBN ResNet-50", () => {
    // Where the stride sits does not change the counts: the frozen convs are torchvision's.
    const r = imported(importFixtures(BASE, FASTER));
    expect(entry(r.report, 'MODEL.BACKBONE.FREEZE_AT')).toMatchObject({
      outcome: 'mapped',
      detail: 'trainableLayers=3 (the stem and C2 (layer1) are frozen)'
    });
    const t = analyze(r.config, r.input).result.totals;
    expect(t.params - t.trainable).toBe(frozenAt3);
  });
});

describe('faster_rcnn_X_101_32x8d_FPN_3x.yaml', () => {
  const r = imported(importFixtures(BASE, X101));
  it('NUM_GROUPS, WIDTH_PER_GROUP and STRIDE_IN_1X1: False (a C2 model) map to torchvision placement', () => {
    expect(r.config).toMatchObject({
      depth: 101,
      groups: 32,
      widthPerGroup: 8,
      style: 'torchvision',
      stemPool: 'auto',
      norm: 'frozen'
    });
    expect(entry(r.report, 'MODEL.RESNETS.STRIDE_IN_1X1')).toMatchObject({ file: X101, line: 7 });
    expect(entry(r.report, 'MODEL.PIXEL_STD').outcome).toBe('ignored');
  });
  it("has torchvision's resnext101_32x8d trunk: published 88,791,336 less its fc and BatchNorm affine", () => {
    // resnext101_32x8d BN channels: 64 + 3x768+256 + 4x1536+512 + 23x3072+1024 + 3x6144+2048 = 101,440.
    const x101Body = 88_791_336 - (2048 * 1000 + 1000) - 2 * 101_440;
    // resnet50 BN channels: 64 + 1408 + 3584 + 10240 + 11264 = 26,560.
    const r50Body = 25_557_032 - (2048 * 1000 + 1000) - 2 * 26_560;
    const a = analyze(r.config, r.input);
    expect(a.result.totals.params).toBe(41_699_936 - r50Body + x101Body);
  });
});

describe('retinanet_R_50_FPN_1x.yaml on Base-RetinaNet.yaml', () => {
  const r = imported(importFixtures(RETINA_BASE, RETINA));
  it('evaluates the !!python/object/apply:eval anchor sizes in the safe subset', () => {
    expect(r.config.anchorSizes).toEqual([32, 64, 128, 256, 512]);
    expect(r.config.anchorScales.map((s) => +s.toFixed(9))).toEqual([1, 1.25992105, 1.587401052]);
    expect(r.config.anchorIntSizes).toBe(false);
    const sizes = entry(r.report, 'MODEL.ANCHOR_GENERATOR.SIZES');
    expect(sizes).toMatchObject({ outcome: 'mapped', file: RETINA_BASE, line: 8 });
    expect(sizes.value).toMatch(/^\[\[32, 40\.317/);
  });
  it('P6 and P7 by convs on res5 (LastLevelP6P7 on C5), P3-P5 from res3-res5, 80 classes', () => {
    expect(r.config).toMatchObject({
      head: 'retinanet',
      headVersion: 1,
      classes: 80,
      fpnIn: ['C3', 'C4', 'C5'],
      extra: 'p6p7',
      p6From: 'C5',
      p7Relu: true,
      style: 'caffe',
      norm: 'frozen'
    });
  });
  it("has torchvision's published retinanet_resnet50_fpn count with P6 on C5 and 80 classes", () => {
    // 34,014,999 (P6 = Conv2d(256, 256, 3) on P5, 9 x 91 logits) - Conv2d(256, 819, 3) + Conv2d(256, 720, 3)
    // - Conv2d(256, 256, 3) + Conv2d(2048, 256, 3).
    const conv3 = (i: number, o: number) => i * 9 * o + o;
    const want = 34_014_999 - conv3(256, 819) + conv3(256, 720) - conv3(256, 256) + conv3(2048, 256);
    expect(analyze(r.config, r.input).result.totals.params).toBe(want);
    expect(want).toBe(37_915_572);
  });
});
