/**
 * Whole-model keys and rules, checked against hand calculations: shared heads count their
 * parameters once and their MACs per level; region counts scale the RoI heads; torchvision's
 * refusals (basic blocks with groups) and the wiring rules come with messages.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { resolveConfig } from '../../src/lib/models/resolve';
import { decodeQuery } from '../../src/lib/state/url';

const frcnn = presetConfig('fasterrcnn_resnet50_fpn')!;

describe('the RPN head, one module on five levels', () => {
  // conv 3x3 256 -> 256 (+ bias), cls_logits 1x1 256 -> 3, bbox_pred 1x1 256 -> 12.
  const perPixel = 256 * 256 * 9 + 256 * 3 + 256 * 12;
  const params = 256 * 256 * 9 + 256 + (256 * 3 + 3) + (256 * 12 + 12);

  it('holds 593,935 parameters once, not once per level', () => {
    const a = analyze(frcnn, [800, 800]);
    const rpn = a.model.graph.nodes.filter((n) => n.id.startsWith('rpn/'));
    const owned = rpn.reduce((s, n) => s + a.result.stats.get(n.id)!.params, 0);
    expect(params).toBe(593935);
    expect(owned).toBe(params);
    // The P3..P6 copies name P2's modules and own no parameters.
    const shared = rpn.filter((n) => n.sharesWith);
    expect(shared.map((n) => n.sharesWith)).toEqual(
      expect.arrayContaining(['rpn/P2/conv1', 'rpn/P2/cls_logits', 'rpn/P2/bbox_pred'])
    );
    expect(shared.every((n) => a.result.stats.get(n.id)!.params === 0)).toBe(true);
  });

  it('costs its MACs on every level: 800x800 pads to 800x800, P2..P6 are 200, 100, 50, 25, 13 on a side', () => {
    const a = analyze(frcnn, [800, 800]);
    const macs = a.model.graph.nodes
      .filter((n) => n.id.startsWith('rpn/'))
      .reduce((s, n) => s + a.result.stats.get(n.id)!.macs, 0);
    const pixels = 200 * 200 + 100 * 100 + 50 * 50 + 25 * 25 + 13 * 13;
    expect(macs).toBe(pixels * perPixel); // 31.639 G, the RPN's share of torchvision's 134.38
  });
});

describe('region counts', () => {
  it('the box head runs on R proposals: fc6 12544 -> 1024 costs R x 12544 x 1024', () => {
    for (const proposals of [1, 1000]) {
      const a = analyze({ ...frcnn, proposals }, [800, 800]);
      const id = a.model.graph.nodes.find((n) => n.module === 'roi_heads.box_head.fc6')!.id;
      expect(a.result.stats.get(id)!.shape).toEqual([proposals, 1024, 1, 1]);
      expect(a.result.stats.get(id)!.macs).toBe(proposals * 12544 * 1024);
    }
  });

  it('D = 0 detections leave the mask head with no MACs and its parameters', () => {
    const a = analyze({ ...presetConfig('maskrcnn_resnet50_fpn')!, detections: 0 }, [800, 800]);
    const mask = a.model.graph.nodes.filter((n) => n.id.startsWith('roi_heads/mask'));
    expect(mask.reduce((s, n) => s + a.result.stats.get(n.id)!.macs, 0)).toBe(0);
    // 4 x (3x3 256 -> 256 + bias) + ConvTranspose 256 -> 256 2x2 (+ bias) + 1x1 256 -> 91 (+ bias)
    const params = 4 * (256 * 256 * 9 + 256) + (256 * 256 * 4 + 256) + (256 * 91 + 91);
    expect(mask.reduce((s, n) => s + a.result.stats.get(n.id)!.params, 0)).toBe(params);
  });
});

describe('keys and rules', () => {
  it('heads=none (the spelling the issue uses) switches the heads off like head=none', () => {
    const r = resolveConfig('fasterrcnn_resnet50_fpn', null, [['heads', 'none']]);
    expect(r.ok && r.value.config.head).toBe('none');
    expect(decodeQuery('preset=fasterrcnn_resnet50_fpn&heads=none').state.config.head).toBe('none');
  });

  it("basic blocks refuse groups, as torchvision's BasicBlock does", () => {
    const r = resolveConfig('resnet18', null, [['groups', '32']]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/basic blocks support only groups=1 and widthPerGroup=64/);
  });

  it('pyramid heads need the FPN and anchors; C5 heads refuse it', () => {
    const noNeck = resolveConfig('retinanet_resnet50_fpn', null, [
      ['neck', 'none'],
      ['extra', 'none']
    ]);
    expect(!noNeck.ok && noNeck.errors.join()).toMatch(/head=retinanet runs on pyramid levels: set neck=fpn/);
    const noAnchors = resolveConfig('fcos_resnet50_fpn', null, [['anchorSizes', '']]);
    expect(!noAnchors.ok && noAnchors.errors.join()).toMatch(/head=fcos predicts per anchor/);
    const fcn = resolveConfig('fcn_resnet50', null, [['neck', 'fpn']]);
    expect(!fcn.ok && fcn.errors.join()).toMatch(/head=fcn reads C5 directly/);
  });

  it('FrozenBatchNorm2d has no parameters: ResNet-50 without fc loses its 53,120 BN affine terms', () => {
    const bn = analyze({ ...frcnn, head: 'none', neck: 'none', extra: 'none', norm: 'bn' }, [224, 224]);
    const frozen = analyze({ ...frcnn, head: 'none', neck: 'none', extra: 'none' }, [224, 224]);
    // torchvision resnet50: 25,557,032 with the 2,049,000-parameter fc.
    expect(bn.result.totals.params).toBe(25557032 - 2049000);
    expect(frozen.result.totals.params).toBe(25557032 - 2049000 - 53120);
  });
});
