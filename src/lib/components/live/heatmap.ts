/**
 * Pixels for feature maps and segmentation, as plain functions over NCHW data (no DOM), so the
 * components only blit the result into a canvas.
 */
import type { Shape } from '$lib/core/types';

/** Viridis endpoints and midpoints, enough for a smooth ramp with linear interpolation. */
const RAMP: Array<[number, number, number]> = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37]
];

function ramp(t: number): [number, number, number] {
  const x = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(x), RAMP.length - 2);
  const f = x - i;
  const a = RAMP[i];
  const b = RAMP[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/**
 * One channel of a [1, C, H, W] tensor as RGBA, scaled to its own min..max (each channel has its own
 * range; a shared scale would leave most channels black). A constant channel is drawn mid-ramp.
 */
export function channelPixels(
  data: Float32Array,
  shape: Shape,
  channel: number
): Uint8ClampedArray<ArrayBuffer> {
  const [, , h, w] = shape;
  const plane = h * w;
  const off = channel * plane;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < plane; i++) {
    const v = data[off + i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  const out = new Uint8ClampedArray(plane * 4);
  for (let i = 0; i < plane; i++) {
    const [r, g, b] = ramp(span > 0 ? (data[off + i] - lo) / span : 0.5);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Per-pixel argmax over the channels of [1, C, H, W]: the predicted class index. */
export function argmaxClasses(data: Float32Array, shape: Shape): Uint16Array {
  const [, c, h, w] = shape;
  const plane = h * w;
  const out = new Uint16Array(plane);
  for (let i = 0; i < plane; i++) {
    let best = 0;
    let bestV = data[i];
    for (let k = 1; k < c; k++) {
      const v = data[k * plane + i];
      if (v > bestV) {
        bestV = v;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Distinct colours per class: golden-angle hue steps, so neighbouring class ids differ clearly. */
export function classColor(k: number): [number, number, number] {
  const hue = (k * 137.508) % 360;
  const s = 0.65;
  const l = 0.5;
  const f = (n: number) => {
    const kk = (n + hue / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(kk - 3, 9 - kk, 1))));
  };
  return [f(0), f(8), f(4)];
}

export function segmentationPixels(classes: Uint16Array, alpha = 150): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(classes.length * 4);
  for (let i = 0; i < classes.length; i++) {
    const [r, g, b] = classColor(classes[i]);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = alpha;
  }
  return out;
}
