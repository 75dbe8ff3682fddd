/**
 * The shapes report: the CLI's `--json` schema, also the site's JSON export.
 * { preset, input, transform, taps, anchors, regions, totals, layers, diagnostics }
 * `transform` is the detection transform's sizes (null without one); `totals` are the whole model,
 * with the RoI heads at the `regions` counts (null without RoI heads). `totals.partial` and
 * `anchors.partial` are null when complete, else say what they leave out (models/partial.ts).
 */
import type { Pair, Shape } from '../core/types';
import type { Analysis } from './analyze';
import { layerRows } from './layer-rows';
import { partialAnchors, partialTotals } from './partial';
import { orderedTaps } from './taps';
import { transformSizes } from './whole';

export interface ShapesReport {
  preset: string | null;
  input: Shape;
  transform: { resized: Pair; padded: Pair } | null;
  taps: Record<string, { shape: Shape | null; rf: [number, number] | null }>;
  anchors: {
    perLocation: number;
    perLevel: Record<string, number>;
    total: number;
    /** Levels without a shape, whose anchors `total` leaves out. */
    partial: { note: string; levels: string[] } | null;
  } | null;
  regions: { proposals: number; detections: number | null } | null;
  totals: {
    params: number;
    /** Parameters that train (requires_grad); params - trainable are frozen by trainableLayers. */
    trainable: number;
    nonTrainable: number;
    macs: number;
    /** Layers without a shape, which `macs` leaves out (`params` counts them, unless listed too). */
    partial: { note: string; unshaped: string[]; paramsUnknown: string[] } | null;
  };
  layers: Array<{
    name: string;
    op: string;
    out: Shape | null;
    params: number;
    macs: number;
    rf: [number, number] | null;
    tap?: string;
    /** Present (true) on a layer whose parameters trainableLayers freezes. */
    frozen?: true;
  }>;
  diagnostics: Array<{ node: string; severity: string; message: string }>;
}

function totalsPartial(a: Analysis): ShapesReport['totals']['partial'] {
  const p = partialTotals(a);
  if (!p) return null;
  const note = p.paramsNote ? `${p.note}; params ${p.paramsNote}` : p.note;
  return { note, unshaped: p.unshaped, paramsUnknown: p.paramsUnknown };
}

export function buildReport(preset: string | null, a: Analysis): ShapesReport {
  const { graph } = a.model;
  const rfPair = (id: string): [number, number] | null => {
    const rf = a.result.stats.get(id)?.rf;
    return rf ? [rf.size[0], rf.stride[0]] : null;
  };
  const taps: ShapesReport['taps'] = {};
  for (const t of orderedTaps(graph.taps)) {
    const id = graph.taps[t];
    taps[t] = { shape: a.result.stats.get(id)?.shape ?? null, rf: rfPair(id) };
  }
  const anchors = a.anchors && {
    perLocation: a.anchors.perLocation,
    perLevel: Object.fromEntries(a.anchors.levels.map((l) => [l.level, l.count])),
    total: a.anchors.total,
    partial: partialAnchors(a)
  };
  const layers = layerRows(a).map((r) => {
    const row = {
      name: r.name,
      op: r.op,
      out: r.shape,
      params: r.params,
      macs: r.macs,
      rf: r.rf === null || r.rfStride === null ? null : ([r.rf, r.rfStride] as [number, number])
    };
    return { ...row, ...(r.tap && { tap: r.tap }), ...(r.frozen && { frozen: true as const }) };
  });
  const sizes = transformSizes(a);
  return {
    preset,
    input: a.result.input,
    transform: sizes && { resized: sizes.resized, padded: sizes.padded },
    taps,
    anchors,
    regions: a.model.regions && { ...a.model.regions },
    totals: {
      params: a.result.totals.params,
      trainable: a.result.totals.trainable,
      nonTrainable: a.result.totals.params - a.result.totals.trainable,
      macs: a.result.totals.macs,
      partial: totalsPartial(a)
    },
    layers,
    diagnostics: a.diagnostics.map((d) => ({ node: d.node, severity: d.severity, message: d.message }))
  };
}
