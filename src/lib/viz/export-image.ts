/**
 * Diagram export: the SVG is cloned with its computed styles inlined (CSS variables and stylesheet
 * rules do not travel with a standalone file), then saved as is or drawn at 2x onto a canvas for PNG.
 * A zoomable diagram (the layer graph) is saved whole at its natural size: its zoom layer
 * (`data-zoom-layer`) loses the zoom and the file's viewBox is the whole drawing, not the screen.
 */
import { type ModelConfig, resolveDepth } from '../models/config';
import { PRESETS, presetConfig } from '../models/presets';
import { downloadBlob } from '../export/download';
import type { Analysis } from '../models/analyze';

const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'paint-order',
  'marker-end'
];

/**
 * What a diagram's file is named after: the preset and the input size, as the table exports are, so
 * saving the same diagram at two sizes keeps both files (archscope-graph-resnet50-224x224.svg).
 */
export function exportStem(analysis: Analysis): string {
  const [, , h, w] = analysis.result.input;
  return `${presetName(analysis.model.config)}-${h}x${w}`;
}

export function exportFilename(diagram: string, name: string, ext: 'svg' | 'png'): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]+/g, '-') || 'custom';
  return `archscope-${diagram}-${safe}.${ext}`;
}

/** A zoomable diagram's drawing unzoomed, in its own units. */
export interface NaturalSize {
  width: number;
  height: number;
}

/**
 * A standalone SVG document for `svg`, styles inlined, with the background the page shows; with
 * `natural`, the whole drawing unzoomed at that size instead of what is on screen.
 */
export function serializeSvg(
  svg: SVGSVGElement,
  natural?: NaturalSize
): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (dst[i] as SVGElement).setAttribute('style', style);
    dst[i].removeAttribute('class');
    dst[i].removeAttribute('tabindex');
  });
  const box = svg.getBoundingClientRect();
  const own = svg.viewBox.baseVal;
  const size = natural ?? box;
  const vb =
    natural || !own || !own.width || !own.height
      ? { x: 0, y: 0, width: size.width, height: size.height }
      : { x: own.x, y: own.y, width: own.width, height: own.height };
  if (natural) for (const g of clone.querySelectorAll('[data-zoom-layer]')) g.removeAttribute('transform');
  const width = Math.round(vb.width);
  const height = Math.round(vb.height);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('viewBox', `${vb.x} ${vb.y} ${vb.width} ${vb.height}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const bg =
    getComputedStyle(svg.closest('.as-viz') ?? svg)
      .getPropertyValue('--as-bg')
      .trim() || '#ffffff';
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('x', String(vb.x));
  rect.setAttribute('y', String(vb.y));
  rect.setAttribute('width', String(vb.width));
  rect.setAttribute('height', String(vb.height));
  rect.setAttribute('fill', bg);
  clone.insertBefore(rect, clone.firstChild);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
  return { text, width, height };
}

export function downloadSvg(svg: SVGSVGElement, filename: string, natural?: NaturalSize): void {
  downloadBlob(new Blob([serializeSvg(svg, natural).text], { type: 'image/svg+xml' }), filename);
}

// Chromium refuses canvases past 32,767 px a side or about 268 M pixels; stay well inside both.
const MAX_SIDE = 16384;
const MAX_PIXELS = 64e6;

/** The PNG's scale: 2x where the canvas allows it, less for a very large drawing (a fully opened graph). */
export function pngScale(width: number, height: number, wanted = 2): number {
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
}

export async function svgToPng(svg: SVGSVGElement, natural?: NaturalSize): Promise<Blob> {
  const { text, width, height } = serializeSvg(svg, natural);
  const scale = pngScale(width, height);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the diagram could not be rendered to an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser has no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(
  svg: SVGSVGElement,
  filename: string,
  natural?: NaturalSize
): Promise<void> {
  downloadBlob(await svgToPng(svg, natural), filename);
}

const presetNames = new WeakMap<object, string>();

/** The preset a configuration equals (for file names), or 'custom' once it was changed. */
export function presetName(config: ModelConfig): string {
  let name = presetNames.get(config);
  if (name) return name;
  const key = JSON.stringify({ ...config, batch: 0 });
  name =
    PRESETS.find((p) => JSON.stringify({ ...resolveDepth(presetConfig(p.id)!), batch: 0 }) === key)?.id ??
    'custom';
  presetNames.set(config, name);
  return name;
}
