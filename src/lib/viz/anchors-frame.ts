/**
 * Where the anchors view draws things, in pixels of the tensor the anchors live on (after the detection
 * transform's resize and pad; the input itself without a transform): the resized input at the top left,
 * the transform's zero padding to the bottom and right, and the user's image inside the input with its
 * own aspect ratio (scaled to fit, top left, as torchvision places an image in its padded batch), never
 * stretched. Sizes come from the engine's shapes, never recomputed here.
 */
import type { Analysis } from '../models/analyze';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AnchorFrame {
  /** The tensor the backbone reads (the anchors' coordinates). */
  width: number;
  height: number;
  /** The model input as the transform resized it (the whole tensor without a transform). */
  content: Rect;
  /** The transform's zero padding: the strips right of and below the content (empty when none). */
  padding: Rect[];
  /** The image inside the content, aspect ratio kept; null without an image size. */
  image: Rect | null;
  /** Parts of the content the image does not cover (its aspect ratio differs from the input's). */
  uncovered: Rect[];
  /** The model input before the transform, [height, width]. */
  input: [number, number];
  /** The transform's resized size [height, width], or null without a transform. */
  resized: [number, number] | null;
}

const strips = (outer: { width: number; height: number }, inner: Rect): Rect[] =>
  [
    { x: inner.x + inner.width, y: 0, width: outer.width - inner.x - inner.width, height: outer.height },
    {
      x: 0,
      y: inner.y + inner.height,
      width: inner.x + inner.width,
      height: outer.height - inner.y - inner.height
    }
  ].filter((r) => r.width > 0 && r.height > 0);

/** `imageSize` is the image's natural [width, height]; null draws no image. */
export function anchorFrame(analysis: Analysis, imageSize: [number, number] | null): AnchorFrame | null {
  const { model, result } = analysis;
  const tensor = result.stats.get(model.image)?.shape;
  if (!tensor) return null;
  const [height, width] = [tensor[2], tensor[3]];
  const input: [number, number] = [result.input[2], result.input[3]];
  const resizedShape = model.transform ? result.stats.get(model.transform.resize)?.shape : null;
  const resized: [number, number] | null = resizedShape ? [resizedShape[2], resizedShape[3]] : null;
  const content: Rect = { x: 0, y: 0, width: resized?.[1] ?? width, height: resized?.[0] ?? height };
  let image: Rect | null = null;
  if (imageSize && imageSize[0] > 0 && imageSize[1] > 0) {
    const scale = Math.min(content.width / imageSize[0], content.height / imageSize[1]);
    image = { x: 0, y: 0, width: imageSize[0] * scale, height: imageSize[1] * scale };
    // Within a pixel the image is the input: the transform floors each side, so an image of the
    // input's own size comes out up to a pixel off its exact aspect ratio.
    if (content.width - image.width < 1 && content.height - image.height < 1) image = { ...content };
  }
  return {
    width,
    height,
    content,
    padding: strips({ width, height }, content),
    image,
    uncovered: image ? strips(content, image) : [],
    input,
    resized
  };
}

/**
 * The input size at which the model sees the whole image undistorted: the image's own size (a detector
 * with the transform resizes any size; without one the input must have the image's aspect ratio),
 * shrunk to `maxSide` if it is larger. [height, width].
 */
export function inputForImage(imageSize: [number, number], maxSide: number): [number, number] {
  const [w, h] = imageSize;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  return [Math.max(1, Math.round(h * scale)), Math.max(1, Math.round(w * scale))];
}

/** What the drawing's pixels are: the transform's resize and padding, or the input as given. */
export function frameCaption(f: AnchorFrame): string {
  const [h, w] = [f.height, f.width];
  if (!f.resized) return `Drawn at the model input ${h}×${w}.`;
  const pad = f.padding.length ? ` and pads it with zeros to ${h}×${w} (hatched)` : '';
  return `The transform resizes the ${f.input[0]}×${f.input[1]} input to ${f.resized[0]}×${f.resized[1]}${pad}; anchors are in those pixels.`;
}

/** How the image was placed; `size` is its natural [width, height]. */
export function imageCaption(f: AnchorFrame, name: string, size: [number, number]): string {
  const band = f.uncovered.length ? '; the grey band is input it does not cover' : '';
  return `Image: ${name} (${size[0]}×${size[1]}), scaled to fit with its aspect ratio kept${band}.`;
}
