/** Which "what is this" texts a selected layer gets: the blocks its id places it in. */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { EXPLANATIONS, explain } from '../../src/lib/viz/explain';

const terms = (preset: string, ids: string[]) => {
  const m = buildModel(presetConfig(preset)!);
  return ids.map((id) => {
    // Every id asked about is a real node or group of that model.
    expect(m.graph.nodes.some((n) => n.id === id) || m.graph.groups.some((g) => g.path === id), id).toBe(
      true
    );
    return explain(id, m.graph, m.config).map((e) => e.term);
  });
};

describe('what is this', () => {
  it('residual units: basic blocks in ResNet-18, bottlenecks in ResNet-50; the stem is neither', () => {
    expect(terms('resnet18', ['C3/unit1/conv2', 'C3/unit1', 'stem/conv1', 'C3'])).toEqual([
      ['basic'],
      ['basic'],
      [],
      []
    ]);
    expect(terms('resnet50', ['C4/unit3/conv3', 'C2/unit1/shortcut/conv'])).toEqual([
      ['bottleneck'],
      ['bottleneck']
    ]);
  });

  it('FPN parts, the RPN head and RoIAlign in Mask R-CNN', () => {
    expect(
      terms('maskrcnn_resnet50_fpn', [
        'neck/P4/lateral',
        'neck/P4/upsample',
        'neck/P4/add',
        'neck/P4/smooth',
        'neck',
        'rpn/P3/cls_logits',
        'roi_heads/box_roi_pool',
        'roi_heads/mask_roi_pool',
        'roi_heads/box_head/fc6'
      ])
    ).toEqual([
      ['lateral', 'fpn'],
      ['topdown', 'fpn'],
      ['topdown', 'fpn'],
      ['fpn'],
      ['fpn'],
      ['rpn'],
      ['roialign'],
      ['roialign'],
      []
    ]);
  });

  it('PSPNet pyramid pooling and DeepLabv3 ASPP; the units inside a dilated backbone are bottlenecks', () => {
    expect(terms('pspnet_r50', ['ppm/bin2/conv', 'ppm', 'C5/unit2/conv2'])).toEqual([
      ['ppm'],
      ['ppm'],
      ['bottleneck']
    ]);
    expect(terms('deeplabv3_resnet50', ['head/aspp/b1/conv', 'head/aspp'])).toEqual([['aspp'], ['aspp']]);
  });

  it('each text asks its question and names its paper', () => {
    for (const e of Object.values(EXPLANATIONS)) {
      expect(e.title).toMatch(/^What is .+\?$/);
      expect(e.source).toMatch(/(19|20)\d\d$/);
      expect(e.text.length).toBeLessThan(500);
    }
  });
});
