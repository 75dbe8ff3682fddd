/**
 * detectron2 YAML -> ArchScope keys, the heads: StandardRPNHead, StandardROIHeads (FastRCNNConvFCHead,
 * FastRCNNOutputLayers), the mask and keypoint heads, RetinaNetHead and the anchor generator. The
 * backbone, the FPN and the input are mapped in detectron2.ts.
 */
import type { KeyReader } from './leaves';
import { anchorSizes, ConfigBuilder, isInt, numbers, repr, strings } from './mapping';
import type { PyValue } from './python/evaluate';

/** detectron2's root section, which every mapped key sits under. */
export const M = 'MODEL';

/** The pyramid as the FPN mapping found it (detectron2.ts), which the heads are checked against. */
export interface Levels {
  /** detectron2's names of the pyramid levels, shallowest first (p2..p6). */
  names: string[];
  /** The levels the FPN makes from backbone stages (the RoI heads read these). */
  stageLevels: string[];
  /** The stride of the FPN's last input: ImageList pads to a multiple of it. */
  divisibility: number;
}

/** A head's IN_FEATURES must be the levels ArchScope runs it on. */
function checkLevels(r: KeyReader, b: ConfigBuilder, path: string, want: string[], what: string): void {
  const got = strings(r.get(path));
  if (!got || got.join() !== want.join())
    r.refused(
      path,
      `${repr(r.get(path))} cannot be represented: ArchScope runs ${what} on ${want.join(', ')}`
    );
  else b.checked(path, `runs on ${want.join(', ')}`);
}

export function mapRcnn(r: KeyReader, b: ConfigBuilder, levels: Levels): void {
  const get = (p: string) => r.get(`${M}.${p}`);
  const refuse = (p: string, why: string) => r.refused(`${M}.${p}`, `${repr(get(p))} ${why}`);
  if (get('PROPOSAL_GENERATOR.NAME') !== 'RPN')
    refuse('PROPOSAL_GENERATOR.NAME', 'is not modelled: ArchScope builds the RPN');
  if (get('RPN.HEAD_NAME') !== 'StandardRPNHead')
    refuse('RPN.HEAD_NAME', 'is not modelled: ArchScope builds StandardRPNHead');
  checkLevels(r, b, `${M}.RPN.IN_FEATURES`, levels.names, 'the RPN head');
  const convDims = numbers(get('RPN.CONV_DIMS'));
  const fpnChannels = b.config.fpnChannels;
  if (!convDims || convDims.length !== 1 || (convDims[0] !== -1 && convDims[0] !== fpnChannels))
    refuse(
      'RPN.CONV_DIMS',
      "cannot be represented: ArchScope's RPN head has one 3x3 conv as wide as its input ([-1])"
    );
  else b.checked(`${M}.RPN.CONV_DIMS`, 'headVersion=1 (one 3x3 conv)');
  const post = get('RPN.POST_NMS_TOPK_TEST');
  if (!isInt(post) || post < 1 || post > 10000)
    refuse('RPN.POST_NMS_TOPK_TEST', 'must be an integer from 1 to 10000');
  else b.set(`${M}.RPN.POST_NMS_TOPK_TEST`, { proposals: post }, 'proposals per image reaching the box head');

  if (get('ROI_HEADS.NAME') !== 'StandardROIHeads')
    refuse(
      'ROI_HEADS.NAME',
      'is not modelled: ArchScope builds StandardROIHeads (Res5ROIHeads and CascadeROIHeads are not covered)'
    );
  else b.checked(`${M}.ROI_HEADS.NAME`, 'RoI heads on the stage levels');
  checkLevels(r, b, `${M}.ROI_HEADS.IN_FEATURES`, levels.stageLevels, 'the RoI heads');
  const k = get('ROI_HEADS.NUM_CLASSES');
  if (!isInt(k) || k < 1 || k > 99999) refuse('ROI_HEADS.NUM_CLASSES', 'must be an integer from 1 to 99999');
  else
    b.set(
      `${M}.ROI_HEADS.NUM_CLASSES`,
      { classes: k + 1, background: 'scores' },
      `${k} classes + background in the scores; deltas and masks per class`
    );

  const box = (p: string) => `ROI_BOX_HEAD.${p}`;
  if (get(box('NAME')) !== 'FastRCNNConvFCHead')
    refuse(box('NAME'), 'is not modelled: ArchScope builds FastRCNNConvFCHead');
  else b.checked(`${M}.${box('NAME')}`, 'fc layers on the 7x7 pool');
  if (get(box('NUM_CONV')) !== 0 || get(box('NUM_FC')) !== 2)
    refuse(
      box('NUM_FC'),
      `cannot be represented with NUM_CONV=${repr(get(box('NUM_CONV')))}: ArchScope's v1 box head is two fc layers and no convs (NUM_CONV 0, NUM_FC 2)`
    );
  else {
    b.checked(`${M}.${box('NUM_FC')}`, 'headVersion=1 (TwoMLPHead: fc6, fc7)');
    if (r.given(`${M}.${box('NUM_CONV')}`)) b.checked(`${M}.${box('NUM_CONV')}`, 'no convs in the box head');
  }
  const fc = get(box('FC_DIM'));
  if (!isInt(fc) || fc < 1 || fc > 16384) refuse(box('FC_DIM'), 'must be an integer from 1 to 16384');
  else b.set(`${M}.${box('FC_DIM')}`, { boxFcDim: fc });
  if (get(box('POOLER_RESOLUTION')) !== 7)
    refuse(box('POOLER_RESOLUTION'), "cannot be represented: ArchScope's box RoIAlign pools 7x7");
  else b.checked(`${M}.${box('POOLER_RESOLUTION')}`, '7x7 box RoIAlign');
  if (get(box('CLS_AGNOSTIC_BBOX_REG')) !== false)
    refuse(box('CLS_AGNOSTIC_BBOX_REG'), 'cannot be represented: ArchScope regresses boxes per class');

  const mask = get('MASK_ON') === true;
  const keypoint = get('KEYPOINT_ON') === true;
  if (mask && keypoint) {
    refuse(
      'KEYPOINT_ON',
      'cannot be represented together with MASK_ON: ArchScope builds one RoI branch besides the box head'
    );
    return;
  }
  b.set(`${M}.MASK_ON`, {
    head: mask ? 'maskrcnn' : keypoint ? 'keypointrcnn' : 'fasterrcnn',
    headVersion: 1
  });
  if (r.given(`${M}.KEYPOINT_ON`))
    b.checked(`${M}.KEYPOINT_ON`, keypoint ? 'head=keypointrcnn' : 'no keypoint head');
  if (mask) mapMask(r, b);
  else r.ignored(`${M}.ROI_MASK_HEAD`, 'MASK_ON is False: there is no mask head');
  if (keypoint) mapKeypoints(r, b);
  else r.ignored(`${M}.ROI_KEYPOINT_HEAD`, 'KEYPOINT_ON is False: there is no keypoint head');
  const d = r.get('TEST.DETECTIONS_PER_IMAGE');
  if (mask || keypoint) {
    if (!isInt(d) || d < 0 || d > 1000)
      r.refused('TEST.DETECTIONS_PER_IMAGE', `${repr(d)} must be an integer from 0 to 1000`);
    else
      b.set(
        'TEST.DETECTIONS_PER_IMAGE',
        { detections: d },
        `detections per image reaching the ${mask ? 'mask' : 'keypoint'} head`
      );
  }
}

