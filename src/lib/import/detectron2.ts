/**
 * detectron2 YAML -> ArchScope keys. The models detectron2 builds from these keys, as ArchScope
 * models them (docs/import.md lists what is covered):
 * - ResNet (build_resnet_fpn_backbone, build_retinanet_resnet_fpn_backbone): STRIDE_IN_1X1 puts the
 *   stride on the 1x1 (MSRA / Caffe placement) with a 3x3/2 pad-1 stem pool (BasicStem);
 * - FPN: top-down by F.interpolate(scale_factor=2) (fpnUpsample=nearest2x), P6 by LastLevelMaxPool
 *   or P6/P7 by LastLevelP6P7 on res5; padding to the last input's stride (32 for res5);
 * - StandardRPNHead, StandardROIHeads with FastRCNNConvFCHead (2 fc) and FastRCNNOutputLayers (K + 1
 *   scores, 4K deltas: background=scores), MaskRCNNConvUpsampleHead, KRCNNConvDeconvUpsampleHead;
 * - RetinaNetHead (4 convs per tower, K class logits per anchor);
 * - the test-time ResizeShortestEdge (transform=detectron2).
 */
import type { ModelConfig, Norm } from '../models/config';
import { frozenPartsText } from '../models/trainable';
import type { KeyReader } from './leaves';
import { ConfigBuilder, isInt, type Mapping, numbers, repr, strings } from './mapping';
import { type Levels, M, mapAnchors, mapRcnn, mapRetina } from './detectron2-heads';

const RESNET_DEPTHS = [18, 34, 50, 101, 152];
const NORMS: Record<string, Norm> = {
  FrozenBN: 'frozen',
  BN: 'bn',
  SyncBN: 'bn',
  nnSyncBN: 'bn',
  naiveSyncBN: 'bn',
  GN: 'gn'
};
const STAGES = ['res2', 'res3', 'res4', 'res5'];

const NOT_NETWORK = 'training, data or evaluation setting: it does not change the network';
const POST = 'post-processing or training setting: it does not change the network or its shapes';

/** Keys read by nothing that shapes the network, by section, with the reason the report gives. */
const IGNORED: Array<[string, string]> = [
  [
    `${M}.WEIGHTS`,
    'weights are not loaded by an import (the live run can load a safetensors file: docs/weights.md)'
  ],
  [`${M}.PIXEL_STD`, 'input normalisation: it does not change shapes, parameters or MACs'],
  [`${M}.DEVICE`, 'where detectron2 runs: not part of the network'],
  [`${M}.LOAD_PROPOSALS`, NOT_NETWORK],
  [`${M}.RPN`, POST],
  [`${M}.ROI_HEADS`, POST],
  [`${M}.ROI_BOX_HEAD`, POST],
  [`${M}.ROI_MASK_HEAD`, POST],
  [`${M}.ROI_KEYPOINT_HEAD`, POST],
  [`${M}.RETINANET`, POST],
  [`${M}.ANCHOR_GENERATOR.ANGLES`, 'rotated anchors only (RotatedAnchorGenerator)'],
  [`${M}.RESNETS.DEFORM_MODULATED`, 'deformable convs are off (DEFORM_ON_PER_STAGE)'],
  [`${M}.RESNETS.DEFORM_NUM_GROUPS`, 'deformable convs are off (DEFORM_ON_PER_STAGE)'],
  [
    'INPUT',
    'training-time augmentation or image format: the test-time resize is MIN_SIZE_TEST / MAX_SIZE_TEST'
  ],
  [M, 'not read by ArchScope: it builds the network from the keys mapped above']
];

/** The reason for every key outside MODEL and INPUT (SOLVER, DATASETS, TEST, ...). */
export const DETECTRON2_REST = NOT_NETWORK;

