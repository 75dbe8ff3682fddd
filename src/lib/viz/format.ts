/** Number and shape formatting shared by the diagrams (labels must read the same everywhere). */
import type { Shape } from '../core/types';

const SI: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k']
];

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** 25557032 -> "25.6M", 5e8 -> "500M"; small numbers stay exact. */
export function fmtCount(n: number): string {
  // Round to 3 significant digits before choosing the unit (999.7M reads 1G, not 1.00e+3M), and trim
  // zeros only after a decimal point (500M must not become 5M).
  const r = Number(n.toPrecision(3));
  for (const [v, s] of SI) if (Math.abs(r) >= v) return `${trimZeros((r / v).toPrecision(3))}${s}`;
  return String(Math.round(n));
}

/** Spatial size and channels as the pyramid labels them: "7×7 / 2048". */
export function fmtSpatial(shape: Shape | null | undefined): string {
  return shape ? `${shape[2]}×${shape[3]} / ${shape[1]}` : 'n/a';
}

/** Shape without the batch, channels first as PyTorch prints it: "2048×7×7". */
export function fmtShape(shape: Shape | null | undefined): string {
  return shape ? `${shape[1]}×${shape[2]}×${shape[3]}` : 'no shape';
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}
