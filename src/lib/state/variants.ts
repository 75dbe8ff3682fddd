/** "Compare with ..." variants: the current config with one idea changed, opened side by side. */
import type { ModelConfig } from '../models/config';
import { PRESETS } from '../models/presets';
import { encodeCompare } from './compare-url';
import { presetBase } from './url';
import { withQuery } from './paths';

export interface Variant {
  label: string;
  changes: Array<[string, string]>;
}

const RETINA: Array<[string, string]> = [
  ['head', 'none'],
  ['neck', 'fpn'],
  ['fpnIn', 'C3,C4,C5'],
  ['extra', 'p6p7'],
  ['p6From', 'C5'],
  ['anchorSizes', '32,64,128,256,512'],
  ['anchorScales', '1,2^(1/3),2^(2/3)'],
  ['anchorRatios', '0.5,1,2']
];
const FASTER: Array<[string, string]> = [
  ['head', 'none'],
  ['neck', 'fpn'],
  ['fpnIn', 'C2,C3,C4,C5'],
  ['extra', 'maxpool'],
  ['anchorSizes', '32,64,128,256,512'],
  ['anchorScales', '1'],
  ['anchorRatios', '0.5,1,2']
];

/**
 * torchvision's v1 and v2 designs of the same detector differ in these keys: the backbone's norm
 * (FrozenBatchNorm2d vs BatchNorm2d), the head design and, for Faster and Mask R-CNN, BN in the FPN;
 * RetinaNet v2 also takes P6 from C5. Null for a head torchvision builds in one design only.
 */
export function versionVariant(c: ModelConfig): Variant | null {
  const rcnn = c.head === 'fasterrcnn' || c.head === 'maskrcnn';
  if (!rcnn && c.head !== 'retinanet') return null;
  const toV2 = c.headVersion === 1;
  const changes: Array<[string, string]> = toV2
    ? [
        ['norm', 'bn'],
        ['headVersion', '2']
      ]
    : [
        ['norm', 'frozen'],
        ['headVersion', '1']
      ];
  if (rcnn) changes.push(['fpnNorm', toV2 ? 'bn' : 'none']);
  else changes.push(['p6From', toV2 ? 'C5' : 'P5']);
  return {
    label: toV2 ? 'v1 vs v2 (torchvision’s _v2 design)' : 'v2 vs v1 (torchvision’s v1 design)',
    changes
  };
}

export function variantsFor(c: ModelConfig): Variant[] {
  const version = versionVariant(c);
  return [
    ...(version ? [version] : []),
    c.style === 'slim'
      ? { label: 'torchvision placement', changes: [['style', 'torchvision']] }
      : { label: 'TF-slim placement', changes: [['style', 'slim']] },
    c.style === 'caffe'
      ? { label: 'torchvision placement (3x3 stride)', changes: [['style', 'torchvision']] }
      : { label: 'paper / Caffe placement', changes: [['style', 'caffe']] },
    c.outputStride === 8
      ? { label: 'output stride 32', changes: [['outputStride', '32']] }
      : { label: 'output stride 8 (dilated)', changes: [['outputStride', '8']] },
    { label: 'RetinaNet neck (P3-P7)', changes: RETINA },
    { label: 'Faster R-CNN FPN (P2-P6)', changes: FASTER },
    {
      label: c.preact ? 'post-activation (v1)' : 'pre-activation (v2)',
      changes: [['preact', String(!c.preact)]]
    },
    c.depth === 101
      ? { label: 'ResNet-50', changes: [['depth', '50']] }
      : { label: 'ResNet-101', changes: [['depth', '101']] }
  ];
}

/** The preset whose own config this is exactly, if any (so a compare link can name it). */
export function presetOf(c: ModelConfig): string | null {
  const text = JSON.stringify(c);
  return PRESETS.find((p) => JSON.stringify(presetBase(p.id).config) === text)?.id ?? null;
}

/** The compare page's address: each side's own query string, URI-encoded. */
export function compareHref(a: string, b: string) {
  return withQuery('/compare', encodeCompare(a, b));
}