function mapMask(r: KeyReader, b: ConfigBuilder): void {
  const P = `${M}.ROI_MASK_HEAD`;
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  if (get('NAME') !== 'MaskRCNNConvUpsampleHead')
    refuse('NAME', 'is not modelled: ArchScope builds MaskRCNNConvUpsampleHead');
  else b.checked(`${P}.NAME`, 'convs, a 2x2/2 deconv, a mask per class');
  if (get('NUM_CONV') !== 4)
    refuse('NUM_CONV', "cannot be represented: ArchScope's mask head has four 3x3 convs");
  else b.checked(`${P}.NUM_CONV`, 'four 3x3 convs');
  const dim = get('CONV_DIM');
  if (!isInt(dim) || dim < 1 || dim > 4096) refuse('CONV_DIM', 'must be an integer from 1 to 4096');
  else b.set(`${P}.CONV_DIM`, { maskConvDim: dim });
  if (get('NORM') !== '') refuse('NORM', "cannot be represented: ArchScope's v1 mask head has no norm");
  if (get('POOLER_RESOLUTION') !== 14)
    refuse('POOLER_RESOLUTION', "cannot be represented: ArchScope's mask RoIAlign pools 14x14");
  else b.checked(`${P}.POOLER_RESOLUTION`, '14x14 mask RoIAlign');
  if (get('CLS_AGNOSTIC_MASK') !== false)
    refuse('CLS_AGNOSTIC_MASK', 'cannot be represented: ArchScope predicts a mask per class');
}

