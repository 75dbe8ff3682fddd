/**
 * The refusal a page shows before starting a run that would not fit, with a smaller input of the same
 * aspect ratio that does (found by re-running the engine, which is cheap).
 */
import { infer } from '../core/infer';
import type { Graph, Shape } from '../core/types';
import { formatBytes } from '../format';
import { type BackendName, type RunEstimate, estimateRun } from './estimate';

export interface RunLimits {
  /** Activations plus weights. */
  totalBytes: number;
  /** WebGL's MAX_TEXTURE_SIZE; ignored on wasm and cpu. */
  maxTextureSize?: number;
}

export const DEFAULT_LIMITS: Record<BackendName, RunLimits> = {
  // WebGPU keeps tensors in storage buffers, not textures: no texture-size limit.
  webgpu: { totalBytes: 1.5e9 },
  webgl: { totalBytes: 1.5e9, maxTextureSize: 8192 },
  // wasm memory is one 32-bit heap (at most 4 GB, often 2 GB) that also holds copies during upload.
  wasm: { totalBytes: 1.5e9 },
  cpu: { totalBytes: 1.5e9 }
};

export type BudgetVerdict =
  | { ok: true; estimate: RunEstimate }
  | { ok: false; estimate: RunEstimate; message: string; suggestion: [number, number] | null };

function problems(e: RunEstimate, limits: RunLimits): string[] {
  const out: string[] = [];
  if (e.unknown.length)
    out.push(`the shape engine cannot compute ${e.unknown[0]} at this size, so the run would fail there`);
  const total = e.peakBytes + e.weightBytes;
  if (total > limits.totalBytes) {
    // After a RoIAlign the batch is the regions, so there the region count sets the size.
    const r = e.peakRegions;
    const per = r ? `, where the batch is the ${r.regions} ${r.source} per image` : '';
    out.push(
      `it needs about ${formatBytes(total)} (activations peak at ${formatBytes(e.peakBytes)} at ${e.peakNode}${per}, weights ${formatBytes(e.weightBytes)}), over the ${formatBytes(limits.totalBytes)} budget for ${e.backend}`
    );
  }
  const max = limits.maxTextureSize;
  if (e.backend === 'webgl' && max && Math.max(e.texture.width, e.texture.height) > max) {
    out.push(
      `its largest texture (${e.texture.width}x${e.texture.height} at ${e.texture.node}) exceeds this GPU's limit of ${max}`
    );
  }
  return out;
}

function engineOk(graph: Graph, shape: Shape): boolean {
  return infer(graph, shape).diagnostics.every((d) => d.severity !== 'error');
}

/** The input of the same batch, channels and aspect ratio at height `hh` (width rounded, at least 1). */
export function sameAspect([n, c, h, w]: Shape): (hh: number) => Shape {
  return (hh) => [n, c, hh, Math.max(1, Math.round((hh * w) / h))];
}

/**
 * The largest height below `h` for which `fits` holds, by bisection (memory grows with the input, so
 * fitting is monotone in the height); 0 when none does. The live run's and the effective field's
 * budgets both suggest a size this way.
 */
export function largestFitting(h: number, fits: (hh: number) => boolean): number {
  let lo = 1;
  let hi = h - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Largest input of the same aspect ratio, smaller than the current one, that fits and that the engine
 * accepts. Memory grows with the input, so bisection finds the budget edge; validity is not monotone
 * (nearest x2 FPNs need sides divisible by 32), so the first valid size is then searched downwards.
 */
function suggest(graph: Graph, e: RunEstimate, limits: RunLimits): [number, number] | null {
  const at = sameAspect(e.input);
  const best = largestFitting(e.input[2], (hh) => {
    const est = estimateRun(graph, infer(graph, at(hh)), e.backend, limits.maxTextureSize);
    return problems({ ...est, unknown: [] }, limits).length === 0;
  });
  for (let hh = best; hh >= 1 && hh > best - 512; hh--) {
    const s = at(hh);
    if (engineOk(graph, s)) return [s[2], s[3]];
  }
  return null;
}

/**
 * What else shrinks the run when a smaller input cannot: the detection transform resizes every input to
 * the same short side, and tensors after a RoIAlign follow the region counts, not the input.
 */
function otherFixes(graph: Graph | undefined, e: RunEstimate): string {
  const fixes: string[] = [];
  const resize = graph?.nodes.find((n) => n.op === 'resize');
  if (resize?.op === 'resize')
    fixes.push(
      `the detection transform resizes every input to a short side of ${resize.attrs.minSize} (at most ${resize.attrs.maxSize} on the long side), so lower minSize and maxSize or set transform=none`
    );
  if (e.peakRegions) fixes.push(`lower ${e.peakRegions.source} (now ${e.peakRegions.regions})`);
  return fixes.length ? ` To fit: ${fixes.join('; ')}.` : '';
}

export function checkRunBudget(estimate: RunEstimate, limits: RunLimits, graph?: Graph): BudgetVerdict {
  const why = problems(estimate, limits);
  if (!why.length) return { ok: true, estimate };
  const [, , h, w] = estimate.input;
  // With the transform on, the input size does not set the tensor sizes: no smaller input helps.
  const resized = graph?.nodes.some((n) => n.op === 'resize');
  const suggestion = graph && !resized ? suggest(graph, estimate, limits) : null;
  const fix = suggestion
    ? ` Try ${suggestion[0]}x${suggestion[1]} (same aspect ratio), which fits.`
    : otherFixes(graph, estimate);
  return {
    ok: false,
    estimate,
    message: `A live run at ${h}x${w} was not started: ${why.join('; ')}.${fix}`,
    suggestion
  };
}
