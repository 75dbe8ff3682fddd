/**
 * Image -> normalised NCHW float32 input, as torchvision's ImageNet models expect it: RGB in [0, 1],
 * then (x - mean) / std per channel.
 *
 * Resizing: bilinear with half-pixel centres and no antialiasing, i.e. exactly
 * torch.nn.functional.interpolate(x, size, mode='bilinear', align_corners=False) on the [0, 1] image.
 * torchvision's transforms.Resize on a PIL image antialiases when shrinking, so a strongly downscaled
 * photo differs slightly from what PIL gives; at equal or larger sizes the two agree. Alpha is ignored.
 */

/** torchvision's ImageNet statistics (the `transforms.Normalize` of every torchvision classification recipe). */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

export interface PixelData {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major (ImageData.data). */
  data: Uint8ClampedArray | Uint8Array;
}

/** Source sample positions for one axis: lower index, upper index, weight of the upper one. */
function axisTaps(inSize: number, outSize: number): { lo: Int32Array; hi: Int32Array; t: Float32Array } {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const t = new Float32Array(outSize);
  const scale = inSize / outSize;
  for (let i = 0; i < outSize; i++) {
    const src = Math.max((i + 0.5) * scale - 0.5, 0);
    const l = Math.min(Math.floor(src), inSize - 1);
    lo[i] = l;
    hi[i] = Math.min(l + 1, inSize - 1);
    t[i] = src - l;
  }
  return { lo, hi, t };
}

/** Returns [1, 3, height, width] as a flat Float32Array. */
export function imageToTensor(
  img: PixelData,
  [height, width]: [number, number],
  mean: readonly number[] = IMAGENET_MEAN,
  std: readonly number[] = IMAGENET_STD
): Float32Array {
  if (img.width < 1 || img.height < 1 || img.data.length < img.width * img.height * 4) {
    throw new Error(`the image data does not hold ${img.width}x${img.height} RGBA pixels`);
  }
  if (!(height >= 1 && width >= 1)) throw new Error(`cannot resize to ${height}x${width}`);
  const ys = axisTaps(img.height, height);
  const xs = axisTaps(img.width, width);
  const out = new Float32Array(3 * height * width);
  const plane = height * width;
  const px = (y: number, x: number, c: number) => img.data[(y * img.width + x) * 4 + c] / 255;
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < height; y++) {
      const y0 = ys.lo[y];
      const y1 = ys.hi[y];
      const ty = ys.t[y];
      for (let x = 0; x < width; x++) {
        const x0 = xs.lo[x];
        const x1 = xs.hi[x];
        const tx = xs.t[x];
        const top = px(y0, x0, c) * (1 - tx) + px(y0, x1, c) * tx;
        const bottom = px(y1, x0, c) * (1 - tx) + px(y1, x1, c) * tx;
        out[c * plane + y * width + x] = (top * (1 - ty) + bottom * ty - mean[c]) / std[c];
      }
    }
  }
  return out;
}
