/**
 * MMSegmentation's ASPPHead and FCNHead (head=mmseg_aspp, head=mmseg_fcn) against plain-torch builds
 * that follow mmseg 1.x's source (scripts/fixtures/mmseg_heads.py -> mmseg_heads.json): parameter
 * counts, the heads' state_dict keys and shapes, and every head conv's output shape at odd and
 * published sizes. The four r50-d8 models are built from the imported config fixtures, so the import
 * and the engine are checked together.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { expectedTensors } from '../../src/lib/weights/check';
import { parseSize } from './golden-fixture';
import { MMSEG_MODELS, mmsegConfig } from './mmseg-configs';

const cityscapesAspp = mmsegConfig('deeplabv3_r50-d8_cityscapes');

const isHead = (module: string) => !module.startsWith('backbone.');

describe.each(Object.entries(MMSEG_MODELS))('%s', (name, m) => {
  const cfg = mmsegConfig(name);
  const first = analyze(cfg, parseSize(Object.keys(m.sizes)[0]));

  it('has the fixture keys as ArchScope keys (the import sets them for the r50-d8 configs)', () => {
    expect(cfg).toMatchObject(m.config);
  });

  it('parameters: the whole model and the heads match PyTorch', () => {
    expect(first.result.totals.params).toBe(m.params);
    const heads = first.model.graph.nodes
      .filter((n) => n.module && isHead(n.module))
      .reduce((s, n) => s + first.result.stats.get(n.id)!.params, 0);
    expect(heads).toBe(m.head_params);
  });

  it("the heads' state_dict keys and shapes are mmseg's", () => {
    const tensors = expectedTensors(first.model).tensors.filter((t) => isHead(t.key));
    expect(Object.fromEntries(tensors.map((t) => [t.key, t.shape]))).toEqual(m.head_state_dict);
  });

  for (const [size, shapes] of Object.entries(m.sizes)) {
    it(`every head conv's output, C4, C5 and the resized outputs at ${size} match PyTorch`, () => {
      const a = analyze(cfg, parseSize(size));
      const got: Record<string, number[] | null> = {};
      for (const key of Object.keys(shapes)) {
        const tap = a.model.graph.taps[key];
        const node = tap ?? a.model.graph.nodes.find((n) => n.op === 'conv2d' && n.module === key)?.id;
        got[key] = node ? (a.result.stats.get(node)?.shape ?? null) : null;
      }
      expect(got).toEqual(shapes);
    });
  }
});

describe('deeplabv3_r50-d8 ASPPHead by hand (Cityscapes, 19 classes, channels 512, dilations 1, 12, 24, 36)', () => {
  it('has 42,221,075 parameters', () => {
    // image_pool.1: 1x1 conv 2048 -> 512 (1,048,576) + BN (1,024)
    // aspp_modules.0: 1x1 conv 2048 -> 512 (1,048,576) + BN (1,024)
    // aspp_modules.1..3: 3x3 conv 2048 -> 512, 3 x 9,437,184 = 28,311,552 + 3 BN (3,072)
    // bottleneck: 3x3 conv 5 x 512 = 2560 -> 512 (11,796,480) + BN (1,024)
    // conv_seg: 1x1 conv 512 -> 19 with bias (9,747)
    const byHand =
      1_048_576 + 1_024 + (1_048_576 + 1_024) + (28_311_552 + 3_072) + (11_796_480 + 1_024) + 9_747;
    expect(byHand).toBe(42_221_075);
    const a = analyze(cityscapesAspp, [97, 131]);
    const decode = a.model.graph.nodes
      .filter((n) => n.module?.startsWith('decode_head.'))
      .reduce((s, n) => s + a.result.stats.get(n.id)!.params, 0);
    expect(decode).toBe(byHand);
  });
});
