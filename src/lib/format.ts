/**
 * Every number and shape the site and the CLI print, formatted one way (a label must read the same
 * in the table, the diagrams, the exports and the terminal). One meaning per name.
 */
import type { Shape } from './core/types';

// One formatter for all calls: toLocaleString builds a new Intl.NumberFormat each time, which cost
// about 50 ms per slider tick across ResNet-152's 526 table rows.
const COUNT = new Intl.NumberFormat('en-US');

/** An exact count with thousands separators: 25557032 -> "25,557,032". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** Multiply-accumulate (or FLOP) counts to two decimals in K, M, G, T: 4089184256 -> "4.09 G". */
export function formatOps(n: number): string {
  if (n >= 1e12) return `${(n / 1e12).toFixed(2)} T`;
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} K`;
  return String(n);
}

const SI: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k']
];

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Three significant digits and an SI suffix, for chart axes and bars: 25557032 -> "25.6M", 5e8 -> "500M". */
export function formatCompact(n: number): string {
  // Round to 3 significant digits before choosing the unit (999.7M reads 1G, not 1.00e+3M), and trim
  // zeros only after a decimal point (500M must not become 5M).
  const r = Number(n.toPrecision(3));
  for (const [v, s] of SI) if (Math.abs(r) >= v) return `${trimZeros((r / v).toPrecision(3))}${s}`;
  return String(Math.round(n));
}

/** Binary units (KiB, MiB, GiB), as memory is allocated: 3 * 1024^2 -> "3.0 MiB". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/**
 * An effective stride. Resizing to an arbitrary size gives a fractional one (PSPNet's 60 -> 473 upsample:
 * 8 * 60 / 473 = 1.0148...), which reads to two decimals; whole strides stay exact. Also used for receptive-field centres.
 */
export function formatStride(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

/** The whole shape as PyTorch prints it: "[1, 2048, 7, 7]". */
export function formatShape(s: Shape | null | undefined): string {
  return s ? `[${s.join(', ')}]` : 'n/a';
}

/** Channels x H x W, the part of a shape that changes along the network: "2048×7×7". */
export function formatCHW(s: Shape | null | undefined): string {
  return s ? `${s[1]}×${s[2]}×${s[3]}` : 'no shape';
}

/** Spatial size and channels as the pyramid labels them: "7×7 / 2048". */
export function formatSpatial(s: Shape | null | undefined): string {
  return s ? `${s[2]}×${s[3]} / ${s[1]}` : 'n/a';
}

/** English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st. */
export function ordinal(n: number): string {
  const teen = Math.abs(n) % 100;
  const suffix = teen >= 11 && teen <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th');
  return `${n}${suffix}`;
}
