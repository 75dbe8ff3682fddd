/**
 * A comparison's marks on a pyramid (the compare page only, so the explorer's first load does not
 * carry them): blocks that differ from their twins on the other side, the twin's outline and the
 * size ratio.
 */
import type { PyramidLayout } from './pyramid-layout';

/** The other side's size drawn over a block of a comparison, and how many times larger this one is. */
export interface Ghost {
  x: number;
  y: number;
  w: number;
  h: number;
  /** "×2 vs B", "÷2 vs A (P4)", "ch ×2 vs B", "not in B". */
  text: string;
}

/** 2 -> "×2", 0.5 -> "÷2", 1.5 -> "×1.5": a factor read at a glance. */
export function ratioText(r: number): string {
  const near = (v: number) => Math.abs(v - Math.round(v)) < 0.01;
  if (r >= 1) return near(r) ? `×${Math.round(r)}` : `×${Number(r.toFixed(2))}`;
  return near(1 / r) ? `÷${Math.round(1 / r)}` : `×${Number(r.toFixed(2))}`;
}

/**
 * A comparison's marks on `mine`: the blocks that differ from their twins (same tap; pyramid levels
 * by stride through `levels`, mine -> theirs) and, on each, the twin's outline and the ratio. Both
 * layouts share one scale (layoutPyramid's `compare`), so the outlines measure against each other.
 */
export function compareMarks(
  mine: PyramidLayout,
  other: PyramidLayout | null,
  levels: ReadonlyMap<string, string | null> = new Map(),
  otherName = 'the other side'
): { differs: Set<string>; ghosts: Map<string, Ghost> } {
  const differs = new Set<string>();
  const ghosts = new Map<string, Ghost>();
  if (!other) return { differs, ghosts };
  const theirs = new Map(other.blocks.map((b) => [b.id, b]));
  for (const b of mine.blocks) {
    const twinId = levels.has(b.id) ? levels.get(b.id)! : b.id;
    const twin = twinId === null ? undefined : theirs.get(twinId);
    if (!twin) {
      differs.add(b.id);
      if (levels.has(b.id)) ghosts.set(b.id, { x: b.x, y: b.y, w: 0, h: 0, text: `not in ${otherName}` });
      continue;
    }
    if (twin.shape?.join('x') === b.shape?.join('x')) continue;
    differs.add(b.id);
    if (!b.shape || !twin.shape || b.quiet) continue;
    const rh = b.shape[2] / twin.shape[2];
    const rw = b.shape[3] / twin.shape[3];
    const factor =
      rh !== 1 || rw !== 1
        ? rh === rw
          ? ratioText(rh)
          : `H ${ratioText(rh)}, W ${ratioText(rw)}`
        : `ch ${ratioText(b.shape[1] / twin.shape[1])}`;
    const named = twin.id === b.id ? '' : ` (${twin.id})`;
    ghosts.set(b.id, {
      x: b.x + b.w / 2 - twin.w / 2,
      y: b.y + b.h / 2 - twin.h / 2,
      w: twin.w,
      h: twin.h,
      text: `${factor} vs ${otherName}${named}`
    });
  }
  return { differs, ghosts };
}

/** Blocks whose shape differs from the same block on the other side of a comparison. */
export function differingBlocks(
  mine: PyramidLayout,
  other: PyramidLayout | null,
  levels?: ReadonlyMap<string, string | null>
): Set<string> {
  return compareMarks(mine, other, levels).differs;
}
