/**
 * MMDetection / MMSegmentation imports: `model = dict(...)` after its `_base_` files are merged.
 * Expected values are read off the config text by hand; parameter counts are torchvision's published
 * figures (or the PSPNet golden fixture, from PyTorch) adjusted by hand for what mmdet builds.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { importConfig } from '../../src/lib/import';
import { entry, fixture, imported, importFixtures, paste } from './import-fixtures';
import { loadFixture } from './golden-fixture';

const FASTER_BASE = 'mmdet/_base_/models/faster-rcnn_r50_fpn.py';
const FASTER = 'mmdet/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py';
const FASTER_CAFFE = 'mmdet/faster_rcnn/faster-rcnn_r50-caffe_fpn_1x_coco.py';
const RETINA_BASE = 'mmdet/_base_/models/retinanet_r50_fpn.py';
const RETINA = 'mmdet/retinanet/retinanet_r50_fpn_1x_coco.py';
const RETINA_X101 = 'mmdet/retinanet/retinanet_x101-32x4d_fpn_1x_coco.py';
const PSP_BASE = 'mmseg/_base_/models/pspnet_r50-d8.py';
const PSP = 'mmseg/pspnet/pspnet_r50-d8_4xb2-40k_cityscapes-512x1024.py';
const DEEPLAB_BASE = 'mmseg/_base_/models/deeplabv3_r50-d8.py';
const DEEPLAB = 'mmseg/deeplabv3/deeplabv3_r50-d8_4xb2-40k_cityscapes-512x1024.py';

/** resnet50's BatchNorm channels (64 + 1408 + 3584 + 10240 + 11264): mmdet's BN affine is learnable. */
const R50_BN_AFFINE = 2 * 26_560;
const TV_BOX_PREDICTOR = 1024 * 91 + 91 + (1024 * 364 + 364);
const MM_BOX_PREDICTOR = 1024 * 81 + 81 + (1024 * 320 + 320);
const conv3 = (i: number, o: number) => i * 9 * o + o;

