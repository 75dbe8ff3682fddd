/** Data for the charts, read from the analysis: the backbone's main path and per-stage totals. */
import type { Analysis } from '../models/analyze';
import { stageGroups } from './graph-collapse';

export interface DepthPoint {
  /** Position along the main path (0 = input). */
  depth: number;
  id: string;
  size: number;
  channels: number;
  rf: number;
  stride: number;
}

export interface StageTotal {
  stage: string;
  params: number;
  macs: number;
}

/** Nodes on the backbone's main path: stem and stage ops, without shortcut branches. */
export function mainPath(a: Analysis): DepthPoint[] {
  const out: DepthPoint[] = [];
  for (const n of a.model.graph.nodes) {
    if (!(n.id === 'input' || /^(stem|C\d)\//.test(n.id)) || n.id.includes('/shortcut')) continue;
    const s = a.result.stats.get(n.id);
    if (!s?.shape || !s.rf) continue;
    out.push({
      depth: out.length,
      id: n.id,
      size: s.shape[2],
      channels: s.shape[1],
      rf: s.rf.size[0],
      stride: s.rf.stride[0]
    });
  }
  return out;
}

/** Where each stage begins along the main path, for the chart's stage bands. */
export function stageStarts(points: DepthPoint[]): Array<{ stage: string; start: number; end: number }> {
  const out: Array<{ stage: string; start: number; end: number }> = [];
  for (const p of points) {
    const stage = p.id === 'input' ? 'input' : p.id.split('/')[0];
    const last = out[out.length - 1];
    if (last && last.stage === stage) last.end = p.depth;
    else out.push({ stage, start: p.depth, end: p.depth });
  }
  return out;
}

/** Everything the charts draw, read from one analysis. */
export interface ChartsLayout {
  points: DepthPoint[];
  stages: StageTotal[];
  /** The larger input side, where the size axis starts. */
  inputSize: number;
}

export function layoutCharts(a: Analysis): ChartsLayout {
  return {
    points: mainPath(a),
    stages: stageTotals(a),
    inputSize: Math.max(a.result.input[2], a.result.input[3])
  };
}

export function stageTotals(a: Analysis): StageTotal[] {
  const stages = stageGroups(a.model.graph);
  const totals = new Map(stages.map((s) => [s, { stage: s, params: 0, macs: 0 }]));
  for (const n of a.model.graph.nodes) {
    const t = totals.get(n.id.split('/')[0]);
    const s = a.result.stats.get(n.id);
    if (!t || !s) continue;
    t.params += s.params;
    t.macs += s.macs;
  }
  return [...totals.values()];
}
