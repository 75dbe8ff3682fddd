/**
 * MMDetection's anchor generator and heads -> ArchScope keys: RPNHead, StandardRoIHead with
 * Shared2FCBBoxHead and FCNMaskHead, RetinaHead (what each builds: mm-detection.ts's header). The
 * detector type and the FPN are mapped in mm-detection.ts.
 */
import type { KeyReader } from './leaves';
import { anchorSizes, ConfigBuilder, isInt, numbers, repr } from './mapping';

export const TRAINING = 'training or box decoding only: it does not change the network';

/** The pyramid the FPN mapping found (mm-detection.ts), which anchors and heads are checked against. */
export interface Pyramid {
  /** Strides of every level, shallowest first (4, 8, 16, 32, 64). */
  strides: number[];
  /** How many of them come from backbone stages (the RoI heads read these). */
  stageLevels: number;
}

function mapAnchors(r: KeyReader, b: ConfigBuilder, P: string, pyramid: Pyramid): void {
  const get = (k: string) => r.get(`${P}.${k}`);
  const has = (k: string) => r.given(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  if (get('type') !== 'AnchorGenerator') {
    refuse('type', 'is not an anchor generator ArchScope models: use AnchorGenerator');
    return;
  }
  b.checked(`${P}.type`, 'anchors per level and location');
  const strides = numbers(get('strides'));
  if (!strides || strides.join() !== pyramid.strides.join()) {
    refuse('strides', `must be the pyramid's strides, ${pyramid.strides.join(', ')}`);
    return;
  }
  b.checked(`${P}.strides`, `one entry per level (${pyramid.strides.join(', ')})`);
  const baseSizes = has('base_sizes') ? numbers(get('base_sizes')) : strides;
  if (!baseSizes || baseSizes.length !== strides.length) {
    refuse('base_sizes', 'must give one base size per level');
    return;
  }
  let scales: number[] | null = null;
  if (has('scales')) {
    scales = numbers(get('scales'));
    if (has('octave_base_scale')) refuse('octave_base_scale', 'cannot be given together with scales');
  } else {
    const base = get('octave_base_scale');
    const per = get('scales_per_octave');
    if (typeof base === 'number' && isInt(per) && per > 0) {
      scales = Array.from({ length: per }, (_, i) => base * 2 ** (i / per));
      b.checked(`${P}.octave_base_scale`, `scales ${base} x 2^(i/${per})`);
      b.checked(`${P}.scales_per_octave`, `${per} scales per octave`);
    } else
      refuse(
        has('octave_base_scale') ? 'octave_base_scale' : 'scales',
        'needs scales, or octave_base_scale with scales_per_octave'
      );
  }
  const split = scales && anchorSizes(baseSizes.map((s) => scales.map((k) => s * k)));
  if (scales && (!split || split.anchorScales.length > 8))
    refuse(
      has('scales') ? 'scales' : 'octave_base_scale',
      'cannot be represented: ArchScope takes 1 to 8 scales'
    );
  else if (split)
    b.set(
      `${P}.${has('scales') ? 'scales' : 'octave_base_scale'}`,
      { ...split, anchorIntSizes: false },
      'size = base size x scale'
    );
  if (has('base_sizes')) b.checked(`${P}.base_sizes`, 'the base size per level');
  const ratios = numbers(get('ratios'));
  if (!ratios || ratios.length < 1 || ratios.length > 8)
    refuse('ratios', 'must be 1 to 8 aspect ratios (h/w)');
  else b.set(`${P}.ratios`, { anchorRatios: ratios });
  if (has('center_offset') && get('center_offset') !== 0)
    refuse(
      'center_offset',
      'cannot be represented: ArchScope puts anchor centres at the cell corners (center_offset 0)'
    );
  r.ignored(`${P}.scale_major`, 'the order of the anchors at a location: counts and shapes are the same');
}

/** in_channels and feat_channels of a head must be the FPN's width, as ArchScope builds heads. */
function checkWidth(r: KeyReader, b: ConfigBuilder, P: string, keys: string[]): void {
  const fpn = b.config.fpnChannels;
  for (const k of keys) {
    if (!r.given(`${P}.${k}`)) continue;
    if (r.get(`${P}.${k}`) !== fpn)
      r.refused(
        `${P}.${k}`,
        `${repr(r.get(`${P}.${k}`))} cannot be represented: ArchScope's heads are as wide as the FPN (${fpn})`
      );
    else b.checked(`${P}.${k}`, `the FPN's width (${fpn})`);
  }
}

export function mapRpnHead(r: KeyReader, b: ConfigBuilder, pyramid: Pyramid): void {
  const P = 'model.rpn_head';
  if (r.get(`${P}.type`) !== 'RPNHead') {
    r.refused(`${P}.type`, `${repr(r.get(`${P}.type`))} is not an RPN head ArchScope builds: use RPNHead`);
    return;
  }
  b.checked(`${P}.type`, 'one 3x3 conv, A objectness maps, 4A deltas');
  checkWidth(r, b, P, ['in_channels', 'feat_channels']);
  if (r.given(`${P}.num_convs`) && r.get(`${P}.num_convs`) !== 1)
    r.refused(
      `${P}.num_convs`,
      `${repr(r.get(`${P}.num_convs`))} cannot be represented: ArchScope's RPN head has one conv`
    );
  mapAnchors(r, b, `${P}.anchor_generator`, pyramid);
  for (const k of ['bbox_coder', 'loss_cls', 'loss_bbox']) r.ignored(`${P}.${k}`, TRAINING);
  const post = r.given('model.test_cfg.rpn.max_per_img')
    ? 'model.test_cfg.rpn.max_per_img'
    : 'model.test_cfg.rpn.max_num';
  const n = r.get(post);
  if (n === undefined) return;
  if (!isInt(n) || n < 1 || n > 10000) r.refused(post, `${repr(n)} must be an integer from 1 to 10000`);
  else b.set(post, { proposals: n }, 'proposals per image reaching the box head');
}

export function mapRoiHead(r: KeyReader, b: ConfigBuilder, pyramid: Pyramid, mask: boolean): void {
  const P = 'model.roi_head';
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  if (get('type') !== 'StandardRoIHead') {
    refuse(
      'type',
      'is not a RoI head ArchScope builds: use StandardRoIHead (Cascade, HTC and others are not covered)'
    );
    return;
  }
  b.checked(`${P}.type`, 'box branch (and mask branch) on R proposals');
  const strides = pyramid.strides.slice(0, pyramid.stageLevels);
  const extractor = (k: string, size: number) => {
    const E = `${k}_roi_extractor`;
    if (get(`${E}.type`) !== 'SingleRoIExtractor')
      refuse(`${E}.type`, 'is not modelled: use SingleRoIExtractor');
    else b.checked(`${P}.${E}.type`, 'one level per region, by its size');
    if (get(`${E}.roi_layer.type`) !== 'RoIAlign')
      refuse(`${E}.roi_layer.type`, 'is not modelled: use RoIAlign');
    else b.checked(`${P}.${E}.roi_layer.type`, 'RoIAlign');
    if (get(`${E}.roi_layer.output_size`) !== size)
      refuse(
        `${E}.roi_layer.output_size`,
        `cannot be represented: ArchScope's ${k} RoIAlign pools ${size}x${size}`
      );
    else b.checked(`${P}.${E}.roi_layer.output_size`, `${size}x${size}`);
    r.ignored(
      `${P}.${E}.roi_layer.sampling_ratio`,
      'sampling points per bin change pooled values, not shapes or costs'
    );
    checkWidth(r, b, P, [`${E}.out_channels`]);
    const fs = numbers(get(`${E}.featmap_strides`));
    if (!fs || fs.join() !== strides.join())
      refuse(
        `${E}.featmap_strides`,
        `cannot be represented: ArchScope pools from the stage levels (strides ${strides.join(', ')})`
      );
    else b.checked(`${P}.${E}.featmap_strides`, `the stage levels (${strides.join(', ')})`);
  };
  extractor('bbox', 7);
  const H = 'bbox_head';
  const type = get(`${H}.type`);
  const sharedFcs = type === 'ConvFCBBoxHead' ? get(`${H}.num_shared_fcs`) : 2;
  const convs =
    type === 'ConvFCBBoxHead'
      ? [
          get(`${H}.num_shared_convs`),
          get(`${H}.num_cls_convs`),
          get(`${H}.num_reg_convs`),
          get(`${H}.num_cls_fcs`),
          get(`${H}.num_reg_fcs`)
        ]
      : [];
  if (
    (type !== 'Shared2FCBBoxHead' && type !== 'ConvFCBBoxHead') ||
    sharedFcs !== 2 ||
    convs.some((c) => c !== undefined && c !== 0)
  )
    refuse(`${H}.type`, 'is not a box head ArchScope builds: use Shared2FCBBoxHead (two shared fc layers)');
  else b.checked(`${P}.${H}.type`, 'headVersion=1 (two fc layers)');
  checkWidth(r, b, P, [`${H}.in_channels`]);
  const fc = r.given(`${P}.${H}.fc_out_channels`) ? get(`${H}.fc_out_channels`) : 1024;
  if (!isInt(fc) || fc < 1 || fc > 16384)
    refuse(`${H}.fc_out_channels`, 'must be an integer from 1 to 16384');
  else
    b.set(r.given(`${P}.${H}.fc_out_channels`) ? `${P}.${H}.fc_out_channels` : `${P}.${H}.type`, {
      boxFcDim: fc
    });
  if (r.given(`${P}.${H}.roi_feat_size`) && get(`${H}.roi_feat_size`) !== 7)
    refuse(`${H}.roi_feat_size`, 'cannot be represented: ArchScope pools 7x7');
  else if (r.given(`${P}.${H}.roi_feat_size`)) b.checked(`${P}.${H}.roi_feat_size`, '7x7 regions');
  const k = get(`${H}.num_classes`);
  if (!isInt(k) || k < 1 || k > 99999) refuse(`${H}.num_classes`, 'must be an integer from 1 to 99999');
  else
    b.set(
      `${P}.${H}.num_classes`,
      { classes: k + 1, background: 'scores' },
      `${k} classes + background in the scores; deltas per class`
    );
  if (r.given(`${P}.${H}.reg_class_agnostic`) && get(`${H}.reg_class_agnostic`) !== false)
    refuse(`${H}.reg_class_agnostic`, 'cannot be represented: ArchScope regresses boxes per class');
  else if (r.given(`${P}.${H}.reg_class_agnostic`))
    b.checked(`${P}.${H}.reg_class_agnostic`, 'deltas per class');
  if (r.given(`${P}.${H}.with_avg_pool`) && get(`${H}.with_avg_pool`) !== false)
    refuse(`${H}.with_avg_pool`, 'cannot be represented: ArchScope flattens the 7x7 pool');
  for (const t of ['bbox_coder', 'loss_cls', 'loss_bbox']) r.ignored(`${P}.${H}.${t}`, TRAINING);

  if (!mask) {
    if (r.given(`${P}.mask_head`)) refuse('mask_head', 'belongs to MaskRCNN: set type=MaskRCNN');
    return;
  }
  extractor('mask', 14);
  const MH = 'mask_head';
  if (get(`${MH}.type`) !== 'FCNMaskHead')
    refuse(`${MH}.type`, 'is not a mask head ArchScope builds: use FCNMaskHead');
  else b.checked(`${P}.${MH}.type`, 'four 3x3 convs, 2x2/2 deconv, a mask per class');
  if (get(`${MH}.num_convs`) !== 4)
    refuse(`${MH}.num_convs`, "cannot be represented: ArchScope's mask head has four convs");
  checkWidth(r, b, P, [`${MH}.in_channels`]);
  const dim = r.given(`${P}.${MH}.conv_out_channels`) ? get(`${MH}.conv_out_channels`) : 256;
  if (!isInt(dim) || dim < 1 || dim > 4096)
    refuse(`${MH}.conv_out_channels`, 'must be an integer from 1 to 4096');
  else
    b.set(r.given(`${P}.${MH}.conv_out_channels`) ? `${P}.${MH}.conv_out_channels` : `${P}.${MH}.type`, {
      maskConvDim: dim
    });
  if (get(`${MH}.num_classes`) !== k)
    refuse(`${MH}.num_classes`, `must equal the box head's num_classes (${repr(k)})`);
  else b.checked(`${P}.${MH}.num_classes`, `${k} masks per region`);
  if (r.given(`${P}.${MH}.class_agnostic`) && get(`${MH}.class_agnostic`) !== false)
    refuse(`${MH}.class_agnostic`, 'cannot be represented: ArchScope predicts a mask per class');
  if (r.given(`${P}.${MH}.norm_cfg`) && get(`${MH}.norm_cfg`) !== null)
    refuse(`${MH}.norm_cfg`, "cannot be represented: ArchScope's v1 mask head has no norm");
  r.ignored(`${P}.${MH}.loss_mask`, TRAINING);
  const d = 'model.test_cfg.rcnn.max_per_img';
  const n = r.get(d);
  if (n !== undefined) {
    if (!isInt(n) || n < 0 || n > 1000) r.refused(d, `${repr(n)} must be an integer from 0 to 1000`);
    else b.set(d, { detections: n }, 'detections per image reaching the mask head');
  }
}

export function mapRetinaHead(r: KeyReader, b: ConfigBuilder, pyramid: Pyramid): void {
  const P = 'model.bbox_head';
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  if (get('type') !== 'RetinaHead') {
    refuse('type', 'is not a dense head ArchScope builds for RetinaNet: use RetinaHead');
    return;
  }
  b.checked(`${P}.type`, 'four 3x3 convs per tower, biased, no norm');
  checkWidth(r, b, P, ['in_channels', 'feat_channels']);
  if (r.given(`${P}.stacked_convs`) && get('stacked_convs') !== 4)
    refuse('stacked_convs', "cannot be represented: ArchScope's RetinaNet towers have four convs");
  else if (r.given(`${P}.stacked_convs`)) b.checked(`${P}.stacked_convs`, 'four convs per tower');
  if (r.given(`${P}.norm_cfg`) && get('norm_cfg') !== null)
    refuse(
      'norm_cfg',
      "cannot be represented: mmdet's normed RetinaHead keeps biased convs, unlike torchvision's v2 head"
    );
  const k = get('num_classes');
  if (!isInt(k) || k < 1 || k > 100000) refuse('num_classes', 'must be an integer from 1 to 100000');
  else b.set(`${P}.num_classes`, { classes: k }, 'one sigmoid logit per class and anchor');
  mapAnchors(r, b, `${P}.anchor_generator`, pyramid);
  for (const t of ['bbox_coder', 'loss_cls', 'loss_bbox']) r.ignored(`${P}.${t}`, TRAINING);
}