describe('faster-rcnn_r50_fpn_1x_coco.py on _base_/models/faster-rcnn_r50_fpn.py', () => {
  const r = imported(importFixtures(FASTER_BASE, FASTER));

  it('maps backbone, neck, RPN, anchors and RoI head from the text', () => {
    expect(r.config).toMatchObject({
      depth: 50,
      style: 'torchvision',
      stemPool: 'auto',
      stem: 'standard',
      avgDown: false,
      norm: 'bn',
      outputStride: 32,
      neck: 'fpn',
      fpnIn: ['C2', 'C3', 'C4', 'C5'],
      fpnChannels: 256,
      fpnUpsample: 'nearest',
      fpnNorm: 'none',
      extra: 'maxpool',
      // AnchorGenerator: base size = stride, x scale 8: 4 x 8 = 32 ... 64 x 8 = 512.
      anchorSizes: [32, 64, 128, 256, 512],
      anchorScales: [1],
      anchorRatios: [0.5, 1, 2],
      head: 'fasterrcnn',
      classes: 81,
      background: 'scores',
      boxFcDim: 1024,
      proposals: 1000,
      transform: 'none'
    });
    expect(r.input).toEqual([800, 1344]);
    expect(r.preset).toBe('fasterrcnn_resnet50_fpn');
  });

  it('says the dataset, schedule and runtime bases were not given and not needed', () => {
    expect(r.report.notes.filter((n) => n.includes('was not given'))).toHaveLength(3);
    expect(r.report.files).toEqual([FASTER_BASE, FASTER]);
    expect(entry(r.report, 'model.backbone.depth')).toMatchObject({
      file: FASTER_BASE,
      line: 12,
      outcome: 'mapped'
    });
    expect(entry(r.report, 'model.train_cfg.rpn.sampler.num').outcome).toBe('ignored');
  });

  it('frozen_stages=1 freezes the stem and layer1: trainableLayers=3, as torchvision with weights', () => {
    expect(entry(r.report, 'model.backbone.frozen_stages')).toMatchObject({
      outcome: 'mapped',
      detail: 'trainableLayers=3 (the stem and C2 (layer1) are frozen)'
    });
    expect(r.config.trainableLayers).toBe(3);
    // BatchNorm2d here (mmdet's norm_cfg BN), so bn1 and layer1's BN are frozen parameters too: the
    // same 225,344 as torchvision's BN backbone at 3 (trainable_params.json).
    const t = analyze(r.config, r.input).result.totals;
    expect(t.params - t.trainable).toBe(
      loadFixture<{ backbones: Record<string, { layers: Record<string, { frozen: number }> }> }>(
        'trainable_params'
      ).backbones.fasterrcnn_resnet50_fpn_backbone.layers['3'].frozen
    );
  });

  it("has torchvision's fasterrcnn_resnet50_fpn count with learnable BatchNorm and mmdet's box predictor", () => {
    // 41,755,286 + 53,120 (BN affine, FrozenBatchNorm2d has none) - 466,375 + 411,025.
    const a = analyze(r.config, r.input);
    expect(a.result.totals.params).toBe(41_755_286 + R50_BN_AFFINE - TV_BOX_PREDICTOR + MM_BOX_PREDICTOR);
  });

  it("style='caffe' over two bases: stride on the 1x1, mmcv's 3x3/2 pad-1 stem pool, same parameters", () => {
    const caffe = imported(importFixtures(FASTER_BASE, FASTER, FASTER_CAFFE));
    expect(caffe.config).toMatchObject({ style: 'caffe', stemPool: 'torch', norm: 'bn' });
    expect(caffe.report.files).toEqual([FASTER_BASE, FASTER, FASTER_CAFFE]);
    expect(entry(caffe.report, 'model.backbone.style')).toMatchObject({
      file: FASTER_CAFFE,
      value: "'caffe'"
    });
    // The child's norm_cfg=dict(requires_grad=False) merges into the base's dict: type stays 'BN'.
    expect(entry(caffe.report, 'model.backbone.norm_cfg.type')).toMatchObject({
      file: FASTER_BASE,
      value: "'BN'"
    });
    expect(entry(caffe.report, 'model.backbone.norm_cfg.requires_grad')).toMatchObject({
      file: FASTER_CAFFE,
      value: 'False'
    });
    expect(analyze(caffe.config, caffe.input).result.totals.params).toBe(
      analyze(r.config, r.input).result.totals.params
    );
  });
});

describe('retinanet_r50_fpn_1x_coco.py', () => {
  const r = imported(importFixtures(RETINA_BASE, RETINA));

  it("start_level=1, add_extra_convs='on_input', relu_before_extra_convs defaulting to False", () => {
    expect(r.config).toMatchObject({
      head: 'retinanet',
      classes: 80,
      fpnIn: ['C3', 'C4', 'C5'],
      extra: 'p6p7',
      p6From: 'C5',
      p7Relu: false,
      // octave_base_scale 4 x 2^(i/3), i = 0..2, on base sizes 8..128 (the strides).
      anchorSizes: [32, 64, 128, 256, 512],
      anchorRatios: [0.5, 1, 2],
      anchorIntSizes: false
    });
    expect(r.config.anchorScales.map((s) => +s.toFixed(9))).toEqual([1, 1.25992105, 1.587401052]);
    const a = analyze(r.config, r.input);
    expect(a.model.graph.nodes.some((n) => n.id === 'neck/P7/relu')).toBe(false);
  });

  it("has torchvision's retinanet_resnet50_fpn count with P6 on C5, 80 classes and learnable BatchNorm", () => {
    const want =
      34_014_999 - conv3(256, 819) + conv3(256, 720) - conv3(256, 256) + conv3(2048, 256) + R50_BN_AFFINE;
    expect(analyze(r.config, r.input).result.totals.params).toBe(want);
  });

  it('ResNeXt-101 32x4d over it: groups and base_width', () => {
    const x = imported(importFixtures(RETINA_BASE, RETINA, RETINA_X101));
    expect(x.config).toMatchObject({ depth: 101, groups: 32, widthPerGroup: 4, head: 'retinanet' });
  });
});

