/**
 * Every printed count is exact: counts are doubles, exact below 2^53, so a configuration whose counts
 * pass 2^53 is refused with the largest batch that fits, and what is printed always sums exactly.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';

const huge = { ...presetConfig('fasterrcnn_resnet50_fpn_backbone')!, width: 256, batch: 256 };

/** The exact sum of the per-layer counts (the input image is not a layer), in BigInt. */
function exactSum(a: ReturnType<typeof analyze>, key: 'macs' | 'bytes'): bigint {
  let s = 0n;
  for (const [id, st] of a.result.stats) if (id !== 'input') s += BigInt(st[key]);
  return s;
}

describe('counts past 2^53', () => {
  it('refuses a 8192x8192 batch of 256 on a 4x-wide detector backbone, naming a batch that fits', () => {
    const a = analyze(huge, [8192, 8192]);
    const d = a.diagnostics.find((x) => x.code === 'inexact');
    expect(d?.severity).toBe('error');
    expect(d?.message).toMatch(
      /^batch 256 at 8192x8192 counts more (multiply-accumulates|activation bytes) than 2\^53/
    );
    const fits = Number(/use batch (\d+) or less/.exec(d!.message)![1]);
    expect(fits).toBeGreaterThan(0);
    // The batch it names is accepted, and there every printed total equals the exact sum of its layers.
    const ok = analyze({ ...huge, batch: fits }, [8192, 8192]);
    expect(ok.diagnostics.some((x) => x.code === 'inexact')).toBe(false);
    expect(BigInt(ok.result.totals.macs)).toBe(exactSum(ok, 'macs'));
    expect(BigInt(ok.result.totals.bytes)).toBe(exactSum(ok, 'bytes'));
    expect(ok.result.totals.macs).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    // One more image would pass the limit (counts grow linearly with the batch).
    expect(
      analyze({ ...huge, batch: fits + 1 }, [8192, 8192]).diagnostics.some((x) => x.code === 'inexact')
    ).toBe(true);
  });

  it('leaves ordinary sizes alone', () => {
    const a = analyze(presetConfig('fasterrcnn_resnet50_fpn')!, [800, 1333]);
    expect(a.diagnostics.some((x) => x.code === 'inexact')).toBe(false);
  });
});
