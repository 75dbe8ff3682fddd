/**
 * What the graph tooltip, the pyramid tooltip and the details panel say about a node: one function,
 * checked against hand counts for torchvision's ResNet-50 and PSPNet's fractional output stride.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { groupIndex } from '../../src/lib/viz/graph-collapse';
import { itemDetails } from '../../src/lib/viz/graph-details';
import { layoutPyramid } from '../../src/lib/viz/pyramid-layout';
import { blockDetails, nodeDetails } from '../../src/lib/viz/details';

const resnet50 = analyze(presetConfig('resnet50')!, [224, 224]);
const pspnet = analyze(presetConfig('pspnet_r50')!, [473, 473]);

describe('node details', () => {
  it('say frozen where trainableLayers freezes the parameters', () => {
    const a = analyze({ ...presetConfig('resnet50')!, trainableLayers: 4 }, [224, 224]);
    // The stem's 7x7 conv: 7 x 7 x 3 x 64 = 9,408 parameters, all frozen at 4.
    expect(Object.fromEntries(nodeDetails(a, ['stem/conv1'])).params).toBe('9,408, frozen');
    // stem and C2 (layer1) together: 9,408 + bn1's 128 frozen; layer1's 215,808 train (hand count in
    // depth-summary.test.ts).
    const ids = a.model.graph.nodes.filter((n) => /^(stem|C2)\//.test(n.id)).map((n) => n.id);
    expect(Object.fromEntries(nodeDetails(a, ids)).params).toBe('225,344, 9,536 frozen');
    expect(Object.fromEntries(nodeDetails(a, ['C2/unit1/conv1'])).params).toBe('4,096');
  });

  it("C5's first 3x3 conv (torchvision resnet50 at 224): 512 x 512 x 9 params, 7 x 7 of them as MACs", () => {
    const d = Object.fromEntries(nodeDetails(resnet50, ['C5/unit1/conv2']));
    expect(d.output).toBe('[1, 512, 7, 7]');
    expect(d.params).toBe('2,359,296');
    expect(d.MACs).toBe('115,605,504'); // 2,359,296 x 49
    expect(d.memory).toBe('98.0 KiB'); // 512 x 7 x 7 x 4 bytes = 100,352 B
  });

  it('doubles MACs into FLOPs when asked', () => {
    const d = Object.fromEntries(nodeDetails(resnet50, ['C5/unit1/conv2'], { flops: true }));
    expect(d.FLOPs).toBe('231,211,008');
  });

  it("prints PSPNet's fractional stride (8 * 60 / 473 = 1.0148) to two decimals", () => {
    const rf = Object.fromEntries(nodeDetails(pspnet, [pspnet.model.graph.taps.out]))['receptive field'];
    expect(rf).toContain('stride 1.01,');
    expect(rf).not.toContain('1.0147');
  });
});

describe('every view uses them', () => {
  it("the pyramid tooltip of PSPNet's out block", () => {
    const out = layoutPyramid(pspnet).blocks.find((b) => b.id === 'out')!;
    const lines = blockDetails(pspnet, out);
    expect(lines.some((l) => l.includes('stride 1.01,'))).toBe(true);
    expect(lines.join('\n')).not.toContain('1.0147');
  });

  it('the graph tooltip of a collapsed stage sums its members: C2 of resnet50 has 215,808 params', () => {
    // torchvision layer1: 3 bottlenecks (64 -> 64 -> 256) with BN, plus the 1x1 projection: 215,808.
    const idx = groupIndex(resnet50.model.graph);
    const group = resnet50.model.graph.groups.find((g) => g.path === 'C2')!;
    const item = { id: 'C2', group, node: null, output: resnet50.model.graph.taps.C2, band: 'main' as const };
    const lines = itemDetails(item, resnet50, idx, []);
    expect(lines).toContain('params 215,808');
    expect(lines).toContain('output [1, 256, 56, 56]');
  });
});