describe('pspnet_r50-d8 (Cityscapes, 512x1024) with the norm_cfg it defines once and reuses', () => {
  const r = imported(importFixtures(PSP_BASE, PSP));

  it('maps ResNetV1c, the dilations, PSPHead and the auxiliary FCNHead', () => {
    expect(r.config).toMatchObject({
      depth: 50,
      stem: 'deep',
      avgDown: false,
      outputStride: 8,
      norm: 'bn',
      head: 'pspnet',
      bins: [1, 2, 3, 6],
      pspChannels: 512,
      classes: 19,
      aux: true,
      neck: 'none'
    });
    expect(r.preset).toBe('pspnet_r50');
    // norm_cfg = dict(type='SyncBN', ...) on line 2, read through backbone=dict(norm_cfg=norm_cfg).
    expect(entry(r.report, 'model.backbone.norm_cfg.type')).toMatchObject({
      file: PSP_BASE,
      line: 2,
      outcome: 'mapped',
      detail: 'norm=bn'
    });
    expect(entry(r.report, 'norm_cfg.type').detail).toContain('names it uses are read through it');
    // crop_size = (512, 1024) on line 5 of the child, read through data_preprocessor = dict(size=crop_size).
    expect(entry(r.report, 'model.data_preprocessor.size')).toMatchObject({ file: PSP, outcome: 'mapped' });
    expect(r.input).toEqual([512, 1024]);
    expect(r.report.notes.join()).toContain('align_corners=False');
  });

  it('has the PSPNet golden fixture count with the deep stem and 19 classes', () => {
    const fx = loadFixture<{ params: number }>('pspnet_r50');
    // Deep stem: 3x3 convs 3->32, 32->32, 32->64 and their BN (28,768) instead of 7x7 3->64 and BN (9,536).
    const deepStem = 3 * 9 * 32 + 32 * 9 * 32 + 32 * 9 * 64 + 2 * (32 + 32 + 64);
    const stem = 3 * 49 * 64 + 2 * 64;
    // 1x1 classifiers on 512 (head) and 256 (aux) channels, 19 classes instead of 21.
    const classes = (k: number) => 512 * k + k + 256 * k + k;
    const a = analyze(r.config, r.input);
    expect(a.result.totals.params).toBe(fx.params - stem + deepStem - classes(21) + classes(19));
  });
});

