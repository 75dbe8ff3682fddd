/**
 * How the diagrams and the summary lay out whole models: the transform step, per-level head outputs
 * (channels as A x K), the RoI lanes, shared heads drawn once. Channel counts are hand calculations
 * from torchvision's heads (A anchors per location, K outputs per anchor).
 */
import { describe, expect, it } from 'vitest';
import { summaryChips } from '../../src/lib/components/summary-chips';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { perLevelTap } from '../../src/lib/models/taps';
import { groupIndex, itemFor, visibleGraph } from '../../src/lib/viz/graph-collapse';
import { itemMembers, sharedTitle } from '../../src/lib/viz/graph-shared';
import { opAttributes } from '../../src/lib/viz/details';
import { moduleFacts } from '../../src/lib/viz/node-facts';
import { blockHeight, layoutPyramid } from '../../src/lib/viz/pyramid-layout';

const at = (id: string, h: number, w = h) => analyze(presetConfig(id)!, [h, w]);
const captionTexts = (l: ReturnType<typeof layoutPyramid>) => l.captions.map((c) => c.text);

describe('pyramid overview of a whole detector', () => {
  const mask = at('maskrcnn_resnet50_fpn', 375, 500);
  const l = layoutPyramid(mask);
  const by = new Map(l.blocks.map((b) => [b.id, b]));

  it('draws the transform after the input: resized 799x1066, padded 800x1088', () => {
    const order = l.blocks.filter((b) => b.row === 'backbone').map((b) => b.id);
    expect(order.slice(0, 4)).toEqual(['input', 'resized', 'padded', 'C1']);
    expect(by.get('resized')!.shape).toEqual([1, 3, 799, 1066]);
    expect(by.get('padded')!.shape).toEqual([1, 3, 800, 1088]);
  });

  it('scales heights to the padded image, so no block outgrows the row (padded 800 > input 500)', () => {
    const tallest = Math.max(...l.blocks.map((b) => b.h));
    // The padded image (height 800) is the tallest map, on a scale whose top is its long side, 1088.
    expect(tallest).toBeCloseTo(blockHeight(800, 1088));
    expect(tallest).toBeLessThanOrEqual(blockHeight(1088, 1088));
    expect(by.get('C1')!.h).toBeLessThan(by.get('padded')!.h);
  });

  it("puts each level's RPN outputs under it, channels as A x K (A = 3: 3 = 3x1, 12 = 3x4)", () => {
    for (const level of ['P2', 'P3', 'P4', 'P5', 'P6']) {
      const obj = by.get(`objectness/${level}`)!;
      const deltas = by.get(`pred_bbox_deltas/${level}`)!;
      const p = by.get(level)!;
      const centre = (obj.x + deltas.x + deltas.w) / 2;
      expect(centre).toBeCloseTo(p.x + p.w / 2);
      expect(obj.row).toBe('head');
    }
    expect(captionTexts(l)).toEqual(expect.arrayContaining(['obj 3 = 3×1', 'deltas 12 = 3×4', 'RPN head']));
  });

  it('lays the RoI branch out in lanes with R and D: box on 1000 proposals, mask on 100 detections', () => {
    expect(captionTexts(l)).toEqual(expect.arrayContaining(['R = 1000 proposals', 'D = 100 detections']));
    expect(by.get('box_roi_pool')!.shapeText).toBe('R × 256×7×7');
    expect(by.get('box_head')!.shapeText).toBe('R × 1024×1×1');
    expect(by.get('class_logits')!.shapeText).toBe('R × 91×1×1');
    expect(by.get('mask_roi_pool')!.shapeText).toBe('D × 256×14×14');
    // MaskRCNNPredictor: the 2x2/2 transposed conv doubles 14x14 to 28x28.
    expect(by.get('mask_logits')!.shapeText).toBe('D × 91×28×28');
    const links = new Set(l.links.map((k) => k.id));
    expect(links).toContain('box_roi_pool->box_head');
    expect(links).toContain('mask_head->mask_logits');
    expect(by.get('mask_roi_pool')!.y).toBeGreaterThan(by.get('box_roi_pool')!.y);
  });

  it('reads RetinaNet and FCOS outputs as A x K: 819 = 9x91, 36 = 9x4; FCOS one location each', () => {
    expect(captionTexts(layoutPyramid(at('retinanet_resnet50_fpn', 512)))).toEqual(
      expect.arrayContaining(['cls 819 = 9×91', 'box 36 = 9×4'])
    );
    expect(captionTexts(layoutPyramid(at('fcos_resnet50_fpn', 512)))).toEqual(
      expect.arrayContaining(['cls 91 = 1×91', 'box 4 = 1×4', 'ctr 1 = 1×1'])
    );
  });

  it('adds no head row, lanes or transform to a backbone-only preset', () => {
    const b = layoutPyramid(at('fasterrcnn_resnet50_fpn_backbone', 800, 1344));
    expect(b.blocks.some((x) => x.row === 'head' || x.row === 'roi' || x.id === 'padded')).toBe(false);
  });
});

describe('per-level taps', () => {
  it("split torchvision's per-level head outputs into family and level, and nothing else", () => {
    expect(perLevelTap('objectness/P3')).toEqual({ family: 'objectness', level: 'P3' });
    expect(perLevelTap('bbox_ctrness/P7')).toEqual({ family: 'bbox_ctrness', level: 'P7' });
    expect(perLevelTap('P3')).toBeNull();
    expect(perLevelTap('box_head')).toBeNull();
  });
});