function mapKeypoints(r: KeyReader, b: ConfigBuilder): void {
  const P = `${M}.ROI_KEYPOINT_HEAD`;
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  if (get('NAME') !== 'KRCNNConvDeconvUpsampleHead')
    refuse('NAME', 'is not modelled: ArchScope builds KRCNNConvDeconvUpsampleHead');
  else b.checked(`${P}.NAME`, 'eight convs, a 4x4/2 deconv, bilinear x2');
  const dims = numbers(get('CONV_DIMS'));
  if (
    !dims ||
    dims.length !== 8 ||
    dims.some((d) => d !== dims[0]) ||
    !isInt(dims[0]) ||
    dims[0] < 1 ||
    dims[0] > 4096
  )
    refuse('CONV_DIMS', "cannot be represented: ArchScope's keypoint head has eight 3x3 convs of one width");
  else b.set(`${P}.CONV_DIMS`, { keypointConvDim: dims[0] });
  const n = get('NUM_KEYPOINTS');
  if (!isInt(n) || n < 1 || n > 1000) refuse('NUM_KEYPOINTS', 'must be an integer from 1 to 1000');
  else b.set(`${P}.NUM_KEYPOINTS`, { keypoints: n });
  if (get('POOLER_RESOLUTION') !== 14)
    refuse('POOLER_RESOLUTION', "cannot be represented: ArchScope's keypoint RoIAlign pools 14x14");
}

export function mapRetina(r: KeyReader, b: ConfigBuilder, levels: Levels): void {
  const P = `${M}.RETINANET`;
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  checkLevels(r, b, `${P}.IN_FEATURES`, levels.names, 'the RetinaNet head');
  const k = get('NUM_CLASSES');
  if (!isInt(k) || k < 1 || k > 100000) refuse('NUM_CLASSES', 'must be an integer from 1 to 100000');
  else
    b.set(
      `${P}.NUM_CLASSES`,
      { classes: k, head: 'retinanet', headVersion: 1 },
      'one logit per class and anchor'
    );
  if (get('NUM_CONVS') !== 4)
    refuse('NUM_CONVS', "cannot be represented: ArchScope's RetinaNet towers have four 3x3 convs");
  else b.checked(`${P}.NUM_CONVS`, 'four convs per tower');
  if (get('NORM') !== '')
    refuse(
      'NORM',
      "cannot be represented: detectron2's normed RetinaNet head keeps biased convs, unlike torchvision's v2 head"
    );
}

export function mapAnchors(r: KeyReader, b: ConfigBuilder, levelsKey: string): void {
  const P = `${M}.ANCHOR_GENERATOR`;
  const get = (k: string) => r.get(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  const n = strings(r.get(levelsKey))?.length ?? 0;
  if (get('NAME') !== 'DefaultAnchorGenerator')
    refuse('NAME', 'is not modelled: ArchScope lays anchors out as DefaultAnchorGenerator');
  else if (r.given(`${P}.NAME`)) b.checked(`${P}.NAME`, 'anchors per level and location');
  const perLevel = (v: PyValue | undefined): number[][] | null => {
    if (!Array.isArray(v) || !v.every((s) => numbers(s))) return null;
    const lists = v as number[][];
    return lists.length === 1 ? Array.from({ length: n }, () => lists[0]) : lists.length === n ? lists : null;
  };
  const sizes = perLevel(get('SIZES'));
  const split = sizes && anchorSizes(sizes);
  if (!split || split.anchorSizes.length > 6 || split.anchorScales.length > 8)
    refuse(
      'SIZES',
      `cannot be represented: give one list of sizes per level (${n} levels), with the same ratios between sizes on every level, e.g. [[32], [64], [128], [256], [512]]`
    );
  else b.set(`${P}.SIZES`, { ...split, anchorIntSizes: false });
  const ratios = perLevel(get('ASPECT_RATIOS'));
  if (!ratios || ratios.some((l) => l.join() !== ratios[0].join()) || ratios[0].length > 8)
    refuse(
      'ASPECT_RATIOS',
      'cannot be represented: ArchScope uses the same aspect ratios on every level, e.g. [[0.5, 1.0, 2.0]]'
    );
  else b.set(`${P}.ASPECT_RATIOS`, { anchorRatios: ratios[0] });
  if (get('OFFSET') !== 0)
    refuse(
      'OFFSET',
      'cannot be represented: ArchScope puts anchor centres at the cell corners (OFFSET 0.0), as torchvision does'
    );
  else if (r.given(`${P}.OFFSET`)) b.checked(`${P}.OFFSET`, 'anchor centres at the cell corners');
}
