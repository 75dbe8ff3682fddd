/** Number and shape formatting shared by the explorer's tables and the text exports. */
import type { Shape } from '../core/types';

// One formatter for all calls: toLocaleString builds a new Intl.NumberFormat each time, which cost
// about 50 ms per slider tick across ResNet-152's 526 table rows.
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** Compact multiply-accumulate (or FLOP) counts, with the same thresholds as the CLI. */
export function formatOps(n: number): string {
  if (n >= 1e12) return `${(n / 1e12).toFixed(2)} T`;
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} K`;
  return String(n);
}

/** Binary units, because activation memory is allocated in bytes. */
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

export function formatShape(s: Shape | null | undefined): string {
  return s ? `[${s.join(', ')}]` : 'n/a';
}

/** Channels x H x W: the part of a shape that changes along the network. */
export function formatCHW(s: Shape | null | undefined): string {
  return s ? `${s[1]} × ${s[2]} × ${s[3]}` : 'n/a';
}
