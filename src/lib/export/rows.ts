/** One flat row per layer (every node but the input), the common ground of the CSV and Markdown exports. */
import type { Shape } from '../core/types';
import type { Analysis } from '../models/analyze';
import { stageOf } from './format';

export interface LayerRow {
  stage: string;
  name: string;
  op: string;
  shape: Shape | null;
  params: number;
  macs: number;
  bytes: number;
  rf: number | null;
  rfStride: number | null;
  tap: string;
}

export function layerRows(a: Analysis): LayerRow[] {
  return a.model.graph.nodes
    .filter((n) => n.op !== 'input')
    .map((n) => {
      const s = a.result.stats.get(n.id);
      return {
        stage: stageOf(n.id),
        name: n.id,
        op: n.op,
        shape: s?.shape ?? null,
        params: s?.params ?? 0,
        macs: s?.macs ?? 0,
        bytes: s?.bytes ?? 0,
        rf: s?.rf ? s.rf.size[0] : null,
        rfStride: s?.rf ? s.rf.stride[0] : null,
        tap: n.tap ?? ''
      };
    });
}
