/**
 * Image (URL or the user's File) -> RGBA pixels at its natural size, through an <img> and a canvas.
 * A File is read through an object URL: the image never leaves the browser.
 */
import type { PixelData } from '$lib/weights/preprocess';

/** Big photos are shrunk first (keeping the aspect ratio); the model input is far smaller anyway. */
const MAX_SIDE = 1024;

export async function loadPixels(src: string | File): Promise<PixelData & { url: string }> {
  const url = typeof src === 'string' ? src : URL.createObjectURL(src);
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  try {
    await img.decode();
  } catch {
    const name = typeof src === 'string' ? src : src.name;
    throw new Error(`${name} could not be read as an image (PNG, JPEG, WebP, GIF or SVG)`);
  }
  const w0 = img.naturalWidth || 640;
  const h0 = img.naturalHeight || 480;
  const scale = Math.min(1, MAX_SIDE / Math.max(w0, h0));
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gave no 2D canvas to read the image with');
  ctx.drawImage(img, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return { width, height, data, url };
}
