/**
 * Stage-by-stage rows for the compare page, read from each side's graph groups and statistics.
 * Backbone stages pair by name (C3 is C3 whatever its stride); pyramid levels pair by their nominal
 * stride, so a level named alike on both sides but fed from different strides is never set against
 * its namesake (P4 /16 against P4 /32), and the row says which names met.
 */
import type { Analysis } from '$lib/models/analyze';
import type { Shape } from '$lib/core/types';
import { pairLevels } from '$lib/models/level-pairs';
import { BACKBONE_TAPS } from '$lib/models/taps';
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

export function stageSide(a: Analysis, stage: string | null): StageSide | null {
  if (stage === null) return null;
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

/** One aligned row: its key (the shared name, or `/stride`), its label, and each side's tap. */
export interface AlignedRow {
  key: string;
  label: string;
  a: string | null;
  b: string | null;
}

/** Pyramid levels of both sides by stride (models/level-pairs.ts); equal names keep their name. */
export function alignedLevels(a: Analysis, b: Analysis): AlignedRow[] {
  const seen = new Map<number, number>();
  return pairLevels(a.model, b.model).map(({ stride, a: na, b: nb }) => {
    const k = seen.get(stride) ?? 0;
    seen.set(stride, k + 1);
    if (na === nb) return { key: na!, label: na!, a: na, b: nb };
    const who = [na && `${na} (A)`, nb && `${nb} (B)`].filter(Boolean).join(', ');
    return { key: `/${stride}${k ? `#${k + 1}` : ''}`, label: `/${stride}: ${who}`, a: na, b: nb };
  });
}

/** The transform (when either side has one), C1, stem and C2..C5, then the pyramid levels by stride. */
export function alignedStages(a: Analysis, b: Analysis): AlignedRow[] {
  const named = (t: string): AlignedRow => ({ key: t, label: t, a: t, b: t });
  const transform = a.model.transform || b.model.transform ? [named('transform')] : [];
  return [...transform, ...BACKBONE_TAPS.map(named), ...alignedLevels(a, b)];
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
