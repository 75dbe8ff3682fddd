/**
 * One input range for the panel, the URL and the CLI (docs/decisions.md, "Input sizes"), the size
 * slider's log scale, and the warning where pyramid levels collapse on tiny inputs.
 */
import { describe, expect, it } from 'vitest';
import { checkTypedSide, positionOf, sizeAt, STEPS } from '../../src/lib/components/config/size-scale';
import { parseInputSize, resolveConfig } from '../../src/lib/models/resolve';
import { analyzePreset } from './golden-fixture';

describe('the allowed input range', () => {
  it('is 1 to 8192 per side for the URL and the CLI', () => {
    expect(parseInputSize('1x1')).toEqual({ ok: true, value: [1, 1] });
    expect(parseInputSize('8192x20')).toEqual({ ok: true, value: [8192, 20] });
    for (const bad of ['0x10', '10x8193', '8193'])
      expect(parseInputSize(bad)).toMatchObject({ ok: false, message: expect.stringContaining('1 to 8192') });
    expect(resolveConfig('resnet50', '20x20', []).ok).toBe(true);
  });

  it('is the same range for typed sizes in the panel, with a note outside the slider', () => {
    expect(checkTypedSide('Height', 20)).toEqual({
      ok: true,
      value: 20,
      note: "Height 20 is outside the slider's 32 to 2048; the typed size is used"
    });
    expect(checkTypedSide('Height', 512)).toEqual({ ok: true, value: 512, note: null });
    expect(checkTypedSide('Width', 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Width 0')
    });
    expect(checkTypedSide('Width', 9000)).toMatchObject({ ok: false });
    expect(checkTypedSide('Width', 12.5)).toMatchObject({ ok: false });
    expect(checkTypedSide('Width', NaN)).toMatchObject({
      ok: false,
      message: expect.stringContaining('whole number')
    });
  });
});

describe('the size slider', () => {
  it('is logarithmic from 32 to 2048: the middle is the geometric mean, 256', () => {
    expect(sizeAt(0)).toBe(32);
    expect(sizeAt(STEPS)).toBe(2048);
    expect(sizeAt(STEPS / 2)).toBe(256); // sqrt(32 * 2048)
    expect(sizeAt(STEPS / 6)).toBe(64); // 32 * 64^(1/6): one doubling per sixth
  });

  it('maps a size to the position that shows it, and sizes past its ends to the ends', () => {
    // One position is a factor 64^(1/1000) = 1.0042: under one pixel below 240, so exact there.
    for (const s of [32, 33, 100, 224, 239]) expect(sizeAt(positionOf(s))).toBe(s);
    for (const s of [512, 1333, 2048])
      expect(Math.abs(sizeAt(positionOf(s)) - s)).toBeLessThanOrEqual(s * 0.0021 + 0.5);
    expect(positionOf(1)).toBe(0);
    expect(positionOf(8192)).toBe(STEPS);
  });

  it('changes the size by a few percent per screen pixel on a 133 px track, not ~15 pixels', () => {
    // 1000 positions on 133 px: 7.5 per pixel; 64x over the track is ln(64)/133 = 3.1 % per pixel.
    const perPixel = STEPS / 133;
    const at224 = sizeAt(positionOf(224) + perPixel) - 224;
    expect(at224).toBeGreaterThanOrEqual(6);
    expect(at224).toBeLessThanOrEqual(8); // 224 * 0.031 = 7
  });
});

const warnings = (id: string, size: [number, number]) =>
  analyzePreset(id, size).diagnostics.filter((d) => d.severity === 'warning' && /collapses/.test(d.message));

describe('pyramid levels collapsing on tiny inputs (retinanet_slim_v2_50)', () => {
  it('names the 1x1 levels at 20x20, the fractional P3 stride and the size where all have 2x2', () => {
    // 3x3 stride-2 convs give ceil(n/2): 20 -> P3 ceil(20/8) = 3, P4 2, P5 1, P6 1, P7 1. P4 upsampled
    // from 2x2 to P3's 3x3 makes P3's stride 16 * 2/3 = 10.67. P7 = ceil(n/128) >= 2 from n = 129.
    const [w, ...rest] = warnings('retinanet_slim_v2_50', [20, 20]);
    expect(rest).toEqual([]);
    expect(w.message).toContain('collapses P5, P6, P7');
    expect(w.message).toContain('P3 /10.67');
    expect(w.message).toContain('from 129x129');
  });

  it('is there at 128x128 (P7 1x1) and gone at 129x129 and 512x512', () => {
    expect(warnings('retinanet_slim_v2_50', [128, 128])[0].message).toContain('collapses P7 ');
    expect(warnings('retinanet_slim_v2_50', [129, 129])).toEqual([]);
    expect(warnings('retinanet_slim_v2_50', [512, 512])).toEqual([]);
  });
});
