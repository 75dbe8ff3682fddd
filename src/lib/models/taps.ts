/**
 * The tap registry: the named feature maps every reader refers to (tables, diagrams, the CLI's JSON,
 * the compare page, live runs), in families listed in their canonical order. Naming and strides are
 * in docs/conventions.md. A new family of head taps is one entry in TAP_FAMILIES: a fixed list
 * (`box_head`, `mask_logits`) with `listFamily`, or one tap per pyramid level (`objectness/P3`,
 * `cls_logits/P3`) with `perLevelFamily`.
 */

/** Stage outputs C2..C5 (torchvision's layer1..4, TF-slim's block1..4): the taps that can feed an FPN. */
export const STAGE_TAPS = ['C2', 'C3', 'C4', 'C5'] as const;
export type StageTap = (typeof STAGE_TAPS)[number];

/** C1 is the stem conv's output before the max-pool (stride 2), `stem` the pool's (stride 4). */
export const BACKBONE_TAPS = ['C1', 'stem', ...STAGE_TAPS] as const;
export type BackboneTap = (typeof BACKBONE_TAPS)[number];

/** Pyramid levels; Pi nominally has stride 2^i. */
export const PYRAMID_LEVELS = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7'] as const;
export type PyramidLevel = (typeof PYRAMID_LEVELS)[number];

const within = (list: readonly string[], t: string) => list.includes(t);
export const isStageTap = (t: string): t is StageTap => within(STAGE_TAPS, t);
export const isBackboneTap = (t: string): t is BackboneTap => within(BACKBONE_TAPS, t);
export const isPyramidLevel = (t: string): t is PyramidLevel => within(PYRAMID_LEVELS, t);

export interface TapFamily {
  name: string;
  /** Whether a tap name belongs to the family. */
  has(tap: string): boolean;
  /** Order within the family; equal ranks keep graph order. */
  rank(tap: string): number;
  /** The graph stage (top-level group path) its taps sit in, which also picks their colour. */
  stage(tap: string): string;
  /** Per-level families only: the pyramid level a tap is taken on (`P3` of `cls_logits/P3`). */
  level?(tap: string): string;
}

/** A family with a fixed list of names, ranked in list order. */
export function listFamily(
  name: string,
  taps: readonly string[],
  stage: string | ((t: string) => string)
): TapFamily {
  return {
    name,
    has: (t) => taps.includes(t),
    rank: (t) => taps.indexOf(t),
    stage: typeof stage === 'string' ? () => stage : stage
  };
}

/** A head family with one tap per pyramid level, `${name}/P3` ..., ranked by level. */
export function perLevelFamily(name: string, stage: string): TapFamily {
  const level = (t: string) => (t.startsWith(`${name}/`) ? t.slice(name.length + 1) : '');
  return {
    name,
    has: (t) => isPyramidLevel(level(t)),
    rank: (t) => PYRAMID_LEVELS.indexOf(level(t) as PyramidLevel),
    stage: () => stage,
    level
  };
}

/** PSPNet's pooling branches are `ppm<bins>` (ppm1, ppm2, ppm3, ppm6), in the configured bin order. */
export const isPoolingBranch = (t: string) => /^ppm\d+$/.test(t);

export const TAP_FAMILIES: TapFamily[] = [
  listFamily('backbone', BACKBONE_TAPS, (t) => (t === 'C1' ? 'stem' : t)),
  listFamily('pyramid', PYRAMID_LEVELS, 'neck'),
  // The branches, then their concat with C5.
  {
    name: 'pooling',
    has: (t) => isPoolingBranch(t) || t === 'ppm_concat',
    rank: (t) => (t === 'ppm_concat' ? 1 : 0),
    stage: () => 'ppm'
  },
  // PSPNet's score map (cls) and the segmenters' upsampled output (out); the classifier's logits.
  listFamily('prediction', ['cls', 'out', 'logits'], 'head'),
  listFamily('auxiliary', ['aux'], 'aux'),
  // torchvision's RPN head: objectness logits and box deltas at every level.
  perLevelFamily('objectness', 'rpn'),
  perLevelFamily('pred_bbox_deltas', 'rpn'),
  // RetinaNet's and FCOS's dense heads: class logits, box regression, FCOS's centerness.
  perLevelFamily('cls_logits', 'head'),
  perLevelFamily('bbox_regression', 'head'),
  perLevelFamily('bbox_ctrness', 'head'),
  // The R-CNN RoI heads, in the order torchvision runs them.
  listFamily(
    'roi_heads',
    [
      'box_roi_pool',
      'box_head',
      'class_logits',
      'box_regression',
      'mask_roi_pool',
      'mask_head',
      'mask_logits',
      'keypoint_roi_pool',
      'keypoint_head',
      'keypoint_logits'
    ],
    'roi_heads'
  )
];

export function tapFamily(tap: string): TapFamily | undefined {
  return TAP_FAMILIES.find((f) => f.has(tap));
}

/** `objectness/P3` -> { family: objectness, level: P3 }; null for a tap that is not taken per level. */
export function perLevelTap(tap: string): { family: string; level: string } | null {
  const f = tapFamily(tap);
  return f?.level ? { family: f.name, level: f.level(tap) } : null;
}

/** Families a diagram draws along the backbone's main line (the pyramid overview's top row). */
export const MAIN_LINE_FAMILIES = ['backbone', 'pooling', 'prediction'];

/**
 * A graph's taps (name -> node id) in canonical order: by family, then within a family; taps of no
 * registered family come last in graph order. The `input` pseudo-tap is left out.
 */
export function orderedTaps(taps: Record<string, string>): string[] {
  const key = (t: string): [number, number] => {
    const i = TAP_FAMILIES.findIndex((f) => f.has(t));
    return i < 0 ? [TAP_FAMILIES.length, 0] : [i, TAP_FAMILIES[i].rank(t)];
  };
  return Object.keys(taps)
    .filter((t) => t !== 'input')
    .map((t) => ({ t, k: key(t) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1])
    .map(({ t }) => t);
}
