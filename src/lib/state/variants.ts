/** "Compare with ..." variants: the current config with one idea changed, opened side by side. */
import type { ModelConfig } from '../models/config';
import { encodeCompare } from './compare-url';
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

export function variantsFor(c: ModelConfig): Variant[] {
  return [
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

/** The compare page's address: each side's own query string, URI-encoded. */
export function compareHref(a: string, b: string) {
  return withQuery('/compare', encodeCompare(a, b));
}
