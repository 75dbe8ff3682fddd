/**
 * Issue 10, item 5: "Compare with ..." keeps what a pyramid means (the same strides feed the same
 * levels), the comparison pairs levels by stride, and the pyramids show a size ratio. Seed 002's
 * RetinaNet on TF-slim resnet_v2_50 at 512: block1, block2, block4 at strides 8, 16, 32 feed P3-P5.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import type { ModelConfig } from '../../src/lib/models/config';
import { presetConfig } from '../../src/lib/models/presets';
import { resolveConfig } from '../../src/lib/models/resolve';
import { overridesOf, presetBase } from '../../src/lib/state/url';
import { planVariant, tapsAtStrides, variantsFor } from '../../src/lib/state/variants';
import { levelTwins } from '../../src/lib/models/level-pairs';
import { layoutPyramid } from '../../src/lib/viz/pyramid-layout';
import { compareMarks, ratioText } from '../../src/lib/viz/pyramid-compare';
import { alignedLevels } from '../../src/routes/compare/align';

const PRESET = 'retinanet_slim_v2_50';
const slim = presetBase(PRESET).config;
const apply = (changes: Array<[string, string]>) => {
  const r = resolveConfig(PRESET, null, [...overridesOf(PRESET, slim), ...changes]);
  return r.ok
    ? { ok: true as const, config: r.value.config }
    : { ok: false as const, message: r.errors.join('; ') };
};
const variant = (label: string) => variantsFor(slim).find((v) => v.label === label)!;
const at512 = (c: ModelConfig) => analyze(c, [512, 512]);

describe('"torchvision placement" of seed 002’s RetinaNet', () => {
  const plan = planVariant(slim, variant('torchvision placement'), apply);

  it('re-chooses fpnIn by stride (torchvision C3, C4, C5 are /8, /16, /32) and says so', () => {
    expect(plan.config?.style).toBe('torchvision');
    expect(plan.config?.fpnIn).toEqual(['C3', 'C4', 'C5']);
    expect(plan.note).toBe('also fpnIn=C3,C4,C5: strides 8, 16, 32 feed P3–P5, as in A');
  });

  it('keeps P3-P7 and its 49,104 anchors: (64² + 32² + 16² + 8² + 4²) x 9', () => {
    const b = at512(plan.config!);
    expect(b.model.levels).toEqual(['P3', 'P4', 'P5', 'P6', 'P7']);
    expect(b.anchors?.total).toBe(49_104);
    expect(alignedLevels(at512(slim), b).map((l) => l.label)).toEqual(['P3', 'P4', 'P5', 'P6', 'P7']);
  });

  it('without the re-choice, the comparison pairs the levels by stride and names the mismatch', () => {
    // fpnIn=C2,C3,C5 on torchvision placement reads /4, /8, /32: P2, P3, P4, then P5 /64, P6 /128.
    const raw = apply(variant('torchvision placement').changes);
    if (!raw.ok) throw new Error(raw.message);
    const b = at512(raw.config);
    // 128² + 64² + 16² + 8² + 4² = 20,816 locations, 9 anchors each.
    expect(b.anchors?.total).toBe(187_344);
    expect(alignedLevels(at512(slim), b).map((l) => l.label)).toEqual([
      '/4: P2 (B)',
      'P3',
      '/16: P4 (A)',
      '/32: P5 (A), P4 (B)',
      '/64: P6 (A), P5 (B)',
      '/128: P7 (A), P6 (B)'
    ]);
  });

  it('says what it cannot keep: TF-slim has no stage at stride 4 for a P2-P6 FPN', () => {
    expect(tapsAtStrides(slim, [4, 8, 16, 32])).toEqual({ why: 'no stage at stride 4' });
    // TF-slim C4 and C5 are both /32: the deepest (block4) is the one that feeds a level.
    expect(tapsAtStrides(slim, [8, 16, 32])).toEqual({ taps: ['C2', 'C3', 'C5'] });
    const plan = planVariant(slim, variant('Faster R-CNN FPN (P2-P6)'), apply);
    expect(plan.note).toBe('no stage at stride 4: the pyramid becomes P3 /8, P4 /16, P5 /32, P6 /32, P7 /64');
  });

  it('a variant that moves no stride adds nothing', () => {
    expect(planVariant(slim, variant('ResNet-101'), apply).note).toBeNull();
  });
});

describe('the compare pyramids', () => {
  it('outline the other side’s size with the ratio: torchvision C2 56x56 is twice TF-slim’s 28x28 at 224', () => {
    const tv = analyze(presetConfig('resnet50')!, [224, 224]);
    const sl = analyze({ ...presetConfig('resnet50')!, style: 'slim' }, [224, 224]);
    const lt = layoutPyramid(tv, sl);
    const ls = layoutPyramid(sl, tv);
    const a = compareMarks(lt, ls, levelTwins(tv.model, sl.model), 'B');
    const b = compareMarks(ls, lt, levelTwins(sl.model, tv.model), 'A');
    expect([...a.differs].sort()).toEqual(['C2', 'C3', 'C4']);
    expect(a.ghosts.get('C2')?.text).toBe('×2 vs B');
    expect(b.ghosts.get('C2')?.text).toBe('÷2 vs A');
    // The outline is the twin's own block, centred on this one.
    const twin = ls.blocks.find((x) => x.id === 'C2')!;
    expect(a.ghosts.get('C2')).toMatchObject({ w: twin.w, h: twin.h });
    // C5 is 7x7 on both sides: nothing to mark.
    expect(a.ghosts.has('C5')).toBe(false);
  });

  it('writes ratios as factors', () => {
    expect([2, 0.5, 0.25, 1.5, 4].map(ratioText)).toEqual(['×2', '÷2', '÷4', '×1.5', '×4']);
  });
});
