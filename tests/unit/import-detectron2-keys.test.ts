/**
 * detectron2 YAML imports, one key at a time: Base-RCNN-FPN.yaml with MODEL overrides in a child file,
 * each mapped, refused or ignored with its reason. The model zoo's configs themselves are in
 * import-detectron2.test.ts. Expected values are read off the config text and detectron2's
 * defaults.py by hand.
 */
import { describe, expect, it } from 'vitest';
import { importConfig } from '../../src/lib/import';
import { fixture, paste } from './import-fixtures';
import { D2_BASE as BASE, D2_FASTER as FASTER, D2_RETINA_BASE as RETINA_BASE } from './import-zoo-files';

/** A Base-RCNN-FPN variant: the base text with MODEL overrides appended under a child file. */
const child = (model: string, extra = '') => `_BASE_: "../Base-RCNN-FPN.yaml"\nMODEL:\n${model}\n${extra}`;
const withBase = (text: string) => [fixture(BASE), { name: 'detectron2/COCO-Detection/variant.yaml', text }];

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
