/**
 * Statistics with a shape at every node, for exports that need layer widths: channels do not depend on
 * the image size, so where the chosen input is too small for some layer, the smallest square input the
 * model accepts tells them.
 */
import { infer } from '../core/infer';
import type { InferResult } from '../core/types';
import { type Analysis, minimumInput } from '../models/analyze';

export function completeStats(a: Analysis): InferResult {
  const { graph, config } = a.model;
  const complete = (r: InferResult) => graph.nodes.every((n) => r.stats.get(n.id)?.shape);
  if (complete(a.result)) return a.result;
  const side = minimumInput(a.model, 1, config.inChannels);
  const probe = side === null ? null : infer(graph, [1, config.inChannels, side, side]);
  if (!probe || !complete(probe))
    throw new Error('no input size gives every layer of this model a shape, so its layer widths are unknown');
  return probe;
}
