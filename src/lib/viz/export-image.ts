/**
 * Diagram export: the SVG is cloned with its computed styles inlined (CSS variables and stylesheet
 * rules do not travel with a standalone file), then saved as is or drawn at 2x onto a canvas for PNG.
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

/** A standalone SVG document for `svg`, styles inlined, with the background the page shows. */
export function serializeSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
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
  const vb = svg.viewBox.baseVal;
  const width = Math.round(vb && vb.width ? vb.width : box.width);
  const height = Math.round(vb && vb.height ? vb.height : box.height);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const bg =
    getComputedStyle(svg.closest('.as-viz') ?? svg)
      .getPropertyValue('--as-bg')
      .trim() || '#ffffff';
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('x', vb && vb.width ? String(vb.x) : '0');
  rect.setAttribute('y', vb && vb.height ? String(vb.y) : '0');
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', String(height));
  rect.setAttribute('fill', bg);
  clone.insertBefore(rect, clone.firstChild);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
  return { text, width, height };
}

export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  downloadBlob(new Blob([serializeSvg(svg).text], { type: 'image/svg+xml' }), filename);
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = serializeSvg(svg);
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

export async function downloadPng(svg: SVGSVGElement, filename: string): Promise<void> {
  downloadBlob(await svgToPng(svg), filename);
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
