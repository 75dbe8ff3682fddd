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
import { entry, fixture, imported, importFixtures, paste } from './import-fixtures';

const BASE = 'detectron2/Base-RCNN-FPN.yaml';
const FASTER = 'detectron2/COCO-Detection/faster_rcnn_R_50_FPN_1x.yaml';
const MASK = 'detectron2/COCO-InstanceSegmentation/mask_rcnn_R_50_FPN_1x.yaml';
const X101 = 'detectron2/COCO-Detection/faster_rcnn_X_101_32x8d_FPN_3x.yaml';
const RETINA_BASE = 'detectron2/Base-RetinaNet.yaml';
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

/** A Base-RCNN-FPN variant: the base text with MODEL overrides appended under a child file. */
const child = (model: string, extra = '') => `_BASE_: "../Base-RCNN-FPN.yaml"\nMODEL:\n${model}\n${extra}`;
const withBase = (text: string) => [fixture(BASE), { name: 'detectron2/COCO-Detection/variant.yaml', text }];
const { importConfig } = await import('../../src/lib/import');

describe('every detectron2 key, one variant at a time', () => {
  it.each([
    ['RESNETS.RES5_DILATION: 2', '  RESNETS:\n    RES5_DILATION: 2', { outputStride: 16 }],
    ['RESNETS.NORM: "GN"', '  RESNETS:\n    NORM: "GN"', { norm: 'gn' }],
    ['RESNETS.NORM: "SyncBN"', '  RESNETS:\n    NORM: "SyncBN"', { norm: 'bn' }],
    [
      'RESNETS.DEPTH: 34 with RES2_OUT_CHANNELS: 64',
      '  RESNETS:\n    DEPTH: 34\n    RES2_OUT_CHANNELS: 64',
      { depth: 34, width: 64 }
    ],
    [
      'RES2_OUT_CHANNELS: 512, STEM_OUT_CHANNELS: 128 (a wider trunk)',
      '  RESNETS:\n    RES2_OUT_CHANNELS: 512\n    STEM_OUT_CHANNELS: 128',
      // bottleneck width NUM_GROUPS x WIDTH_PER_GROUP = 64 = floor(128 x 32 / 64).
      { width: 128, widthPerGroup: 32 }
    ],
    // FREEZE_AT counts frozen parts from the stem, trainableLayers trainable ones from res5: 5 - FREEZE_AT.
    ['BACKBONE.FREEZE_AT: 0 (nothing frozen)', '  BACKBONE:\n    FREEZE_AT: 0', { trainableLayers: 5 }],
    ['BACKBONE.FREEZE_AT: 5 (the whole trunk)', '  BACKBONE:\n    FREEZE_AT: 5', { trainableLayers: 0 }],
    ['FPN.OUT_CHANNELS: 128', '  FPN:\n    OUT_CHANNELS: 128', { fpnChannels: 128 }],
    ['FPN.NORM: "BN"', '  FPN:\n    NORM: "BN"', { fpnNorm: 'bn' }],
    [
      'ANCHOR_GENERATOR.SIZES: one list for every level',
      '  ANCHOR_GENERATOR:\n    SIZES: [[32, 64]]',
      { anchorSizes: [32, 32, 32, 32, 32], anchorScales: [1, 2] }
    ],
    [
      'ANCHOR_GENERATOR.ASPECT_RATIOS: [[1.0]]',
      '  ANCHOR_GENERATOR:\n    ASPECT_RATIOS: [[1.0]]',
      { anchorRatios: [1] }
    ],
    ['RPN.POST_NMS_TOPK_TEST: 300', '  RPN:\n    POST_NMS_TOPK_TEST: 300', { proposals: 300 }],
    ['ROI_HEADS.NUM_CLASSES: 20', '  ROI_HEADS:\n    NUM_CLASSES: 20', { classes: 21, background: 'scores' }],
    ['ROI_BOX_HEAD.FC_DIM: 512', '  ROI_BOX_HEAD:\n    FC_DIM: 512', { boxFcDim: 512 }],
    [
      'KEYPOINT_ON with NUM_KEYPOINTS',
      '  KEYPOINT_ON: True\n  ROI_HEADS:\n    NUM_CLASSES: 1\n  ROI_KEYPOINT_HEAD:\n    NUM_KEYPOINTS: 14',
      { head: 'keypointrcnn', keypoints: 14, classes: 2, keypointConvDim: 512 }
    ],
    [
      'INPUT.MIN_SIZE_TEST / MAX_SIZE_TEST',
      '  RESNETS:\n    DEPTH: 50',
      { minSize: 600, maxSize: 1000 },
      'INPUT:\n  MIN_SIZE_TEST: 600\n  MAX_SIZE_TEST: 1000'
    ],
    [
      'INPUT.MIN_SIZE_TEST: 0 (no resize)',
      '  RESNETS:\n    DEPTH: 50',
      { transform: 'none' },
      'INPUT:\n  MIN_SIZE_TEST: 0'
    ],
    [
      'a tuple written as yacs reads it',
      '  RESNETS:\n    OUT_FEATURES: ("res2", "res3", "res4", "res5")',
      { fpnIn: ['C2', 'C3', 'C4', 'C5'] }
    ]
  ])('%s', (_, model, want, extra = '') => {
    const r = importConfig(withBase(child(model, extra)));
    expect(r.ok ? r.config : r.errors).toMatchObject(want);
  });

  it.each([
    [
      'META_ARCHITECTURE: "SemanticSegmentor"',
      '  META_ARCHITECTURE: "SemanticSegmentor"',
      "MODEL.META_ARCHITECTURE = 'SemanticSegmentor' is not modelled: ArchScope reads GeneralizedRCNN"
    ],
    [
      'ROI_HEADS.NAME: "Res5ROIHeads"',
      '  ROI_HEADS:\n    NAME: "Res5ROIHeads"',
      "MODEL.ROI_HEADS.NAME = 'Res5ROIHeads' is not modelled"
    ],
    [
      'RESNETS.RES5_DILATION: 4',
      '  RESNETS:\n    RES5_DILATION: 4',
      'MODEL.RESNETS.RES5_DILATION = 4 cannot be represented: use 1 (output stride 32) or 2'
    ],
    [
      'BACKBONE.FREEZE_AT: 6',
      '  BACKBONE:\n    FREEZE_AT: 6',
      'MODEL.BACKBONE.FREEZE_AT = 6 must be an integer from 0 (nothing frozen) to 5 (the stem and res2..res5)'
    ],
    [
      'RESNETS.DEPTH: 200',
      '  RESNETS:\n    DEPTH: 200',
      'MODEL.RESNETS.DEPTH = 200 is not a ResNet depth ArchScope builds: use 18, 34, 50, 101 or 152'
    ],
    [
      'RESNETS.NORM: "LN"',
      '  RESNETS:\n    NORM: "LN"',
      "MODEL.RESNETS.NORM = 'LN' is not a backbone norm ArchScope builds: use FrozenBN, BN, SyncBN or GN"
    ],
    [
      'STEM_OUT_CHANNELS: 32',
      '  RESNETS:\n    STEM_OUT_CHANNELS: 32',
      "MODEL.RESNETS.STEM_OUT_CHANNELS = 32 cannot be represented: ArchScope's stem has as many channels as the base width (64"
    ],
    [
      'OUT_FEATURES without res5',
      '  RESNETS:\n    OUT_FEATURES: ["res2", "res3", "res4"]\n  FPN:\n    IN_FEATURES: ["res2", "res3", "res4"]',
      "MODEL.RESNETS.OUT_FEATURES = ['res2', 'res3', 'res4'] cannot be represented: detectron2 then builds no res5"
    ],
    [
      'DEFORM_ON_PER_STAGE',
      '  RESNETS:\n    DEFORM_ON_PER_STAGE: [False, True, True, True]',
      'cannot be represented: ArchScope has no deformable convolutions'
    ],
    ['FPN.NORM: "GN"', '  FPN:\n    NORM: "GN"', "MODEL.FPN.NORM = 'GN' cannot be represented"],
    [
      'FPN.FUSE_TYPE: "avg"',
      '  FPN:\n    FUSE_TYPE: "avg"',
      "MODEL.FPN.FUSE_TYPE = 'avg' cannot be represented"
    ],
    [
      'SIZES with other ratios per level',
      '  ANCHOR_GENERATOR:\n    SIZES: [[32, 64], [64, 256], [128], [256], [512]]',
      'MODEL.ANCHOR_GENERATOR.SIZES = [[32, 64], [64, 256]'
    ],
    [
      'ASPECT_RATIOS per level that differ',
      '  ANCHOR_GENERATOR:\n    ASPECT_RATIOS: [[0.5], [1.0], [2.0], [1.0], [1.0]]',
      'ArchScope uses the same aspect ratios on every level'
    ],
    [
      'ANCHOR_GENERATOR.OFFSET: 0.5',
      '  ANCHOR_GENERATOR:\n    OFFSET: 0.5',
      'MODEL.ANCHOR_GENERATOR.OFFSET = 0.5 cannot be represented'
    ],
    [
      'RPN.IN_FEATURES without p6',
      '  RPN:\n    IN_FEATURES: ["p2", "p3", "p4", "p5"]',
      'ArchScope runs the RPN head on p2, p3, p4, p5, p6'
    ],
    [
      'RPN.CONV_DIMS: [-1, -1]',
      '  RPN:\n    CONV_DIMS: [-1, -1]',
      'MODEL.RPN.CONV_DIMS = [-1, -1] cannot be represented'
    ],
    [
      'ROI_BOX_HEAD.NUM_CONV: 4',
      '  ROI_BOX_HEAD:\n    NUM_CONV: 4\n    NUM_FC: 1',
      'MODEL.ROI_BOX_HEAD.NUM_FC = 1 cannot be represented with NUM_CONV=4'
    ],
    [
      'ROI_BOX_HEAD.POOLER_RESOLUTION: 14',
      '  ROI_BOX_HEAD:\n    POOLER_RESOLUTION: 14',
      "MODEL.ROI_BOX_HEAD.POOLER_RESOLUTION = 14 cannot be represented: ArchScope's box RoIAlign pools 7x7"
    ],
    [
      'CLS_AGNOSTIC_BBOX_REG: True',
      '  ROI_BOX_HEAD:\n    CLS_AGNOSTIC_BBOX_REG: True',
      'ArchScope regresses boxes per class'
    ],
    [
      'MASK_ON and KEYPOINT_ON',
      '  MASK_ON: True\n  KEYPOINT_ON: True',
      'cannot be represented together with MASK_ON'
    ]
  ])('%s is refused, naming the key, the value and what works', (_, model, message) => {
    const r = importConfig(withBase(child(model)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(message);
  });

  it('RETINANET.NUM_CLASSES and NUM_CONVS; NORM "GN" is refused (detectron2 keeps the biased convs)', () => {
    const retina = (model: string) =>
      importConfig([
        fixture(RETINA_BASE),
        { name: 'detectron2/x/variant.yaml', text: `_BASE_: "../Base-RetinaNet.yaml"\nMODEL:\n${model}` }
      ]);
    const ok = retina('  RETINANET:\n    NUM_CLASSES: 20\n    NUM_CONVS: 4');
    expect(ok.ok && ok.config.classes).toBe(20);
    const bad = retina('  RETINANET:\n    NORM: "GN"');
    expect(!bad.ok && bad.errors.join()).toContain("MODEL.RETINANET.NORM = 'GN' cannot be represented");
    const convs = retina('  RETINANET:\n    NUM_CONVS: 2');
    expect(!convs.ok && convs.errors.join()).toContain('MODEL.RETINANET.NUM_CONVS = 2 cannot be represented');
  });

  it('a pasted config without its base says which file is missing', () => {
    const r = paste(fixture(FASTER).text);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toBe(
        '"pasted config" names the base "../Base-RCNN-FPN.yaml", which is missing: add that file too (drop it, or give another --from)'
      );
  });
});