describe("deeplabv3_r50-d8 and fcn_r50-d8 (Cityscapes): mmseg's own ASPPHead and FCNHead", () => {
  const FCN_BASE = 'mmseg/_base_/models/fcn_r50-d8.py';
  const FCN = 'mmseg/fcn/fcn_r50-d8_4xb2-40k_cityscapes-512x1024.py';

  it('ASPPHead maps to head=mmseg_aspp with its channels and dilations, every head key in the report', () => {
    const r = imported(importFixtures(DEEPLAB_BASE, DEEPLAB));
    expect(r.config).toMatchObject({
      head: 'mmseg_aspp',
      segChannels: 512,
      asppDilations: [1, 12, 24, 36],
      classes: 19,
      aux: true,
      stem: 'deep',
      outputStride: 8
    });
    expect(entry(r.report, 'model.decode_head.dilations')).toMatchObject({
      file: DEEPLAB_BASE,
      outcome: 'mapped',
      detail: 'asppDilations=1,12,24,36'
    });
    expect(entry(r.report, 'model.decode_head.channels').detail).toBe('segChannels=512');
    const heads = r.report.entries.filter((e) => /^model\.(decode|auxiliary)_head\./.test(e.key));
    expect(heads.every((e) => e.outcome === 'mapped' || e.outcome === 'ignored')).toBe(true);
    expect(heads.map((e) => e.key)).toContain('model.auxiliary_head.num_convs');
  });

  it('FCNHead maps to head=mmseg_fcn (num_convs=2, concat_input=True); the defaults it does not set are named', () => {
    const r = imported(importFixtures(FCN_BASE, FCN));
    expect(r.config).toMatchObject({
      head: 'mmseg_fcn',
      segChannels: 512,
      fcnConvs: 2,
      fcnConcat: true,
      fcnKernel: 3,
      fcnDilation: 1,
      classes: 19,
      aux: true
    });
    expect(entry(r.report, 'model.decode_head.type').detail).toBe(
      "head=mmseg_fcn, fcnKernel=3, fcnDilation=1 (mmseg's defaults)"
    );
  });

  it("opens at the training crop the config's data preprocessor pads to (crop_size, (h, w))", () => {
    const r = imported(importFixtures(DEEPLAB_BASE, DEEPLAB));
    // The child file: crop_size = (512, 1024); data_preprocessor = dict(size=crop_size).
    expect(r.input).toEqual([512, 1024]);
    expect(entry(r.report, 'model.data_preprocessor.size')).toMatchObject({
      outcome: 'mapped',
      file: DEEPLAB
    });
    // The logits are resized to the input: 19 Cityscapes classes at 512 x 1024.
    const a = analyze(r.config, r.input);
    expect(a.result.stats.get(a.model.graph.taps.out)?.shape).toEqual([1, 19, 512, 1024]);
    const ade = imported(
      importFixtures('mmseg/_base_/models/fcn_r50-d8.py', 'mmseg/fcn/fcn_r50-d8_4xb4-80k_ade20k-512x512.py')
    );
    expect(ade.input).toEqual([512, 512]);
    // The base file alone has no size: the nearest preset's input (deeplabv3_resnet50's 520 x 520).
    expect(imported(importFixtures(DEEPLAB_BASE)).input).toEqual([520, 520]);
  });

  it('ADE20K children set 150 classes on both heads', () => {
    for (const m of ['deeplabv3', 'fcn']) {
      const r = imported(
        importFixtures(
          `mmseg/_base_/models/${m}_r50-d8.py`,
          `mmseg/${m}/${m}_r50-d8_4xb4-80k_ade20k-512x512.py`
        )
      );
      expect(r.config.classes).toBe(150);
    }
  });

  it('refuses values the heads cannot take, naming the key and what is allowed', () => {
    const base = fixture(DEEPLAB_BASE).text;
    const bad = paste(base.replace('dilations=(1, 12, 24, 36)', 'dilations=(1, 0)'), 'aspp-bad.py');
    expect(!bad.ok && bad.errors).toEqual([
      'model.decode_head.dilations = (1, 0) cannot be represented: dilations must be 1 to 8 comma-separated integers from 1 to 128'
    ]);
    const fcn = fixture(FCN_BASE).text;
    const k4 = paste(fcn.replace('num_convs=2,', 'num_convs=2,\n        kernel_size=4,'), 'fcn-k4.py');
    expect(!k4.ok && k4.errors).toEqual([
      'model.decode_head.kernel_size = 4 cannot be represented: kernel_size must be one of 1, 3, 5, 7'
    ]);
    const none = paste(fcn.replace('num_convs=2,', 'num_convs=0,'), 'fcn-0.py');
    expect(!none.ok && none.errors).toEqual([
      "model.decode_head.channels = 512 cannot be represented: with num_convs=0 mmseg's FCNHead passes its input on, so channels must be in_channels (2048)"
    ]);
    const aux = paste(
      base.replace('channels=256,\n        num_convs=1,', 'channels=256,\n        num_convs=2,'),
      'aux-2.py'
    );
    expect(!aux.ok && aux.errors.join()).toContain(
      'model.auxiliary_head.num_convs = 2 cannot be represented'
    );
  });
});

const mm = (model: string, extra = '') => paste(`${extra}\nmodel = dict(\n${model})\n`, 'variant.py');
const BACKBONE = `type='ResNet', depth=50`;
const RETINA_HEAD = `bbox_head=dict(type='RetinaHead', num_classes=80, in_channels=256, feat_channels=256,
        anchor_generator=dict(type='AnchorGenerator', octave_base_scale=4, scales_per_octave=3,
            ratios=[0.5, 1.0, 2.0], strides=[8, 16, 32, 64, 128]))`;
