/**
 * Diagnostics in the user's terms: the FPN paper's nearest x2 mismatch, inputs too small for a
 * Caffe-pool model, and config errors that name the key.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/lib/models/resolve';
import { analyzePreset } from './golden-fixture';

const errors = (id: string, size: [number, number]) =>
  analyzePreset(id, size).diagnostics.filter((d) => d.severity === 'error');

describe('nearest x2 top-down on an odd level (fpn_resnet34_paper at 400x400)', () => {
  it('is one error at neck/P4/add that names the upsample and the sizes', () => {
    // 400 -> C1 200 -> stem 100 -> C3 50 -> C4 25 -> C5 13; 13 * 2 = 26 against C4's 25 (PyTorch fails
    // at the same add, see the fpn_resnet34_paper fixture).
    const [e, ...rest] = errors('fpn_resnet34_paper', [400, 400]);
    expect(rest).toEqual([]);
    expect(e.node).toBe('neck/P4/add');
    expect(e.message).toContain('25x25');
    expect(e.message).toContain('26x26');
    expect(e.message).toContain('neck/P4/upsample');
    expect(e.message).toMatch(/nearest x2 upsample of 13x13/);
  });

  it('is gone at 416x416, where every level is even', () => {
    // 416 / 32 = 13 at C5 and 26 at C4: 13 * 2 = 26.
    expect(errors('fpn_resnet34_paper', [416, 416])).toEqual([]);
  });

  it('does not happen when upsampling to the lateral size (torchvision FPN at 400x400)', () => {
    expect(errors('fasterrcnn_resnet50_fpn', [400, 400])).toEqual([]);
  });
});

describe('input too small for the Caffe stem pool (resnet50_caffe)', () => {
  // conv 7x7/2 pad 3: floor((n - 1) / 2) + 1, i.e. 1 for n = 1 or 2 and 2 for n = 3. The 3x3/2 pad 0
  // ceil pool gives ceil((m - 3) / 2) + 1: 0 for m = 1, 1 for m = 2. Every later conv keeps at least
  // one pixel (1x1/2 pad 0 gives ceil(x / 2)), so 3x3 is the smallest input (PyTorch agrees: too_small fixture).
  for (const n of [1, 2]) {
    it(`${n}x${n} is refused with the minimum size`, () => {
      const msgs = errors('resnet50_caffe', [n, n]).map((d) => d.message);
      expect(msgs[0]).toBe(
        `input ${n}x${n} is too small for this model (output stride 32): C5 would be empty; use at least 3x3`
      );
      expect(msgs[1]).toMatch(/stem\/pool: a 3x3 max-pool \(stride 2\) on 1x1 gives 0x0/);
    });
  }

  it('3x3 runs', () => expect(errors('resnet50_caffe', [3, 3])).toEqual([]));
});

describe('config errors from resolveConfig name the key', () => {
  const fail = (preset: string, input: string | null, sets: Array<[string, string]>) => {
    const r = resolveConfig(preset, input, sets);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  };

  it('depth=77', () => {
    expect(fail('resnet50', null, [['depth', '77']])).toEqual([
      'depth="77" is not allowed: depth must be one of 18, 34, 50, 101, 152, 0'
    ]);
  });

  it('bins=2,2', () => {
    const [msg] = fail('pspnet_r50', null, [['bins', '2,2']]);
    expect(msg).toMatch(/^bins=2,2 /);
    expect(msg).toContain('repeats a bin size');
  });

  it('an unknown key, listing the known ones', () => {
    const [msg] = fail('resnet50', null, [['deepth', '50']]);
    expect(msg).toMatch(/^unknown key "deepth"/);
    expect(msg).toContain('depth, layers, block');
  });

  it('every bad value at once, each named', () => {
    const msgs = fail('resnet50', null, [
      ['outputStride', '4'],
      ['fpnIn', 'C5,C3']
    ]);
    expect(msgs.map((m) => m.split('=')[0])).toEqual(['outputStride', 'fpnIn']);
  });

  it('an input size out of range', () => {
    const [msg] = fail('resnet50', '0x5', []);
    expect(msg).toContain('"0x5"');
    expect(msg).toContain('HxW');
  });

  it('a preset that does not exist', () => {
    const [msg] = fail('resnet51', null, []);
    expect(msg).toMatch(/^preset "resnet51" is not known/);
  });
});
