/** Stage-by-stage rows for the compare page, read from each side's graph groups and statistics. */
import type { Analysis } from '$lib/models/analyze';
import type { Shape } from '$lib/core/types';
import { BACKBONE_TAPS, PYRAMID_LEVELS } from '$lib/models/taps';
import { type PartCost, partCosts } from '$lib/models/whole';

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
  if (stage === 'transform') {
    // The tensor the backbone reads: the transform's padded image.
    const pad = a.model.transform?.pad;
    return pad ? { shape: a.result.stats.get(pad)?.shape ?? null, stride: null, units: [] } : null;
  }
  const t = tapShape(a, stage);
  if (!t.present) return null;
  const units = a.model.graph.groups
    .filter((g) => g.path.startsWith(`${stage}/`) && g.unitKind)
    .map((g) => ({ path: g.path, label: g.label, downsamples: !!g.downsamples }));
  return { shape: t.shape, stride: t.stride, units };
}

/** The transform (when either side has one), C1, stem and C2..C5, then every pyramid level either side has. */
export function alignedStages(a: Analysis, b: Analysis): string[] {
  const levels = PYRAMID_LEVELS.filter((p) => a.model.graph.taps[p] || b.model.graph.taps[p]);
  const transform = a.model.transform || b.model.transform ? ['transform'] : [];
  return [...transform, ...BACKBONE_TAPS, ...levels];
}

/** Everything after the backbone (neck and heads), by part, in the order either side builds them. */
export function alignedParts(
  a: Analysis,
  b: Analysis
): Array<{ part: string; a: PartCost | null; b: PartCost | null }> {
  const pa = partCosts(a).filter((p) => p.part !== 'backbone');
  const pb = partCosts(b).filter((p) => p.part !== 'backbone');
  const parts = [...new Set([...pa, ...pb].map((p) => p.part))];
  return parts.map((part) => ({
    part,
    a: pa.find((p) => p.part === part) ?? null,
    b: pb.find((p) => p.part === part) ?? null
  }));
}
