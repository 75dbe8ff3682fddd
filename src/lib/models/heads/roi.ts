/**
 * torchvision's RoIHeads. MultiScaleRoIAlign pools R proposals per image (the `proposals` key) from
 * the pyramid's stage levels (not the extra pool level) into 7x7 boxes, or D detections (the
 * `detections` key) into 14x14 for the mask and keypoint branches; everything after it is
 * [R, C, h, w]. Box head: TwoMLPHead (v1) or FastRCNNConvFCHead with BatchNorm (v2); predictor:
 * FastRCNNPredictor. Mask: MaskRCNNHeads (four 3x3 convs, v2 with BatchNorm) and MaskRCNNPredictor
 * (2x2/2 transposed conv, 1x1 to the classes). Keypoints: eight 3x3 convs of 512, a 4x4/2 transposed
 * conv to the keypoints and a bilinear x2 to 56x56. The widths are torchvision's fixed 1024, 256, 256
 * and 512 by default (keys boxFcDim, boxConvDim, maskConvDim, keypointConvDim, detectron2's names).
 * With background=scores the box deltas and mask logits leave the background class out (detectron2's
 * FastRCNNOutputLayers: Linear(d, K + 1) scores, Linear(d, 4K) deltas; MMDetection's BBoxHead and
 * FCNMaskHead alike), so `classes` is K + 1 there too.
 */
import type { GraphBuilder } from '../../core/graph';
import { conv } from '../../core/layers';
import type { ConvTransposeAttrs } from '../../core/types';
import type { ModelConfig } from '../config';
import { addNorm, type Level } from '../features';
import type { HeadBuilder } from './context';

const BOX_POOL = 7;
const MASK_POOL = 14;
const SAMPLING_RATIO = 2;

function transposed(out: number, k: number, s: number, p: number): ConvTransposeAttrs {
  return {
    outChannels: out,
    kernel: [k, k],
    stride: [s, s],
    padding: [p, p],
    outputPadding: [0, 0],
    bias: true
  };
}

function roiPool(
  b: GraphBuilder,
  id: string,
  levels: Level[],
  size: number,
  source: 'proposals' | 'detections',
  regions: number
): string {
  const attrs = { output: [size, size] as [number, number], samplingRatio: SAMPLING_RATIO, source, regions };
  const tap = id.split('/').pop();
  return b.add(
    id,
    'roialign',
    attrs,
    levels.map((l) => l.node),
    tap
  );
}

/** A 3x3 conv, BatchNorm when `normed` (then the conv has no bias), ReLU; Conv2dNormActivation's modules. */
function convUnit(
  b: GraphBuilder,
  path: string,
  out: number,
  x: string,
  module: string,
  normed: boolean
): string {
  let y = b.add(`${path}/conv`, 'conv2d', conv(out, 3, 1, { bias: !normed }), [x], undefined, `${module}.0`);
  if (normed) y = addNorm(b, 'bn', `${path}/bn`, y, `${module}.1`);
  return b.add(`${path}/relu`, 'relu', {}, [y]);
}

/** Classes of the per-class outputs other than the box scores: background left out with background=scores. */
const perClass = (cfg: ModelConfig) => (cfg.background === 'scores' ? cfg.classes - 1 : cfg.classes);

function boxBranch(b: GraphBuilder, cfg: ModelConfig, pooled: string): void {
  const m = 'roi_heads.box_head';
  let x = pooled;
  if (cfg.headVersion === 2) {
    b.group({ path: 'roi_heads/box_head', label: 'box head (four 3x3 convs with BN, one fc)' });
    for (let i = 0; i < 4; i++)
      x = convUnit(b, `roi_heads/box_head/conv${i + 1}`, cfg.boxConvDim, x, `${m}.${i}`, true);
    x = b.add('roi_heads/box_head/flatten', 'flatten', {}, [x]);
    x = b.add(
      'roi_heads/box_head/fc',
      'linear',
      { outFeatures: cfg.boxFcDim, bias: true },
      [x],
      undefined,
      `${m}.5`
    );
    x = b.add('roi_heads/box_head/relu', 'relu', {}, [x], 'box_head');
  } else {
    b.group({ path: 'roi_heads/box_head', label: 'box head (TwoMLPHead: fc6, fc7)' });
    x = b.add('roi_heads/box_head/flatten', 'flatten', {}, [x]);
    const fc = { outFeatures: cfg.boxFcDim, bias: true };
    x = b.add('roi_heads/box_head/fc6', 'linear', fc, [x], undefined, `${m}.fc6`);
    x = b.add('roi_heads/box_head/relu6', 'relu', {}, [x]);
    x = b.add('roi_heads/box_head/fc7', 'linear', fc, [x], undefined, `${m}.fc7`);
    x = b.add('roi_heads/box_head/relu7', 'relu', {}, [x], 'box_head');
  }
  b.group({ path: 'roi_heads/box_predictor', label: `box predictor (${cfg.classes} classes)` });
  const p = 'roi_heads.box_predictor';
  const cls = { outFeatures: cfg.classes, bias: true };
  const reg = { outFeatures: 4 * perClass(cfg), bias: true };
  b.add('roi_heads/box_predictor/cls_score', 'linear', cls, [x], 'class_logits', `${p}.cls_score`);
  b.add('roi_heads/box_predictor/bbox_pred', 'linear', reg, [x], 'box_regression', `${p}.bbox_pred`);
}

