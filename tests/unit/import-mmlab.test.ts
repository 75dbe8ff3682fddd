/**
 * MMDetection / MMSegmentation configs varied one key at a time (pasted variants of a small model), and
 * `_base_` chains. The model zoo's configs themselves are in import-mmdet and import-mmseg.test.ts.
 * Expected values are read off the config text by hand.
 */
import { describe, expect, it } from 'vitest';
import { importConfig } from '../../src/lib/import';
import { fixture, imported, importFixtures, paste } from './import-fixtures';
import { FASTER, FASTER_BASE } from './import-zoo-files';

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
