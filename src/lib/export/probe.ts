/**
 * Statistics with a shape at every node, for exports that need layer widths: channels do not depend on
 * the image size, so where the chosen input is too small for some layer, the smallest square input the
 * model accepts tells them.
 */
import { infer } from '../core/infer';
import type { InferResult } from '../core/types';
import { type Analysis, minimumInput } from '../models/analyze';

/** Square sides tried in turn: multiples of every stride the engine builds (P7 is 128), then the smallest. */
const PROBES = [256, 1024];

export function completeStats(a: Analysis): InferResult {
  const { graph, config } = a.model;
  const complete = (r: InferResult) => graph.nodes.every((n) => r.stats.get(n.id)?.shape);
  if (complete(a.result)) return a.result;
  const probe = (side: number) => infer(graph, [1, config.inChannels, side, side]);
  for (const side of PROBES) {
    const r = probe(side);
    if (complete(r)) return r;
  }
  const side = minimumInput(a.model, 1, config.inChannels);
  const r = side === null ? null : probe(side);
  if (!r || !complete(r))
    throw new Error('no input size gives every layer of this model a shape, so its layer widths are unknown');
  return r;
}