function maskBranch(b: GraphBuilder, cfg: ModelConfig, levels: Level[]): void {
  b.group({
    path: 'roi_heads/mask_roi_pool',
    label: `mask RoIAlign (${MASK_POOL}x${MASK_POOL}, D detections)`
  });
  let x = roiPool(b, 'roi_heads/mask_roi_pool', levels, MASK_POOL, 'detections', cfg.detections);
  const normed = cfg.headVersion === 2;
  b.group({ path: 'roi_heads/mask_head', label: `mask head (four 3x3 convs${normed ? ' with BN' : ''})` });
  for (let i = 0; i < 4; i++)
    x = convUnit(
      b,
      `roi_heads/mask_head/conv${i + 1}`,
      cfg.maskConvDim,
      x,
      `roi_heads.mask_head.${i}`,
      normed
    );
  b.tap('mask_head', x);
  b.group({
    path: 'roi_heads/mask_predictor',
    label: 'mask predictor (2x2/2 transposed conv, 1x1 to classes)'
  });
  const p = 'roi_heads.mask_predictor';
  const up = transposed(cfg.maskConvDim, 2, 2, 0);
  x = b.add('roi_heads/mask_predictor/conv5_mask', 'convtranspose2d', up, [x], undefined, `${p}.conv5_mask`);
  x = b.add('roi_heads/mask_predictor/relu', 'relu', {}, [x]);
  const logits = conv(perClass(cfg), 1, 1, { padding: 0, bias: true });
  b.add(
    'roi_heads/mask_predictor/mask_fcn_logits',
    'conv2d',
    logits,
    [x],
    'mask_logits',
    `${p}.mask_fcn_logits`
  );
}

function keypointBranch(b: GraphBuilder, cfg: ModelConfig, levels: Level[]): void {
  b.group({
    path: 'roi_heads/keypoint_roi_pool',
    label: `keypoint RoIAlign (${MASK_POOL}x${MASK_POOL}, D detections)`
  });
  let x = roiPool(b, 'roi_heads/keypoint_roi_pool', levels, MASK_POOL, 'detections', cfg.detections);
  b.group({ path: 'roi_heads/keypoint_head', label: 'keypoint head (eight 3x3 convs of 512)' });
  for (let i = 0; i < 8; i++) {
    const path = `roi_heads/keypoint_head/conv${i + 1}`;
    const c = conv(cfg.keypointConvDim, 3, 1, { bias: true });
    x = b.add(`${path}/conv`, 'conv2d', c, [x], undefined, `roi_heads.keypoint_head.${2 * i}`);
    x = b.add(`${path}/relu`, 'relu', {}, [x]);
  }
  b.tap('keypoint_head', x);
  b.group({
    path: 'roi_heads/keypoint_predictor',
    label: 'keypoint predictor (4x4/2 transposed conv, bilinear x2)'
  });
  const lowres = transposed(cfg.keypoints, 4, 2, 1);
  const m = 'roi_heads.keypoint_predictor.kps_score_lowres';
  x = b.add('roi_heads/keypoint_predictor/kps_score_lowres', 'convtranspose2d', lowres, [x], undefined, m);
  const up = { mode: 'bilinear', scale: 2, alignCorners: false } as const;
  b.add('roi_heads/keypoint_predictor/upsample', 'upsample', up, [x], 'keypoint_logits');
}

/** The levels MultiScaleRoIAlign reads: torchvision's featmap_names '0'..'3', the stage levels. */
function roiLevels(levels: Level[]): Level[] {
  return levels.filter((l) => !l.extra);
}

function roiHeads(branch: 'box' | 'mask' | 'keypoint'): HeadBuilder {
  return (b, ctx) => {
    const levels = roiLevels(ctx.levels);
    b.group({ path: 'roi_heads', label: 'RoI heads (per region)' });
    b.group({ path: 'roi_heads/box_roi_pool', label: `box RoIAlign (${BOX_POOL}x${BOX_POOL}, R proposals)` });
    const pooled = roiPool(b, 'roi_heads/box_roi_pool', levels, BOX_POOL, 'proposals', ctx.cfg.proposals);
    boxBranch(b, ctx.cfg, pooled);
    if (branch === 'mask') maskBranch(b, ctx.cfg, levels);
    if (branch === 'keypoint') keypointBranch(b, ctx.cfg, levels);
  };
}

export const buildBoxHeads = roiHeads('box');
export const buildMaskHeads = roiHeads('mask');
export const buildKeypointHeads = roiHeads('keypoint');
