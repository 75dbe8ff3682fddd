/** Head kind -> builder. Adding a model means a preset, and at most one small builder here. */
import type { Head } from '../config';
import { buildClassifier } from './classifier';
import type { HeadBuilder } from './context';
import { buildFcosHead, buildRetinaNetHead } from './dense';
import { buildMmsegAspp, buildMmsegFcn } from './mmseg';
import { buildPspHead } from './pspnet';
import { buildBoxHeads, buildKeypointHeads, buildMaskHeads } from './roi';
import { buildRpnHead } from './rpn';
import { buildDeepLab, buildFcn } from './segmentation';

const rcnn =
  (roi: HeadBuilder): HeadBuilder =>
  (b, ctx) => {
    buildRpnHead(b, ctx);
    roi(b, ctx);
  };

export const HEADS: Record<Head, HeadBuilder | null> = {
  none: null,
  classifier: buildClassifier,
  pspnet: buildPspHead,
  fcn: buildFcn,
  deeplabv3: buildDeepLab,
  mmseg_aspp: buildMmsegAspp,
  mmseg_fcn: buildMmsegFcn,
  fasterrcnn: rcnn(buildBoxHeads),
  maskrcnn: rcnn(buildMaskHeads),
  keypointrcnn: rcnn(buildKeypointHeads),
  retinanet: buildRetinaNetHead,
  fcos: buildFcosHead
};

/** Heads that read the pyramid (they need neck=fpn). */
export const PYRAMID_HEADS: readonly Head[] = ['fasterrcnn', 'maskrcnn', 'keypointrcnn', 'retinanet', 'fcos'];
/** Heads that read C5 directly (they need neck=none). */
export const C5_HEADS: readonly Head[] = ['pspnet', 'fcn', 'deeplabv3', 'mmseg_aspp', 'mmseg_fcn'];
/** MMSegmentation's heads (mmseg's module names, under its `backbone.`). */
export const MMSEG_HEADS: readonly Head[] = ['mmseg_aspp', 'mmseg_fcn'];
/** Heads whose RoI branch runs on regions. */
export const ROI_HEADS: readonly Head[] = ['fasterrcnn', 'maskrcnn', 'keypointrcnn'];
