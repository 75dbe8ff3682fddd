/**
 * Which keys mean something for a config: a key that the builders never read for this head (or this
 * block, or without the transform) gets the reason, in the user's terms, so the config panel can
 * disable it and say why instead of letting a change do nothing.
 */
import { DEPTHS, type ModelConfig } from './config';
import { C5_HEADS, PYRAMID_HEADS, ROI_HEADS } from './heads';

type Rule = (c: ModelConfig) => string | null;

const isBasic = (c: ModelConfig) => (DEPTHS[c.depth]?.block ?? c.block) === 'basic';

const mmsegOnly = (c: ModelConfig, ...heads: string[]) =>
  heads.includes(c.head) ? null : `only head=${heads.join(' or head=')} reads it (head=${c.head})`;

const RULES: Partial<Record<keyof ModelConfig, Rule>> = {
  groups: (c) =>
    isBasic(c)
      ? "basic blocks have no grouped 3x3 conv (torchvision's BasicBlock): use depth 50, 101 or 152"
      : null,
  widthPerGroup: (c) =>
    isBasic(c)
      ? 'basic blocks have a fixed width (torchvision refuses other widths): use depth 50, 101 or 152'
      : null,
  headVersion: (c) => {
    if (c.head === 'fcos') return 'FCOS has one head design in torchvision';
    return PYRAMID_HEADS.includes(c.head)
      ? null
      : `only the R-CNN and RetinaNet heads have a v2 design (head=${c.head})`;
  },
  keypoints: (c) =>
    c.head === 'keypointrcnn' ? null : `only Keypoint R-CNN predicts keypoints (head=${c.head})`,
  proposals: (c) =>
    ROI_HEADS.includes(c.head)
      ? null
      : `head=${c.head} has no RoI heads: it predicts on every location of every level`,
  detections: (c) => {
    if (c.head === 'maskrcnn' || c.head === 'keypointrcnn') return null;
    if (c.head === 'fasterrcnn')
      return 'Faster R-CNN has no mask or keypoint head, so nothing runs on the detections';
    return `head=${c.head} has no RoI heads`;
  },
  aux: (c) =>
    C5_HEADS.includes(c.head)
      ? null
      : `the auxiliary head belongs to the segmentation heads (head=${c.head})`,
  segChannels: (c) => mmsegOnly(c, 'mmseg_aspp', 'mmseg_fcn'),
  asppDilations: (c) => mmsegOnly(c, 'mmseg_aspp'),
  fcnConvs: (c) => mmsegOnly(c, 'mmseg_fcn'),
  fcnConcat: (c) => mmsegOnly(c, 'mmseg_fcn'),
  fcnKernel: (c) => mmsegOnly(c, 'mmseg_fcn'),
  fcnDilation: (c) => mmsegOnly(c, 'mmseg_fcn'),
  minSize: (c) => (c.transform !== 'none' ? null : 'transform=none feeds the size as given'),
  maxSize: (c) => (c.transform !== 'none' ? null : 'transform=none feeds the size as given'),
  sizeDivisible: (c) => (c.transform !== 'none' ? null : 'transform=none feeds the size as given'),
  background: (c) =>
    ROI_HEADS.includes(c.head) ? null : `head=${c.head} has no R-CNN predictors (box deltas, mask logits)`,
  p7Relu: (c) => (c.extra === 'p6p7' ? null : `extra=${c.extra} has no P7`),
  classes: (c) => (c.head === 'none' ? 'head=none has no classes' : null)
};

/** Why `key` has no effect on this config, or null when it applies. */
export function notApplicable(key: string, cfg: ModelConfig): string | null {
  return RULES[key as keyof ModelConfig]?.(cfg) ?? null;
}
