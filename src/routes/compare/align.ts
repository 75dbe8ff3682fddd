/** Stage-by-stage rows for the compare page, read from each side's graph groups and statistics. */
import type { Analysis } from '$lib/models/analyze';
import type { Shape } from '$lib/core/types';
import { BACKBONE_TAPS, PYRAMID_LEVELS } from '$lib/models/taps';

export interface UnitCell {
  path: string;
  label: string;
  downsamples: boolean;
}

export interface StageSide {
  shape: Shape | null;
  stride: number | null;
  units: UnitCell[];
}

const tapShape = (a: Analysis, tap: string) => {
  const id = a.model.graph.taps[tap];
  const s = id ? a.result.stats.get(id) : undefined;
  return { shape: s?.shape ?? null, stride: s?.rf?.stride[0] ?? null, present: !!id };
};

export function stageSide(a: Analysis, stage: string): StageSide | null {
  const t = tapShape(a, stage);
  if (!t.present) return null;
  const units = a.model.graph.groups
    .filter((g) => g.path.startsWith(`${stage}/`) && g.unitKind)
    .map((g) => ({ path: g.path, label: g.label, downsamples: !!g.downsamples }));
  return { shape: t.shape, stride: t.stride, units };
}

/** C1, stem and C2..C5, then every pyramid level either side has, in order. */
export function alignedStages(a: Analysis, b: Analysis): string[] {
  const levels = PYRAMID_LEVELS.filter((p) => a.model.graph.taps[p] || b.model.graph.taps[p]);
  return [...BACKBONE_TAPS, ...levels];
}
