/**
 * One call from a config and an input size to everything the readers show: the graph, per-node
 * statistics, taps, anchors, diagnostics. The CLI's JSON and the site's tables both come from here.
 */
import { infer } from '../core/infer';
import type { Diagnostic, InferResult, Shape } from '../core/types';
import { type AnchorSummary, summarizeAnchors, zeroAreaDiagnostics } from './anchors';
import { type BuiltModel, buildModel } from './build';
import type { ModelConfig } from './config';
import { collapseDiagnostic } from './collapse';
import { inexactDiagnostic } from './exact';
import { BACKBONE_TAPS } from './taps';

export interface Analysis {
  model: BuiltModel;
  result: InferResult;
  anchors: AnchorSummary | null;
  diagnostics: Diagnostic[];
}

/** Smallest square input for which every node has a shape (binary search; shapes grow with input). */
export function minimumInput(
  model: BuiltModel,
  batch: number,
  channels: number,
  limit = 4096
): number | null {
  const ok = (n: number) =>
    infer(model.graph, [batch, channels, n, n]).diagnostics.every((d) => d.severity !== 'error');
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

function tooSmallDiagnostic(model: BuiltModel, input: Shape, result: InferResult): Diagnostic | null {
  // Only when some node collapsed below 1 pixel; an add mismatch is a different story.
  const collapsed = result.diagnostics.find((d) => d.code === 'empty');
  if (!collapsed) return null;
  const min = minimumInput(model, input[0], input[1]);
  const deepest = [...BACKBONE_TAPS]
    .reverse()
    .find((t) => model.graph.taps[t] && result.stats.get(model.graph.taps[t])?.shape === null);
  const what = deepest ? `: ${deepest} would be empty` : '';
  const fix = min ? `; use at least ${min}x${min}` : '';
  return {
    node: collapsed.node,
    severity: 'error',
    message: `input ${input[2]}x${input[3]} is too small for this model (output stride ${model.config.outputStride})${what}${fix}`
  };
}

export function analyze(
  config: ModelConfig,
  size: [number, number],
  model: BuiltModel = buildModel(config)
): Analysis {
  const input: Shape = [config.batch, config.inChannels, size[0], size[1]];
  const result = infer(model.graph, input);
  const levels = model.pyramid.map((l) => ({ name: l.name, shape: result.stats.get(l.node)?.shape ?? null }));
  // Anchors live on the tensor the backbone reads: after the detection transform's resize and pad.
  const image = result.stats.get(model.image)?.shape ?? null;
  const anchors = image ? summarizeAnchors(model.config, levels, image) : null;
  const diagnostics: Diagnostic[] = [...model.graph.notes];
  const small = tooSmallDiagnostic(model, input, result);
  if (small) diagnostics.push(small);
  const collapsed = small ? null : collapseDiagnostic(model, input, result);
  if (collapsed) diagnostics.push(collapsed);
  const inexact = inexactDiagnostic(result, config.batch);
  if (inexact) diagnostics.push(inexact);
  diagnostics.push(...result.diagnostics);
  if (model.levels.length && config.anchorSizes.length && config.anchorSizes.length !== model.levels.length) {
    diagnostics.push({
      node: 'anchors',
      severity: 'warning',
      message: `anchorSizes gives ${config.anchorSizes.length} sizes for ${model.levels.length} pyramid levels (${model.levels.join(', ')}): ${config.anchorSizes.length > model.levels.length ? 'the extra sizes are ignored' : 'levels without a size get no anchors'}`
    });
  }
  diagnostics.push(...zeroAreaDiagnostics(anchors, model.graph.taps));
  return { model, result, anchors, diagnostics };
}