export function mapDetectron2(r: KeyReader): Mapping {
  const b = new ConfigBuilder(r);
  const notes: string[] = [];
  const get = (p: string) => r.get(p);
  const refuse = (p: string, why: string) => r.refused(p, `${repr(get(p))} ${why}`);

  const arch = get(`${M}.META_ARCHITECTURE`);
  const rcnn = arch === 'GeneralizedRCNN';
  if (!rcnn && arch !== 'RetinaNet') {
    refuse(
      `${M}.META_ARCHITECTURE`,
      'is not modelled: ArchScope reads GeneralizedRCNN (Faster, Mask and Keypoint R-CNN on an FPN) and RetinaNet'
    );
    return done(b, r, notes);
  }
  const expected = rcnn ? 'build_resnet_fpn_backbone' : 'build_retinanet_resnet_fpn_backbone';
  const backboneName = get(`${M}.BACKBONE.NAME`);
  if (backboneName !== expected) {
    refuse(
      `${M}.BACKBONE.NAME`,
      `is not modelled with ${arch}: ArchScope builds ${expected} (a ResNet with an FPN${rcnn ? ' and P6 by max-pool' : ', P6 and P7 by convs on res5'}); C4 and DC5 models (Res5ROIHeads) are not covered`
    );
    return done(b, r, notes);
  }
  b.checked(`${M}.META_ARCHITECTURE`, rcnn ? 'an R-CNN (head from MASK_ON, KEYPOINT_ON)' : 'head=retinanet');

  mapResNet(r, b);
  const levels = mapFpn(r, b, rcnn);
  if (!levels) return done(b, r, notes);
  b.checked(`${M}.BACKBONE.NAME`, rcnn ? 'neck=fpn, extra=maxpool' : 'neck=fpn, extra=p6p7, p6From=C5');
  if (rcnn) mapRcnn(r, b, levels);
  else mapRetina(r, b, levels);
  mapAnchors(r, b, rcnn ? `${M}.RPN.IN_FEATURES` : `${M}.RETINANET.IN_FEATURES`);
  mapInput(r, b, levels);
  const mean = numbers(get(`${M}.PIXEL_MEAN`));
  if (mean && r.given(`${M}.PIXEL_MEAN`))
    b.set(`${M}.PIXEL_MEAN`, { inChannels: mean.length }, 'one mean per input channel');
  notes.push(
    "detectron2 keeps anchor corners fractional, where ArchScope's anchor view rounds them as torchvision does: counts, shapes and costs are the same",
    "detectron2's ROIAlignV2 (aligned=True, adaptive sampling) pools the same 7x7 and 14x14 shapes as the RoIAlign ArchScope draws"
  );
  return done(b, r, notes);
}

function done(b: ConfigBuilder, r: KeyReader, notes: string[]): Mapping {
  // Most specific first: a key takes the first reason that covers it.
  for (const [prefix, why] of IGNORED) r.ignored(prefix, why);
  return { config: b.config, notes, input: [800, 1333] };
}

