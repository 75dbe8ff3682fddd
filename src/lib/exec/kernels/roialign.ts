/**
 * torchvision's MultiScaleRoIAlign over roi_align(aligned=False): each box is pooled from its level
 * (regions.ts) into an oh x ow grid, each bin the mean of sr x sr bilinear samples at
 * start + (k + 0.5) x bin / sr. Those samples form one uniform grid per box, which is exactly what
 * tf.image.cropAndResize samples, so a crop of (oh x sr) x (ow x sr) points and an sr x sr average pool
 * give roi_align's numbers. Border rules differ and are bridged by padding each level with one copy of
 * its edge rows and columns: roi_align reads a sample in [-1, 0] or [H - 1, H] as the edge pixel and
 * returns 0 beyond, and cropAndResize on the padded map does the same with extrapolation value 0.
 *
 * cropAndResize runs once per image: tfjs's WebGL shader indexes the image by the box number, which is
 * only right for a batch of one image (its getter then ignores the batch index).
 */
import type { RoiAlignAttrs } from '../../core/types';
import { type Box, boxLevel, chooseBoxes, levelScale } from '../regions';
import type { Tensor, Tensor4D, Tf } from '../tf';
import type { KernelContext } from './context';

interface Placed {
  /** Output row: image n, box i -> n x regions + i (torchvision's order). */
  row: number;
  image: number;
  box: Box;
}

/** cropAndResize's normalised [y1, x1, y2, x2] for a box on a level of size h x w padded by 1 per side. */
function cropBox(box: Box, scale: number, a: RoiAlignAttrs, h: number, w: number): number[] {
  const sr = a.samplingRatio;
  const axis = (lo: number, hi: number, bins: number, size: number) => {
    const start = lo * scale;
    const bin = Math.max(hi * scale - start, 1) / bins;
    const first = start + (0.5 * bin) / sr + 1;
    const last = start + ((bins * sr - 0.5) * bin) / sr + 1;
    return [first / (size + 1), last / (size + 1)];
  };
  const [y1, y2] = axis(box[1], box[3], a.output[0], h);
  const [x1, x2] = axis(box[0], box[2], a.output[1], w);
  return [y1, x1, y2, x2];
}

export function roialign(
  tf: Tf,
  id: string,
  a: RoiAlignAttrs,
  levels: Tensor4D[],
  _p: unknown,
  ctx: KernelContext
): Tensor4D {
  const sr = a.samplingRatio;
  if (!(sr >= 1)) throw new Error(`${id}: RoIAlign needs a sampling ratio of at least 1, got ${sr}`);
  const [n, , , c] = levels[0].shape;
  const [oh, ow] = a.output;
  const total = n * a.regions;
  if (total === 0) return tf.zeros([0, oh, ow, c]);
  const [imageH, imageW] = ctx.imageSize;
  const scales = levels.map((l) => levelScale(l.shape[1], imageH));
  const kMin = -Math.log2(scales[0]);
  const kMax = -Math.log2(scales[scales.length - 1]);
  // torchvision reads kMin and kMax off the first and last scales; a box of level k pools from input
  // k - kMin. At odd sizes two levels can round to one scale, and the last input then goes unused.
  if (!(kMax >= kMin && kMax - kMin < levels.length)) {
    const found = scales.map((s) => `1/${1 / s}`).join(', ');
    throw new Error(`${id}: RoIAlign cannot map boxes to levels of scales ${found}`);
  }
  const boxes = chooseBoxes(imageH, imageW, a.regions, kMin, kMax);
  const perLevel: Placed[][] = levels.map(() => []);
  for (let image = 0; image < n; image++) {
    boxes.forEach((box, i) => {
      perLevel[boxLevel(box, kMin, kMax) - kMin].push({ row: image * a.regions + i, image, box });
    });
  }
  const parts: Tensor[] = [];
  const order: number[] = [];
  levels.forEach((level, l) => {
    const placed = perLevel[l];
    if (!placed.length) return;
    const [, h, w] = level.shape;
    const padded = tf.mirrorPad(
      level,
      [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0]
      ],
      'symmetric'
    );
    for (let image = 0; image < n; image++) {
      const mine = placed.filter((p) => p.image === image);
      if (!mine.length) continue;
      const one = n === 1 ? padded : tf.slice(padded, [image, 0, 0, 0], [1, h + 2, w + 2, c]);
      const coords = mine.flatMap((p) => cropBox(p.box, scales[l], a, h, w));
      const crops = tf.image.cropAndResize(
        one,
        tf.tensor2d(coords, [mine.length, 4]),
        tf.zeros([mine.length], 'int32'),
        [oh * sr, ow * sr],
        'bilinear',
        0
      );
      parts.push(sr === 1 ? crops : tf.avgPool(crops, [sr, sr], [sr, sr], 'valid'));
      for (const p of mine) order.push(p.row);
    }
  });
  const pooled = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  // Back to torchvision's order: output row r is pooled row inverse[r].
  const inverse = new Int32Array(total);
  order.forEach((row, k) => (inverse[row] = k));
  const sorted = order.every((row, k) => row === k);
  return (sorted ? pooled : tf.gather(pooled, tf.tensor1d(inverse, 'int32'), 0)) as Tensor4D;
}
