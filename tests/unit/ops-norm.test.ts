/**
 * GroupNorm's shape rule refuses what PyTorch refuses: torch 1.13's F.group_norm raises "Expected more
 * than 1 value per channel when training" (in eval mode too) when every group of the batch holds one
 * value, N x C / groups x H x W = 1. The export test (export-pytorch.test.ts) found it: FCOS's 32-channel
 * GroupNorm(32) head on a 1x1 P7.
 */
import { describe, expect, it } from 'vitest';
import { groupnorm } from '../../src/lib/core/ops/norm';

describe('GroupNorm with one value per group', () => {
  it('is refused on 32 channels in 32 groups at 1x1 for one image, with the reason', () => {
    const out = groupnorm.infer({ groups: 32 }, [[1, 32, 1, 1]]);
    expect(out).toEqual({
      empty: true,
      error: 'GroupNorm with 32 groups on 32x1x1 leaves one value per group, which PyTorch refuses'
    });
  });

  it.each([[[2, 32, 1, 1]], [[1, 64, 1, 1]], [[1, 32, 1, 2]]] as Array<[[number, number, number, number]]>)(
    'accepts %j: a group holds two values',
    (shape) => {
      expect(groupnorm.infer({ groups: 32 }, [shape])).toEqual({ shape });
    }
  );
});