function mapResNet(r: KeyReader, b: ConfigBuilder): void {
  const P = `${M}.RESNETS`;
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  const depth = get('DEPTH');
  if (!isInt(depth) || !RESNET_DEPTHS.includes(depth))
    refuse('DEPTH', `is not a ResNet depth ArchScope builds: use 18, 34, 50, 101 or 152`);
  else b.set(`${P}.DEPTH`, { depth });
  const basic = isInt(depth) && depth < 50;
  const res2 = get('RES2_OUT_CHANNELS');
  const width = isInt(res2) ? (basic ? res2 : res2 / 4) : NaN;
  if (!Number.isInteger(width) || width < 8 || width > 256)
    refuse(
      'RES2_OUT_CHANNELS',
      `cannot be represented: it must be ${basic ? '' : '4 x '}a base width from 8 to 256 (256 for ResNet-50, 64 for ResNet-18 and -34)`
    );
  else
    b.set(
      `${P}.RES2_OUT_CHANNELS`,
      { width },
      basic ? 'basic blocks: res2 has the base width' : 'res2 = 4 x the base width'
    );
  const stem = get('STEM_OUT_CHANNELS');
  if (Number.isInteger(width)) {
    if (stem !== width)
      refuse(
        'STEM_OUT_CHANNELS',
        `cannot be represented: ArchScope's stem has as many channels as the base width (${width} here, from RES2_OUT_CHANNELS)`
      );
    else b.checked(`${P}.STEM_OUT_CHANNELS`, `width=${width} (the stem has the base width)`);
  }
  const groups = get('NUM_GROUPS');
  const wpg = get('WIDTH_PER_GROUP');
  if (!isInt(groups) || groups < 1 || groups > 256) refuse('NUM_GROUPS', 'must be an integer from 1 to 256');
  else if (!isInt(wpg) || wpg < 1) refuse('WIDTH_PER_GROUP', 'must be a positive integer');
  else if (basic && (groups !== 1 || wpg !== 64))
    refuse(
      groups !== 1 ? 'NUM_GROUPS' : 'WIDTH_PER_GROUP',
      'cannot be represented: basic blocks (ResNet-18, -34) have NUM_GROUPS 1 and WIDTH_PER_GROUP 64'
    );
  else if (Number.isInteger(width)) {
    // detectron2: bottleneck width = NUM_GROUPS x WIDTH_PER_GROUP at res2; ArchScope (torchvision):
    // floor(width x widthPerGroup / 64) x groups.
    const widthPerGroup = (wpg * 64) / width;
    if (!Number.isInteger(widthPerGroup) || Math.floor((width * widthPerGroup) / 64) !== wpg)
      refuse('WIDTH_PER_GROUP', `cannot be represented with a base width of ${width}`);
    else {
      b.set(`${P}.NUM_GROUPS`, { groups });
      b.set(`${P}.WIDTH_PER_GROUP`, { widthPerGroup }, `bottleneck width ${groups * wpg} at res2`);
    }
  }
  const s1 = get('STRIDE_IN_1X1');
  if (s1 === true)
    b.set(
      `${P}.STRIDE_IN_1X1`,
      { style: 'caffe', stemPool: 'torch' },
      "MSRA placement; detectron2's stem pool is 3x3/2 pad 1"
    );
  else if (s1 === false) b.set(`${P}.STRIDE_IN_1X1`, { style: 'torchvision' });
  else refuse('STRIDE_IN_1X1', 'must be True or False');
  const dil = get('RES5_DILATION');
  if (dil === 1 || dil === 2) b.set(`${P}.RES5_DILATION`, { outputStride: dil === 1 ? 32 : 16 });
  else refuse('RES5_DILATION', 'cannot be represented: use 1 (output stride 32) or 2 (output stride 16)');
  const norm = get('NORM');
  if (typeof norm === 'string' && Object.hasOwn(NORMS, norm))
    b.set(`${P}.NORM`, { norm: NORMS[norm] }, norm === 'GN' ? 'GroupNorm(32, C), as get_norm builds it' : '');
  else refuse('NORM', `is not a backbone norm ArchScope builds: use FrozenBN, BN, SyncBN or GN`);
  mapFreezeAt(r, b, typeof norm === 'string' ? norm : '');
  const deform = get('DEFORM_ON_PER_STAGE');
  if (Array.isArray(deform) && deform.some((d) => d === true))
    refuse('DEFORM_ON_PER_STAGE', 'cannot be represented: ArchScope has no deformable convolutions');
  else if (r.given(`${P}.DEFORM_ON_PER_STAGE`)) b.checked(`${P}.DEFORM_ON_PER_STAGE`, 'no deformable convs');
  b.config.stem = 'standard';
  b.config.avgDown = false;
  b.config.preact = false;
}

/**
 * FREEZE_AT: 0 freezes nothing, 1 the stem, 2 the stem and res2 (the default), ... 5 everything:
 * torchvision's trainable_backbone_layers counted from the other end.
 */
function mapFreezeAt(r: KeyReader, b: ConfigBuilder, norm: string): void {
  const P = `${M}.BACKBONE.FREEZE_AT`;
  const at = r.get(P);
  if (!isInt(at) || at < 0 || at > 5) {
    r.refused(P, `${repr(at)} must be an integer from 0 (nothing frozen) to 5 (the stem and res2..res5)`);
    return;
  }
  const to = { trainableLayers: 5 - at };
  // detectron2's freeze() also turns a frozen stage's BatchNorm into FrozenBatchNorm2d; ArchScope has
  // one norm for the backbone, so those affine terms stay parameters (frozen ones).
  const bn = at > 0 && norm !== 'FrozenBN' && norm !== 'GN';
  b.set(
    P,
    to,
    `${frozenPartsText(to)}${bn ? '; detectron2 also makes their BatchNorm FrozenBN, ArchScope keeps it BN with frozen parameters' : ''}`
  );
}