describe('summary chips', () => {
  const chips = summaryChips(at('fasterrcnn_resnet50_fpn', 800, 800));
  const chip = (key: string) => chips.find((c) => c.key === key)!;
  it('give one chip per per-level head output, with its levels and A x K channels', () => {
    expect(chips.filter((c) => c.key.startsWith('objectness'))).toHaveLength(1);
    expect(chip('objectness').main).toBe('P2–P6');
    expect(chip('objectness').sub).toBe('3 = 3×1 ch');
    expect(chip('pred_bbox_deltas').sub).toBe('12 = 3×4 ch');
    expect(chip('objectness').node).toBe('rpn/P2/cls_logits');
  });
  it('say which region count a per-region output has', () => {
    expect(chip('box_roi_pool').main).toBe('7×7');
    expect(chip('box_roi_pool').sub).toBe('R = 1000 · 256 ch');
    expect(chip('C5').sub).toBe('2048 ch · /32');
  });
});

describe('layer graph of a shared head', () => {
  const a = at('fasterrcnn_resnet50_fpn', 800, 800);
  const g = a.model.graph;
  const idx = groupIndex(g);
  const expanded = new Set(['neck', 'rpn']);
  const vg = visibleGraph(g, expanded);

  it("draws torchvision's RPNHead once (conv, cls_logits, bbox_pred), fed by every level", () => {
    const rpn = vg.items.filter((i) => i.id.startsWith('rpn/')).map((i) => i.id);
    expect(rpn).toEqual(['rpn/P2/conv1', 'rpn/P2/relu1', 'rpn/P2/cls_logits', 'rpn/P2/bbox_pred']);
    const into = vg.edges.filter((e) => e.target === 'rpn/P2/conv1').map((e) => e.source);
    expect(into.sort()).toEqual(['neck/P2', 'neck/P3', 'neck/P4', 'neck/P5', 'neck/P6']);
    expect(itemFor('rpn/P5/bbox_pred', idx, expanded)).toBe('rpn/P2/bbox_pred');
  });

  it('puts the shared head and the RoI heads in their own bands under the neck', () => {
    const band = (id: string) => vg.items.find((i) => i.id === id)!.band;
    expect(band('rpn/P2/conv1')).toBe('head');
    expect(band('roi_heads')).toBe('roi');
  });

  it('titles the collapsed head with its levels and sums a drawn op over every level', () => {
    const collapsed = visibleGraph(g, new Set(['neck'])).items.find((i) => i.id === 'rpn')!;
    expect(sharedTitle(collapsed, idx)).toEqual(['RPN head', '×5: P2–P6, shared']);
    const conv = vg.items.find((i) => i.id === 'rpn/P2/conv1')!;
    const ids = itemMembers(conv, idx);
    expect(ids).toHaveLength(5);
    const macs = ids.reduce((s, id) => s + a.result.stats.get(id)!.macs, 0);
    // 3x3 conv 256 -> 256 on 200², 100², 50², 25², 13² locations.
    expect(macs).toBe(256 * 256 * 9 * (200 ** 2 + 100 ** 2 + 50 ** 2 + 25 ** 2 + 13 ** 2));
  });
});

describe('module facts', () => {
  const g = at('fasterrcnn_resnet50_fpn', 800, 800).model.graph;
  const node = (id: string) => g.nodes.find((n) => n.id === id)!;
  it("name torchvision's module and the node that owns the weights", () => {
    expect(moduleFacts(node('rpn/P3/conv1'), g)).toEqual([
      ['module', 'rpn.head.conv.0.0', []],
      ['weights', 'shared: 0 parameters here, counted once at', ['rpn/P2/conv1']]
    ]);
    const owner = moduleFacts(node('rpn/P2/conv1'), g);
    expect(owner[1][2]).toEqual(['rpn/P3/conv1', 'rpn/P4/conv1', 'rpn/P5/conv1', 'rpn/P6/conv1']);
    expect(moduleFacts(node('roi_heads/box_head/fc6'), g)).toEqual([
      ['module', 'roi_heads.box_head.fc6', []]
    ]);
  });
});

describe('op attributes of the whole-model ops', () => {
  const nodeOf = (preset: string, id: string) => {
    const a = at(preset, 800, 800);
    const n = a.model.graph.nodes.find((x) => x.id === id)!;
    return Object.fromEntries(opAttributes(n, a.result.stats.get(id)));
  };
  it("read as torchvision's modules are built", () => {
    // MultiScaleRoIAlign(output_size=7, sampling_ratio=2) on R = 1000 proposals.
    const pool = nodeOf('maskrcnn_resnet50_fpn', 'roi_heads/box_roi_pool');
    expect(pool.output).toBe('7');
    expect(pool['sampling ratio']).toBe('2');
    expect(pool.regions).toMatch(/^R = 1000 proposals per image/);
    // MaskRCNNPredictor.conv5_mask: ConvTranspose2d(256, 256, 2, 2, 0).
    const up = nodeOf('maskrcnn_resnet50_fpn', 'roi_heads/mask_predictor/conv5_mask');
    expect([up.kernel, up.stride, up.padding, up['out channels']]).toEqual(['2', '2', '0', '256']);
    // RetinaNetHead v2: GroupNorm(32, 256) after each tower conv.
    expect(nodeOf('retinanet_resnet50_fpn_v2', 'head/P3/cls/gn1').groups).toBe('32');
    expect(nodeOf('fasterrcnn_resnet50_fpn', 'stem/bn1').kind).toMatch(/^FrozenBatchNorm2d/);
    expect(nodeOf('fasterrcnn_resnet50_fpn', 'transform/pad')['pads to']).toMatch(/^a multiple of 32/);
  });
});
