/**
 * A warning for pyramid levels that collapsed to a single row or column of cells: the input is legal
 * (any side from INPUT_MIN), but there the level no longer halves its neighbour, the top-down path
 * resizes to odd sizes and strides turn fractional (P3 "/10.67" at 20x20), so per-level numbers stop
 * meaning what they mean at working sizes (docs/decisions.md, "Input sizes").
 */
import { infer } from '../core/infer';
import type { Diagnostic, InferResult, Shape } from '../core/types';
import { formatStride } from '../format';
import type { BuiltModel } from './build';

const collapsedLevels = (model: BuiltModel, result: InferResult) =>
  model.pyramid.filter((l) => {
    const s = result.stats.get(l.node)?.shape;
    return s && (s[2] === 1 || s[3] === 1);
  });

/** Smallest square input where no level collapses (binary search; level sizes grow with the input). */
function smallestUncollapsed(model: BuiltModel, batch: number, channels: number, limit = 4096) {
  const ok = (n: number) => collapsedLevels(model, infer(model.graph, [batch, channels, n, n])).length === 0;
  if (!ok(limit)) return null;
  let lo = 1;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function collapseDiagnostic(model: BuiltModel, input: Shape, result: InferResult): Diagnostic | null {
  const collapsed = collapsedLevels(model, result);
  if (collapsed.length === 0) return null;
  const fractional = model.pyramid
    .map((l) => ({ name: l.name, stride: result.stats.get(l.node)?.rf?.stride }))
    .filter((l) => l.stride && !(Number.isInteger(l.stride[0]) && Number.isInteger(l.stride[1])))
    .map((l) => `${l.name} /${formatStride(l.stride![0])}`);
  const min = smallestUncollapsed(model, input[0], input[1]);
  const names = collapsed.map((l) => l.name).join(', ');
  return {
    node: collapsed[0].node,
    severity: 'warning',
    message:
      `input ${input[2]}x${input[3]} collapses ${names} to a single row or column of cells` +
      (fractional.length ? `, and strides turn fractional (${fractional.join(', ')})` : '') +
      `: per-level sizes, strides and anchors there are not what the model has at working sizes` +
      (min ? `; from ${min}x${min} every level has at least 2x2 cells` : '')
  };
}
