/**
 * MMDetection imports: `model = dict(...)` after its `_base_` files are merged (the model zoo's Faster
 * R-CNN and RetinaNet configs). Expected values are read off the config text by hand; parameter counts
 * are torchvision's published figures adjusted by hand for what mmdet builds.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { entry, imported, importFixtures } from './import-fixtures';
import { loadFixture } from './golden-fixture';
import { FASTER, FASTER_BASE } from './import-zoo-files';

const FASTER_CAFFE = 'mmdet/faster_rcnn/faster-rcnn_r50-caffe_fpn_1x_coco.py';
const RETINA_BASE = 'mmdet/_base_/models/retinanet_r50_fpn.py';
const RETINA = 'mmdet/retinanet/retinanet_r50_fpn_1x_coco.py';
const RETINA_X101 = 'mmdet/retinanet/retinanet_x101-32x4d_fpn_1x_coco.py';

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
