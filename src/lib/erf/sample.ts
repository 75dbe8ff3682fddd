/** The engine's numbers for one sample: the field is taken one image at a time, whatever the batch. */
import { infer } from '../core/infer';
import type { InferResult } from '../core/types';
import type { Analysis } from '../models/analyze';

export function singleSample(analysis: Analysis): InferResult {
  const [n, c, h, w] = analysis.result.input;
  return n === 1 ? analysis.result : infer(analysis.model.graph, [1, c, h, w]);
}
