/**
 * "Compare with ..." variants: the current config with one idea changed, opened side by side. A
 * variant keeps the pyramid's meaning: the same strides feed the same levels (fpnIn is re-chosen by
 * stride when the change moves the stages' strides), or the menu says how the pyramid changes.
 */
import { buildModel } from '../models/build';
import type { ModelConfig } from '../models/config';
import { STAGE_TAPS } from '../models/taps';
import { PRESETS } from '../models/presets';
import { encodeCompare } from './compare-url';
import { presetBase } from './url';
import { withQuery } from './paths';

export interface Variant {
  label: string;
  changes: Array<[string, string]>;
  /** The strides its FPN reads (a neck variant's own design); by default, the current config's. */
  fpnStrides?: number[];
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
    { label: 'RetinaNet neck (P3-P7)', changes: RETINA, fpnStrides: [8, 16, 32] },
    { label: 'Faster R-CNN FPN (P2-P6)', changes: FASTER, fpnStrides: [4, 8, 16, 32] },
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

type Apply = (
  changes: Array<[string, string]>
) => { ok: true; config: ModelConfig } | { ok: false; message: string };

/** A variant as the menu offers it: B's config (null where it does not resolve) and what else changed. */
export interface PlannedVariant {
  label: string;
  config: ModelConfig | null;
  /** Why the variant is not offered (the schema's message), when `config` is null. */
  why: string;
  /** What the variant changed besides its own keys, or how B's pyramid differs from A's; else null. */
  note: string | null;
}

const levelText = (levels: Array<{ name: string; stride: number }>) =>
  levels.map((l) => `${l.name} /${l.stride}`).join(', ');

/**
 * The stage taps of `cfg` at the given strides, the deepest of equal strides (TF-slim's C4 and C5
 * are both /32: block4 is the one seed 002 feeds to P5); else why not, in the user's terms.
 */
export function tapsAtStrides(cfg: ModelConfig, strides: number[]): { taps: string[] } | { why: string } {
  const features = buildModel(cfg).backbone.features;
  const picked = strides.map((s) => [...STAGE_TAPS].reverse().find((t) => features[t]?.stride === s));
  const missing = strides.filter((_, i) => !picked[i]);
  if (missing.length) return { why: `no stage at stride ${missing.join(', ')}` };
  const repeated = strides.filter((s, i) => strides.indexOf(s) !== i);
  if (repeated.length) return { why: `two levels at stride ${repeated.join(', ')}` };
  return { taps: picked as string[] };
}

/**
 * Resolves a variant against the current config `a`. With an FPN on B, fpnIn is re-chosen so the
 * strides the variant means (its own design's, or A's) feed the pyramid, and the note says so; where
 * that is impossible the note says why and lists B's levels with their strides.
 */
export function planVariant(a: ModelConfig, v: Variant, apply: Apply): PlannedVariant {
  const plain = (config: ModelConfig | null, why = '', note: string | null = null): PlannedVariant => ({
    label: v.label,
    config,
    why,
    note
  });
  const first = apply(v.changes);
  if (!first.ok) return plain(null, first.message);
  let b = first.config;
  const theirs = a.neck === 'fpn' ? buildModel(a).pyramid : [];
  const wanted = v.fpnStrides ?? (theirs.length ? theirs.filter((l) => !l.extra).map((l) => l.stride) : null);
  if (b.neck !== 'fpn' || !wanted) return plain(b);
  const found = tapsAtStrides(b, wanted);
  if ('taps' in found && found.taps.join() !== b.fpnIn.join()) {
    const again = apply([...v.changes, ['fpnIn', found.taps.join(',')]]);
    if (again.ok) b = again.config;
  }
  const mine = buildModel(b).pyramid;
  const fed = mine.filter((l) => !l.extra).map((l) => l.name);
  const range = fed.length > 1 ? `${fed[0]}–${fed[fed.length - 1]}` : fed.join('');
  if ('taps' in found) {
    if (found.taps.join() === first.config.fpnIn.join()) return plain(b);
    const same = v.fpnStrides ? '' : ', as in A';
    return plain(
      b,
      '',
      `also fpnIn=${found.taps.join(',')}: strides ${wanted.join(', ')} feed ${range}${same}`
    );
  }
  if (v.fpnStrides || levelText(mine) !== levelText(theirs))
    return plain(b, '', `${found.why}: the pyramid becomes ${levelText(mine)}`);
  return plain(b);
}
