/**
 * The regions a live run feeds the RoI heads. A real detector pools the RPN's proposals (and its
 * post-processed detections); the live run has no trained RPN to trust, so it chooses the boxes itself,
 * deterministically, from the image size and the region count alone (docs/live-run.md, "RoI boxes").
 * scripts/fixtures/weights_parity.py makes the same boxes for PyTorch, so RoI outputs compare exactly.
 *
 * The level mapping is torchvision's MultiScaleRoIAlign: each level's scale is
 * 2^round(log2(feature height / image height)) (`_infer_scale`), and a box goes to level
 * floor(4 + log2(sqrt(area) / 224) + 1e-6) clamped to the levels present (`LevelMapper`).
 */

/** [x1, y1, x2, y2] in image pixels, as torchvision's boxes are. */
export type Box = [number, number, number, number];

const CANONICAL_SCALE = 224;
const CANONICAL_LEVEL = 4;
const LEVEL_EPS = 1e-6;
/** Height / width of the boxes, cycled so that every level sees square, tall and wide boxes. */
const RATIOS = [1, 2, 0.5];

/** torchvision's `_infer_scale`: the power of two nearest feature height / image height. */
export function levelScale(featureHeight: number, imageHeight: number): number {
  return 2 ** Math.round(Math.log2(Math.fround(featureHeight / imageHeight)));
}

/** torchvision's LevelMapper, in float32 as it computes: the pyramid level k of a box. */
export function boxLevel(box: Box, kMin: number, kMax: number): number {
  const f = Math.fround;
  const area = f(f(box[2] - box[0]) * f(box[3] - box[1]));
  const k = Math.floor(
    f(f(CANONICAL_LEVEL + f(Math.log2(f(f(Math.sqrt(area)) / CANONICAL_SCALE)))) + f(LEVEL_EPS))
  );
  return Math.min(Math.max(k, kMin), kMax);
}

/**
 * `count` boxes for an image of `height` x `width`, spread over the levels kMin..kMax:
 * - box i targets level kMin + (i mod L), L = kMax - kMin + 1, with sqrt(area) = 224 x 2^(level - 4) x
 *   sqrt(2), the middle (in log scale) of the sizes torchvision maps to that level, so no box sits on a
 *   level boundary;
 * - its height / width ratio is 1, 2, 0.5 for floor(i / L) mod 3 = 0, 1, 2 (same area);
 * - its centre is cell i of a g x ceil(count / g) grid over the image, g = ceil(sqrt(count)), row-major:
 *   ((i mod g + 0.5) x width / g, (floor(i / g) + 0.5) x height / rows);
 * - its top-left corner is clamped to (0, 0) without changing its size (torchvision requires
 *   0 <= x1 < x2), so boxes larger than the image extend past its bottom and right edges, where
 *   RoIAlign samples zeros, as torchvision's roi_align does outside the feature map.
 * Coordinates are rounded to float32, the dtype torchvision's boxes have.
 */
export function chooseBoxes(height: number, width: number, count: number, kMin: number, kMax: number): Box[] {
  const levels = kMax - kMin + 1;
  const g = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / g);
  return Array.from({ length: count }, (_, i): Box => {
    const level = kMin + (i % levels);
    const side = CANONICAL_SCALE * 2 ** (level - CANONICAL_LEVEL) * Math.SQRT2;
    const ratio = RATIOS[Math.floor(i / levels) % RATIOS.length];
    const h = side * Math.sqrt(ratio);
    const w = side / Math.sqrt(ratio);
    const cx = (((i % g) + 0.5) * width) / g;
    const cy = ((Math.floor(i / g) + 0.5) * height) / rows;
    const x1 = Math.max(0, cx - w / 2);
    const y1 = Math.max(0, cy - h / 2);
    return [x1, y1, x1 + w, y1 + h].map(Math.fround) as Box;
  });
}

/** What the live panel says about the boxes, next to the formula it describes. */
export function regionsNote(proposals: number, detections: number | null): string {
  const d = detections === null ? '' : ` (${detections} for the mask or keypoint head)`;
  const none =
    detections === 0
      ? ' With 0 detections that head runs on an empty batch: its shapes start with 0 and it has no statistics.'
      : '';
  return (
    `The RoI heads run on ${proposals} boxes per image${d} that the run chooses deterministically from ` +
    `the image size, not on RPN proposals: a grid of centres with one box size per pyramid level, so ` +
    `every level is pooled, and PyTorch given the same boxes computes the same outputs.${none}`
  );
}