const retina = (backbone: string, neck: string) =>
  mm(`type='RetinaNet',
    backbone=dict(${backbone}),
    neck=dict(type='FPN', in_channels=[256, 512, 1024, 2048], out_channels=256, start_level=1, num_outs=5, ${neck}),
    ${RETINA_HEAD}`);
const ok = (r: ReturnType<typeof paste>) => (r.ok ? r.config : r.errors);

describe('every MMDetection backbone and neck key, one variant at a time', () => {
  it.each([
    ["type='ResNetV1d'", `type='ResNetV1d', depth=50`, { stem: 'deep', avgDown: true }],
    [
      "type='ResNetV1c' with avg_down=True",
      `type='ResNetV1c', depth=50, avg_down=True`,
      { stem: 'deep', avgDown: true }
    ],
    ['deep_stem=True on ResNet', `${BACKBONE}, deep_stem=True`, { stem: 'deep', avgDown: false }],
    ['depth=101', `type='ResNet', depth=101`, { depth: 101 }],
    [
      "norm_cfg=dict(type='GN', num_groups=32)",
      `${BACKBONE}, norm_cfg=dict(type='GN', num_groups=32)`,
      { norm: 'gn' }
    ],
    [
      'strides (1, 2, 2, 1), dilations (1, 1, 1, 2), contract_dilation',
      `${BACKBONE}, strides=(1, 2, 2, 1), dilations=(1, 1, 1, 2), contract_dilation=True`,
      { outputStride: 16 }
    ],
    ['in_channels=1', `${BACKBONE}, in_channels=1`, { inChannels: 1 }]
  ])('%s', (_, backbone, want) => {
    expect(ok(retina(backbone, "add_extra_convs='on_input'"))).toMatchObject(want);
  });

  it.each([
    ["add_extra_convs='on_output'", "add_extra_convs='on_output'", { p6From: 'P5', extra: 'p6p7' }],
    ['add_extra_convs=True (mmdet reads it as on_input)', 'add_extra_convs=True', { p6From: 'C5' }],
    [
      'relu_before_extra_convs=True',
      "add_extra_convs='on_input', relu_before_extra_convs=True",
      { p7Relu: true }
    ],
    [
      "upsample_cfg=dict(scale_factor=2, mode='nearest')",
      "add_extra_convs='on_input', upsample_cfg=dict(scale_factor=2, mode='nearest')",
      { fpnUpsample: 'nearest2x' }
    ]
  ])('neck %s', (_, neck, want) => {
    expect(ok(retina(BACKBONE, neck))).toMatchObject(want);
  });

  it('base_channels=32 halves every stage: the FPN then reads 128, 256, 512 and 1024 channels', () => {
    const r = mm(`type='RetinaNet', backbone=dict(${BACKBONE}, base_channels=32),
      neck=dict(type='FPN', in_channels=[128, 256, 512, 1024], out_channels=256, start_level=1, num_outs=5, add_extra_convs='on_input'),
      ${RETINA_HEAD}`);
    expect(ok(r)).toMatchObject({ width: 32 });
  });

  it("norm_cfg=dict(type='BN') on an FPN without extra convs: fpnNorm=bn", () => {
    const r = paste(
      fixture(FASTER_BASE).text.replace('num_outs=5)', "num_outs=5, norm_cfg=dict(type='BN'))"),
      'faster-bn.py'
    );
    expect(ok(r)).toMatchObject({ fpnNorm: 'bn', extra: 'maxpool' });
  });

  it.each([
    [
      "type='ResNeSt'",
      `type='ResNeSt', depth=50`,
      "model.backbone.type = 'ResNeSt' is not a backbone ArchScope builds: use ResNet, ResNetV1c, ResNetV1d or ResNeXt"
    ],
    [
      'depth=200',
      `type='ResNet', depth=200`,
      'model.backbone.depth = 200 is not a ResNet depth ArchScope builds: use 18, 34, 50, 101, 152'
    ],
    [
      'dilations without contract_dilation',
      `${BACKBONE}, strides=(1, 2, 1, 1), dilations=(1, 1, 2, 4)`,
      'without contract_dilation=True the first unit of a dilated stage takes the full dilation'
    ],
    [
      'strides ArchScope has no output stride for',
      `${BACKBONE}, strides=(1, 1, 2, 2)`,
      'cannot be represented: ArchScope builds (1,2,2,2) with (1,1,1,1)'
    ],
    [
      "norm_cfg=dict(type='GN', num_groups=16)",
      `${BACKBONE}, norm_cfg=dict(type='GN', num_groups=16)`,
      'ArchScope builds GroupNorm with 32 groups'
    ],
    [
      "norm_cfg=dict(type='LN')",
      `${BACKBONE}, norm_cfg=dict(type='LN')`,
      "model.backbone.norm_cfg.type = 'LN' is not a norm ArchScope builds"
    ],
    [
      'dcn',
      `${BACKBONE}, dcn=dict(type='DCN'), stage_with_dcn=(False, True, True, True)`,
      'ArchScope has no deformable convolutions'
    ],
    [
      'frozen_stages=5',
      `${BACKBONE}, frozen_stages=5`,
      'model.backbone.frozen_stages = 5 must be an integer from -1 (nothing frozen) to 4 (the stem and all four stages)'
    ],
    [
      'num_stages=3',
      `${BACKBONE}, num_stages=3, out_indices=(0, 1, 2)`,
      'model.backbone.num_stages = 3 cannot be represented: ArchScope builds four stages'
    ]
  ])('backbone %s is refused', (_, backbone, message) => {
    const r = retina(backbone, "add_extra_convs='on_input'");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(message);
  });

  const FPN = (rest: string) =>
    mm(
      `type='RetinaNet', backbone=dict(${BACKBONE}), neck=dict(type='FPN', out_channels=256, start_level=1, ${rest}), ${RETINA_HEAD}`
    );
  const FULL = 'in_channels=[256, 512, 1024, 2048]';
  it.each([
    [
      "add_extra_convs='on_lateral'",
      `${FULL}, num_outs=5, add_extra_convs='on_lateral'`,
      "model.neck.add_extra_convs = 'on_lateral' cannot be represented: ArchScope takes P6 from the input"
    ],
    [
      'num_outs=6 with extra convs',
      `${FULL}, num_outs=6, add_extra_convs='on_input'`,
      'ArchScope adds exactly two conv levels'
    ],
    [
      "norm_cfg=dict(type='BN') with extra convs",
      `${FULL}, num_outs=5, add_extra_convs='on_input', norm_cfg=dict(type='BN')`,
      "ArchScope's P6 and P7 convs have no norm"
    ],
    [
      "upsample_cfg=dict(mode='bicubic')",
      `${FULL}, num_outs=5, add_extra_convs='on_input', upsample_cfg=dict(mode='bicubic')`,
      'model.neck.upsample_cfg'
    ],
    [
      'in_channels that are not the backbone outputs',
      "in_channels=[64, 128, 256, 512], num_outs=5, add_extra_convs='on_input'",
      "does not match the backbone's outputs"
    ]
  ])('neck %s is refused', (_, neck, message) => {
    const r = FPN(neck);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(message);
  });

  it('scales and strides of the anchor generator are checked against the pyramid', () => {
    const r = paste(
      fixture(FASTER_BASE).text.replace('strides=[4, 8, 16, 32, 64]', 'strides=[8, 16, 32, 64, 128]'),
      'bad-strides.py'
    );
    expect(!r.ok && r.errors.join()).toContain("must be the pyramid's strides, 4, 8, 16, 32, 64");
  });

  it('a Mask R-CNN: FCNMaskHead with K masks, D from test_cfg.rcnn.max_per_img', () => {
    const mask = fixture(FASTER_BASE)
      .text.replace("type='FasterRCNN'", "type='MaskRCNN'")
      .replace(
        "            loss_bbox=dict(type='L1Loss', loss_weight=1.0))),",
        `            loss_bbox=dict(type='L1Loss', loss_weight=1.0)),
        mask_roi_extractor=dict(type='SingleRoIExtractor', roi_layer=dict(type='RoIAlign', output_size=14, sampling_ratio=0),
            out_channels=256, featmap_strides=[4, 8, 16, 32]),
        mask_head=dict(type='FCNMaskHead', num_convs=4, in_channels=256, conv_out_channels=256, num_classes=80)),`
      );
    const r = paste(mask, 'mask-rcnn.py');
    expect(ok(r)).toMatchObject({
      head: 'maskrcnn',
      maskConvDim: 256,
      classes: 81,
      background: 'scores',
      detections: 100
    });
  });

  it("an MMSegmentation FCNHead of torchvision's design maps to head=mmseg_fcn too (mmseg's module names)", () => {
    const psp = fixture(PSP_BASE).text;
    const fcn = psp
      .replace("type='PSPHead'", "type='FCNHead'")
      .replace(
        '        channels=512,\n        pool_scales=(1, 2, 3, 6),',
        '        channels=512,\n        num_convs=1,\n        concat_input=False,'
      );
    expect(ok(paste(fcn, 'fcn.py'))).toMatchObject({
      head: 'mmseg_fcn',
      fcnConvs: 1,
      fcnConcat: false,
      aux: true,
      classes: 19
    });
  });

  it('PSPHead channels other than C5 / bins are refused; no auxiliary head maps to aux=false', () => {
    const psp = fixture(PSP_BASE).text;
    const wide = paste(
      psp.replace('        channels=512,\n        pool_scales', '        channels=256,\n        pool_scales'),
      'psp-256.py'
    );
    expect(!wide.ok && wide.errors.join()).toContain(
      "model.decode_head.channels = 256 cannot be represented: ArchScope's pooling branches have C5 / 4 = 512 channels"
    );
    const noAux = paste(
      psp.replace(/ {4}auxiliary_head=dict\([\s\S]*?loss_weight=0\.4\)\),\n/, ''),
      'psp-noaux.py'
    );
    expect(ok(noAux)).toMatchObject({ aux: false, head: 'pspnet' });
  });

  it('model.type other than a detector or EncoderDecoder is refused, listing what works', () => {
    const r = mm("type='CascadeRCNN', backbone=dict(type='ResNet', depth=50)");
    expect(!r.ok && r.errors[0]).toBe(
      "model.type = 'CascadeRCNN' is not a model ArchScope builds: use FasterRCNN, MaskRCNN, RetinaNet (MMDetection) or EncoderDecoder (MMSegmentation)"
    );
  });
});

describe('_base_ chains', () => {
  it('the child without its model base says which file is missing, with the line naming it', () => {
    const r = importFixtures(FASTER);
    expect(!r.ok && r.errors[0]).toBe(
      '"faster-rcnn_r50_fpn_1x_coco.py", line 1 names the base "../_base_/models/faster-rcnn_r50_fpn.py", which is missing: add that file too (drop it, or give another --from)'
    );
  });
  it("a child's _delete_=True replaces the base's dict instead of merging into it", () => {
    const child = `_base_ = './faster-rcnn_r50_fpn.py'
model = dict(backbone=dict(_delete_=True, type='ResNetV1d', depth=101))`;
    const r = importConfig([
      { name: 'mmdet/_base_/models/faster-rcnn_r50_fpn.py', text: fixture(FASTER_BASE).text },
      { name: 'mmdet/_base_/models/child.py', text: child }
    ]);
    const cfg = imported(r);
    expect(cfg.config).toMatchObject({ depth: 101, stem: 'deep', avgDown: true });
    // The base's frozen_stages, norm_cfg, init_cfg ... are gone with the deleted dict.
    expect(cfg.report.entries.some((e) => e.key === 'model.backbone.frozen_stages')).toBe(false);
  });
});