function mapFpn(r: KeyReader, b: ConfigBuilder, rcnn: boolean): Levels | null {
  const P = `${M}.FPN`;
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  const inputs = strings(get('IN_FEATURES'));
  const idx = inputs?.map((f) => STAGES.indexOf(f)) ?? [];
  const contiguous = idx.length > 0 && idx.every((v, i) => v >= 0 && (i === 0 || v === idx[i - 1] + 1));
  if (!inputs || !contiguous) {
    refuse(
      'IN_FEATURES',
      'cannot be represented: the FPN reads consecutive stages from res2..res5, e.g. ["res2", "res3", "res4", "res5"]'
    );
    return null;
  }
  const fpnIn = idx.map((i) => `C${i + 2}`);
  b.set(
    `${P}.IN_FEATURES`,
    { neck: 'fpn', fpnIn, fpnUpsample: 'nearest2x', fpnSmooth: 'all', fpnAlignCorners: false },
    'top-down by nearest x2, as F.interpolate(scale_factor=2)'
  );
  const out = r.get(`${M}.RESNETS.OUT_FEATURES`);
  const outs = strings(out);
  if (!outs || !inputs.every((f) => outs.includes(f)))
    r.refused(
      `${M}.RESNETS.OUT_FEATURES`,
      `${repr(out)} must include every FPN input (${inputs.join(', ')})`
    );
  else if (!outs.includes('res5'))
    r.refused(
      `${M}.RESNETS.OUT_FEATURES`,
      `${repr(out)} cannot be represented: detectron2 then builds no res5, and ArchScope always builds all four stages`
    );
  else
    b.checked(
      `${M}.RESNETS.OUT_FEATURES`,
      `fpnIn=${fpnIn.join(',')} (checked: the FPN inputs are among them)`
    );
  const ch = get('OUT_CHANNELS');
  if (!isInt(ch) || ch < 1 || ch > 4096) refuse('OUT_CHANNELS', 'must be an integer from 1 to 4096');
  else b.set(`${P}.OUT_CHANNELS`, { fpnChannels: ch });
  const norm = get('NORM');
  if (norm === '') b.set(`${P}.NORM`, { fpnNorm: 'none' }, 'biased convs');
  else if (norm === 'BN' || norm === 'SyncBN') b.set(`${P}.NORM`, { fpnNorm: 'bn' });
  else
    refuse(
      'NORM',
      `cannot be represented: ArchScope's FPN has biased convs ("") or BatchNorm ("BN", "SyncBN")`
    );
  const fuse = get('FUSE_TYPE');
  if (fuse !== 'sum')
    refuse('FUSE_TYPE', 'cannot be represented: ArchScope adds the top-down and lateral maps ("sum")');
  else if (r.given(`${P}.FUSE_TYPE`)) b.checked(`${P}.FUSE_TYPE`, 'the top-down path adds');
  if (rcnn) Object.assign(b.config, { extra: 'maxpool' });
  else Object.assign(b.config, { extra: 'p6p7', p6From: 'C5', p7Relu: true });
  const first = idx[0] + 2;
  const stageLevels = fpnIn.map((_, i) => `p${first + i}`);
  const last = first + fpnIn.length - 1;
  const extra = rcnn ? [`p${last + 1}`] : [`p${last + 1}`, `p${last + 2}`];
  return { names: [...stageLevels, ...extra], stageLevels, divisibility: 2 ** last };
}

function mapInput(r: KeyReader, b: ConfigBuilder, levels: Levels): void {
  const min = r.get('INPUT.MIN_SIZE_TEST');
  const max = r.get('INPUT.MAX_SIZE_TEST');
  const to: Partial<ModelConfig> = { transform: 'detectron2', sizeDivisible: levels.divisibility };
  if (min === 0) {
    b.set(
      'INPUT.MIN_SIZE_TEST',
      { transform: 'none' },
      'detectron2 skips the resize when MIN_SIZE_TEST is 0'
    );
    return;
  }
  if (!isInt(min) || min < 1 || min > 8192)
    r.refused('INPUT.MIN_SIZE_TEST', `${repr(min)} must be an integer from 1 to 8192 (or 0: no resize)`);
  else
    b.set(
      'INPUT.MIN_SIZE_TEST',
      { ...to, minSize: min },
      `ResizeShortestEdge, then padding to a multiple of ${levels.divisibility}`
    );
  if (!isInt(max) || max < 1 || max > 8192)
    r.refused('INPUT.MAX_SIZE_TEST', `${repr(max)} must be an integer from 1 to 8192`);
  else b.set('INPUT.MAX_SIZE_TEST', { maxSize: max });
}
