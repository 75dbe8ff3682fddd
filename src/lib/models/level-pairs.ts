/**
 * Pyramid levels of two models paired by nominal stride, the way a comparison must set them side by
 * side: a level named alike on both sides but fed from different strides (P4 /16 against P4 /32 when
 * fpnIn moved) is not its twin. The k-th level at a stride on one side pairs with the k-th on the
 * other (TF-slim's C4 and C5 can give two levels at /32).
 */
import type { BuiltModel } from './build';
import { isPyramidLevel } from './taps';

export interface LevelPair {
  stride: number;
  a: string | null;
  b: string | null;
}

export function pairLevels(a: BuiltModel, b: BuiltModel): LevelPair[] {
  const levels = (m: BuiltModel) => m.pyramid.filter((l) => isPyramidLevel(l.name));
  const la = levels(a);
  const lb = levels(b);
  const strides = [...new Set([...la, ...lb].map((l) => l.stride))].sort((x, y) => x - y);
  const out: LevelPair[] = [];
  for (const stride of strides) {
    const xa = la.filter((l) => l.stride === stride).map((l) => l.name);
    const xb = lb.filter((l) => l.stride === stride).map((l) => l.name);
    for (let k = 0; k < Math.max(xa.length, xb.length); k++)
      out.push({ stride, a: xa[k] ?? null, b: xb[k] ?? null });
  }
  return out;
}

/** For one side: its level name -> the other side's level at the same stride (null: none there). */
export function levelTwins(mine: BuiltModel, other: BuiltModel): Map<string, string | null> {
  return new Map(
    pairLevels(mine, other).flatMap((p) => (p.a ? [[p.a, p.b] as [string, string | null]] : []))
  );
}
