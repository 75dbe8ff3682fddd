import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { defaultExpanded, reveal, visibleGraph } from '../../src/lib/viz/graph-collapse';
import { cachedLayout, layoutGraph } from '../../src/lib/viz/graph-layout';

// torchvision resnet18: layer1..layer4 with 2 BasicBlocks each; layer1 has no downsample, layers 2-4
// start with a block whose shortcut is a 1x1 conv + BN (torchvision/models/resnet.py, BasicBlock).
const r18 = buildModel(presetConfig('resnet18')!).graph;

describe('collapse and expand (resnet18)', () => {
  it('shows one box per stage by default', () => {
    const vg = visibleGraph(r18, defaultExpanded(r18));
    expect(vg.items.map((i) => i.id)).toEqual(['input', 'stem', 'C2', 'C3', 'C4', 'C5', 'head']);
    expect(vg.edges.map((e) => e.id)).toEqual([
      'input->stem',
      'stem->C2',
      'C2->C3',
      'C3->C4',
      'C4->C5',
      'C5->head'
    ]);
  });

  it('opens a stage to its two units, labelled as seed 001 names them', () => {
    const vg = visibleGraph(r18, new Set(['C2', 'C3']));
    const units = vg.items.filter((i) => i.group?.unitKind).map((i) => `${i.id}:${i.group!.label}`);
    expect(units).toEqual([
      'C2/unit1:identity block',
      'C2/unit2:identity block',
      'C3/unit1:conv block',
      'C3/unit2:identity block'
    ]);
    expect(vg.items.find((i) => i.id === 'C3/unit1')!.group!.downsamples).toBe(true);
    expect(vg.items.find((i) => i.id === 'C2/unit1')!.group!.downsamples).toBe(false);
  });

  it('opens a downsampling unit to its nine ops, with the projection shortcut as shortcut edges', () => {
    const vg = visibleGraph(r18, new Set(['C3', 'C3/unit1']));
    const ops = vg.items
      .filter((i) => i.id.startsWith('C3/unit1/'))
      .map((i) => i.id.slice('C3/unit1/'.length));
    // conv1 bn1 relu conv2 bn2 + downsample (conv, bn) + the addition and its ReLU
    expect(ops.sort()).toEqual([
      'add',
      'bn1',
      'bn2',
      'conv1',
      'conv2',
      'relu',
      'relu1',
      'shortcut/bn',
      'shortcut/conv'
    ]);
    const kinds = Object.fromEntries(vg.edges.map((e) => [e.id, e.kind]));
    expect(kinds['C3/unit1/shortcut/conv->C3/unit1/shortcut/bn']).toBe('shortcut');
    expect(kinds['C3/unit1/bn2->C3/unit1/add']).toBe('main');
  });

  it('marks an identity unit skip as a shortcut edge', () => {
    const vg = visibleGraph(r18, new Set(['C2', 'C2/unit2']));
    const skip = vg.edges.find((e) => e.source === 'C2/unit1' && e.target === 'C2/unit2/add');
    expect(skip?.kind).toBe('shortcut');
  });

  it('reveals a hidden node but not the output of a collapsed group', () => {
    const closed = new Set<string>();
    expect([...reveal(r18, closed, 'C4/unit2/conv1')!].sort()).toEqual(['C4', 'C4/unit2']);
    // C5's last op is the output a collapsed C5 box stands for: selecting it must not open C5.
    const c5out = r18.nodes.filter((n) => n.id.startsWith('C5/')).pop()!.id;
    expect(reveal(r18, closed, c5out)).toBeNull();
  });
});

describe('layered layout', () => {
  it('draws every edge left to right and keeps ranks along the chain', () => {
    const { layout, vg } = cachedLayout(r18, new Set(['C2', 'C3', 'C3/unit1']));
    for (const e of vg.edges)
      expect(layout.boxes.get(e.target)!.x).toBeGreaterThan(layout.boxes.get(e.source)!.x);
    const conv1 = layout.boxes.get('C3/unit1/conv1')!;
    const sc = layout.boxes.get('C3/unit1/shortcut/conv')!;
    expect(sc.y).toBeGreaterThan(conv1.y); // the shortcut lane is under the main path
  });

  it('is cached per graph and expansion, independent of the input size', () => {
    const exp = new Set(['C3']);
    expect(cachedLayout(r18, exp)).toBe(cachedLayout(r18, new Set(['C3'])));
    const rebuilt = buildModel(presetConfig('resnet18')!).graph;
    expect(cachedLayout(rebuilt, exp, 'r18').layout).toBe(
      cachedLayout(buildModel(presetConfig('resnet18')!).graph, exp, 'r18').layout
    );
    expect(layoutGraph(visibleGraph(r18, exp)).width).toBe(cachedLayout(r18, exp).layout.width);
  });

  it('routes FPN laterals into the neck band', () => {
    const g = buildModel(presetConfig('fasterrcnn_resnet50_fpn_backbone')!).graph;
    const { vg, layout } = cachedLayout(g, defaultExpanded(g));
    const lateral = vg.edges
      .filter((e) => e.kind === 'lateral')
      .map((e) => e.id)
      .sort();
    expect(lateral).toEqual(['C2->neck/P2', 'C3->neck/P3', 'C4->neck/P4', 'C5->neck/P5']);
    const topdown = vg.edges
      .filter((e) => e.kind === 'topdown')
      .map((e) => e.id)
      .sort();
    expect(topdown).toEqual(['neck/P3->neck/P2', 'neck/P4->neck/P3', 'neck/P5->neck/P4']);
    expect(layout.boxes.get('neck/P2')!.y).toBeGreaterThan(layout.boxes.get('C2')!.y);
  });
});

describe('toggling', () => {
  it('closing a stage also closes the units opened inside it', async () => {
    const { toggled } = await import('../../src/lib/viz/graph-collapse');
    expect([...toggled(new Set(['C3', 'C3/unit1', 'C4']), 'C3')]).toEqual(['C4']);
    expect([...toggled(new Set(['C4']), 'C3')].sort()).toEqual(['C3', 'C4']);
  });
});
