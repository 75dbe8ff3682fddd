import { describe, expect, it } from 'vitest';
import { IMAGENET_MEAN, IMAGENET_STD, imageToTensor } from '../../src/lib/image/preprocess';

/** RGBA pixels from [r, g, b] triples, row-major. */
function image(width: number, height: number, rgb: number[][]) {
  const data = new Uint8ClampedArray(width * height * 4);
  rgb.forEach(([r, g, b], i) => data.set([r, g, b, 255], i * 4));
  return { width, height, data };
}

describe('ImageNet preprocessing', () => {
  it("uses torchvision's published mean and std", () => {
    expect(IMAGENET_MEAN).toEqual([0.485, 0.456, 0.406]);
    expect(IMAGENET_STD).toEqual([0.229, 0.224, 0.225]);
  });

  it('normalises per channel into NCHW at the same size', () => {
    const out = imageToTensor(
      image(2, 1, [
        [255, 0, 51],
        [0, 255, 102]
      ]),
      [1, 2]
    );
    // (1 - 0.485) / 0.229 = 2.24890830; (0 - 0.485) / 0.229 = -2.11790393;
    // G: (0 - 0.456) / 0.224 = -2.03571429, (1 - 0.456) / 0.224 = 2.42857143;
    // B: (0.2 - 0.406) / 0.225 = -0.91555556, (0.4 - 0.406) / 0.225 = -0.02666667.
    const want = [2.2489083, -2.11790393, -2.03571429, 2.42857143, -0.91555556, -0.02666667];
    want.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('resizes like F.interpolate(bilinear, align_corners=False)', () => {
    // Upsampling 2 -> 4 samples at source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1):
    // [a, 0.75a + 0.25b, 0.25a + 0.75b, b]. With a = 0, b = 255 and mean 0, std 1: [0, 0.25, 0.75, 1].
    const up = imageToTensor(
      image(2, 1, [
        [0, 0, 0],
        [255, 255, 255]
      ]),
      [1, 4],
      [0, 0, 0],
      [1, 1, 1]
    );
    expect([...up.slice(0, 4)]).toEqual([0, 0.25, 0.75, 1]);
    // Downsampling 2x2 -> 1x1 samples the centre (0.5, 0.5): the mean of the four pixels.
    const down = imageToTensor(
      image(2, 2, [
        [0, 0, 0],
        [51, 0, 0],
        [102, 0, 0],
        [255, 0, 0]
      ]),
      [1, 1],
      [0, 0, 0],
      [1, 1, 1]
    );
    expect(down[0]).toBeCloseTo((0 + 0.2 + 0.4 + 1) / 4, 6);
  });

  it('rejects pixel data that does not match its size', () => {
    expect(() => imageToTensor({ width: 4, height: 4, data: new Uint8ClampedArray(8) }, [2, 2])).toThrow(
      /does not hold 4x4 RGBA pixels/
    );
  });
});
