import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { defaultExpanded, groupIndex, itemFor, visibleGraph } from '../../src/lib/viz/graph-collapse';
import { findEntries, revealEntry, searchEntries } from '../../src/lib/viz/graph-search';

// torchvision's names: resnet50's layer3 is C4 and layer3[2] its third Bottleneck (C4/unit3); in the
// detectors the body sits under backbone.body and the FPN's inner_blocks[i] is the lateral 1x1 of the
// i-th returned layer (layer1..layer4 -> P2..P5), torchvision/ops/feature_pyramid_network.py.
const r50 = buildModel(presetConfig('resnet50')!).graph;
const mask = buildModel(presetConfig('maskrcnn_resnet50_fpn')!).graph;
const first = (g: typeof r50, q: string) => findEntries(searchEntries(g), q).hits[0]?.id;

describe('finding a layer by name', () => {
  it('finds a torchvision module path, alone or as the tail of the detector path', () => {
    expect(first(r50, 'layer3.2.conv2')).toBe('C4/unit3/conv2');
    expect(first(mask, 'layer3.2.conv2')).toBe('C4/unit3/conv2');
    expect(first(mask, 'backbone.body.layer3.2.conv2')).toBe('C4/unit3/conv2');
    expect(first(mask, 'fpn.inner_blocks.2')).toBe('neck/P4/lateral');
  });

  it('finds groups by path, by module prefix and by label, before their members', () => {
    expect(first(r50, 'C4/unit3')).toBe('C4/unit3');
    expect(first(r50, 'c4/UNIT3')).toBe('C4/unit3');
    expect(first(mask, 'layer3.2')).toBe('C4/unit3');
    expect(first(mask, 'layer3')).toBe('C4');
    expect(first(mask, 'mask_head')).toBe('roi_heads/mask_head');
  });

  it('counts every match, lists at most the limit and says nothing for no match or no query', () => {
    // resnet50's C4 has six units of ten ops each (three conv, three BN, three ReLU, one add), plus
    // the projection shortcut's conv and BN in the first unit; and the stage and its six units.
    const c4 = findEntries(searchEntries(r50), 'C4/', 8);
    expect(c4.total).toBe(6 * 10 + 2 + 6);
    expect(c4.hits).toHaveLength(8);
    expect(findEntries(searchEntries(r50), 'no such layer').total).toBe(0);
    expect(findEntries(searchEntries(r50), '   ').hits).toEqual([]);
  });
});

describe('bringing a find into view', () => {
  it('opens the stage and unit around an op and selects the op', () => {
    const plan = revealEntry(r50, defaultExpanded(r50), { id: 'C4/unit3/conv2', group: false });
    expect(plan.select).toBe('C4/unit3/conv2');
    expect(visibleGraph(r50, plan.expanded).items.map((i) => i.id)).toContain('C4/unit3/conv2');
  });

  it('opens an op that is its collapsed group\u2019s output, rather than leaving the group shut', () => {
    const plan = revealEntry(r50, defaultExpanded(r50), { id: 'C4/unit6/relu', group: false });
    expect(itemFor('C4/unit6/relu', groupIndex(r50), plan.expanded)).toBe('C4/unit6/relu');
  });

  it('shows a unit as one box: its stage opens, the unit stays closed and holds the selection', () => {
    const plan = revealEntry(r50, defaultExpanded(r50), { id: 'C4/unit3', group: true });
    expect(plan.expanded.has('C4')).toBe(true);
    expect(plan.expanded.has('C4/unit3')).toBe(false);
    // The unit itself is selected, as a click on its box selects it (issue 10, item 7).
    expect(plan.select).toBe('C4/unit3');
    expect(itemFor(plan.select, groupIndex(r50), plan.expanded)).toBe('C4/unit3');
  });

  it('shows an op of a later RPN level on the one drawing of the shared head', () => {
    const plan = revealEntry(mask, defaultExpanded(mask), { id: 'rpn/P3/conv1', group: false });
    expect(plan.select).toBe('rpn/P3/conv1');
    expect(itemFor('rpn/P3/conv1', groupIndex(mask), plan.expanded)).toBe('rpn/P2/conv1');
  });
});
