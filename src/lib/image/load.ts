/**
 * The one image loader: a URL or the user's File -> a decoded image with a self-contained data: URL
 * (it survives the anchors view's SVG/PNG export and needs no object URL to revoke), and its RGBA pixels
 * for the live run. A File is read in the browser: the image never leaves it.
 */
import type { PixelData } from './preprocess';

export interface LoadedImage {
  /** data: URL of the image bytes. */
  url: string;
  /** The file name, or the URL it came from. */
  name: string;
  element: HTMLImageElement;
}

const KINDS = 'PNG, JPEG, WebP, GIF or SVG';
/** Big photos are shrunk first (keeping the aspect ratio); the model input is far smaller anyway. */
const MAX_SIDE = 1024;

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error('the file could not be read'));
    r.readAsDataURL(blob);
  });
}

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}

/** Throws in the user's terms: a file that is not an image, or one that does not decode. */
export async function loadImage(src: string | File): Promise<LoadedImage> {
  const name = typeof src === 'string' ? src : src.name;
  // An empty type (no known extension) is left to the decoder to judge.
  if (typeof src !== 'string' && src.type && !src.type.startsWith('image/')) {
    throw new Error(`"${name}" is not an image (${src.type}); pick a ${KINDS} file`);
  }
  const url = await readAsDataUrl(typeof src === 'string' ? await fetchBlob(src) : src);
  const element = new Image();
  element.decoding = 'async';
  element.src = url;
  try {
    await element.decode();
  } catch {
    throw new Error(`"${name}" could not be decoded as an image (${KINDS})`);
  }
  return { url, name, element };
}

/** RGBA pixels at the image's natural size (at most MAX_SIDE on the longer side). */
export function imagePixels({ element }: LoadedImage): PixelData {
  // An SVG without width and height has no natural size.
  const w0 = element.naturalWidth || 640;
  const h0 = element.naturalHeight || 480;
  const scale = Math.min(1, MAX_SIDE / Math.max(w0, h0));
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gave no 2D canvas to read the image with');
  ctx.drawImage(element, 0, 0, width, height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}
