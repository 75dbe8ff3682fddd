/**
 * One row per layer (every node but the input), in graph order: the common ground of the layer table,
 * the CSV and Markdown exports and the JSON report, so they cannot disagree about a layer.
 */
import type { Shape } from '../core/types';
import type { Analysis } from './analyze';
import { trains } from './trainable';

export interface LayerRow {
  /** Position in graph order, from 1. */
  index: number;
  /** The node id, e.g. C3/unit1/conv2. */
  name: string;
  /** The first segment of the id: stem, C2..C5, neck, ppm, head, aux. */
  stage: string;
  op: string;
  tap: string | null;
  shape: Shape | null;
  params: number;
  /** Its parameters do not train: trainableLayers froze its part of the backbone (models/trainable.ts). */
  frozen: boolean;
  macs: number;
  bytes: number;
  /** Receptive field and effective stride along the height, or null where unknown. */
  rf: number | null;
  rfStride: number | null;
}

export function layerRows(a: Analysis): LayerRow[] {
  return a.model.graph.nodes
    .filter((n) => n.op !== 'input')
    .map((n, i) => {
      const s = a.result.stats.get(n.id);
      return {
        index: i + 1,
        name: n.id,
        stage: n.id.split('/')[0],
        op: n.op,
        tap: n.tap ?? null,
        shape: s?.shape ?? null,
        params: s?.params ?? 0,
        frozen: !trains(n) && (s?.params ?? 0) > 0,
        macs: s?.macs ?? 0,
        bytes: s?.bytes ?? 0,
        rf: s?.rf ? s.rf.size[0] : null,
        rfStride: s?.rf ? s.rf.stride[0] : null
      };
    });
}
