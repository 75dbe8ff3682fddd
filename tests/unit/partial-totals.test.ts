/**
 * Issue 10, item 4: parameters count every layer whatever the input size, and totals that leave
 * layers or levels out say so, in the engine, the CLI's text and JSON, and the Markdown export.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import { infer } from '../../src/lib/core/infer';
import { conv } from '../../src/lib/core/layers';
import { analyze } from '../../src/lib/models/analyze';
import { buildReport } from '../../src/lib/models/report';
import { partialAnchors, partialTotals } from '../../src/lib/models/partial';
import { presetConfig } from '../../src/lib/models/presets';
import { formatTable } from '../../src/cli/format';
import { toMarkdown } from '../../src/lib/export/markdown';
import { analyzePreset, loadFixture } from './golden-fixture';

const PRESET = 'fasterrcnn_resnet50_fpn_backbone';
const broken = () => analyze({ ...presetConfig(PRESET)!, fpnUpsample: 'nearest2x' }, [97, 131]);

describe('the FPN backbone at 97x131 with nearest x2 top-down (P4 cannot add 7x9 and 8x10)', () => {
  const a = broken();
  // torchvision's fasterrcnn_resnet50_fpn(weights_backbone=None).backbone, counted by the fixture script.
  const { backbone_params } = loadFixture<{ backbone_params: number }>('fasterrcnn_resnet50_fpn');

  it('counts the same parameters as at a size where every layer has a shape', () => {
    expect(backbone_params).toBe(26_852_416);
    expect(a.result.totals.params).toBe(backbone_params);
    expect(analyzePreset(PRESET, [224, 224]).result.totals.params).toBe(backbone_params);
    // Each of the three shapeless 3x3 smoothing convs keeps its 256 x 256 x 9 + 256 = 590,080.
    for (const p of ['P2', 'P3', 'P4'])
      expect(a.result.stats.get(`neck/${p}/smooth`)).toMatchObject({ shape: null, params: 590_080 });
  });

  it('lists the 8 layers without a shape: P4 add and smooth, then upsample, add, smooth of P3 and P2', () => {
    // C5 is 4x5 (ceil(97/32), ceil(131/32)); x2 gives 8x10 against C4's 7x9 lateral.
    expect(a.result.unshaped).toEqual([
      'neck/P4/add',
      'neck/P4/smooth',
      'neck/P3/upsample',
      'neck/P3/add',
      'neck/P3/smooth',
      'neck/P2/upsample',
      'neck/P2/add',
      'neck/P2/smooth'
    ]);
    expect(a.result.paramsUnknown).toEqual([]);
    expect(partialTotals(a)?.note).toBe('partial: 8 layers have no shape');
    expect(partialTotals(a)?.paramsNote).toBeNull();
  });

  it('counts anchors on P5 and P6 only, and says P2-P4 are missing', () => {
    // 3 per location: P5 4x5 -> 60, P6 (1x1/2 max-pool of 4x5) 2x3 -> 18.
    expect(a.anchors?.total).toBe(78);
    expect(partialAnchors(a)).toEqual({
      levels: ['P2', 'P3', 'P4'],
      note: 'partial: P2, P3, P4 have no shape'
    });
  });

  it('says so in the JSON report, the CLI text and the Markdown export', () => {
    const r = buildReport(PRESET, a);
    expect(r.totals.partial?.note).toBe('partial: 8 layers have no shape');
    expect(r.totals.partial?.unshaped).toHaveLength(8);
    expect(r.anchors?.partial?.levels).toEqual(['P2', 'P3', 'P4']);
    const text = formatTable(r, false);
    // The backbone preset trains everything (trainable_params.json: 26,852,416 trainable, 0 frozen).
    expect(text).toMatch(
      /total params 26,852,416 \(trainable 26,852,416, non-trainable 0\); .*; partial: 8 layers have no shape/
    );
    expect(text).toContain('total 78 (partial: P2, P3, P4 have no shape)');
    const md = toMarkdown(PRESET, a);
    expect(md).toContain('**partial: 8 layers have no shape**');
    expect(md).toContain('**partial: P2, P3, P4 have no shape**');
  });

  it('reports complete totals as complete (null, no note)', () => {
    const ok = analyzePreset(PRESET, [800, 1344]);
    expect(partialTotals(ok)).toBeNull();
    expect(partialAnchors(ok)).toBeNull();
    expect(buildReport(PRESET, ok).totals.partial).toBeNull();
    expect(formatTable(buildReport(PRESET, ok), false)).not.toContain('partial');
  });
});

describe('parameters of layers without a shape', () => {
  it('resnet50_caffe at 1x1 (PyTorch raises: too_small fixture) keeps torchvision resnet50 count', () => {
    const tooSmall = loadFixture<{ models: Record<string, Record<string, boolean>> }>('too_small');
    expect(tooSmall.models.resnet50_caffe['1']).toBe(true);
    const { params } = loadFixture<{ params: number }>('resnet50_caffe');
    const a = analyzePreset('resnet50_caffe', [1, 1]);
    expect(a.result.unshaped.length).toBeGreaterThan(0);
    expect(a.result.totals.params).toBe(params);
  });

  it('a flatten after an adaptive pool reads the pool’s fixed size, not the stand-in side', () => {
    // 1x1 input -> 3x3 conv without padding is empty; its dependants still count their weights:
    // conv 3 x 8 x 9 = 216; adaptive pool to 2x2; flatten 8 x 2 x 2 = 32; linear 32 x 10 + 10 = 330.
    const b = new GraphBuilder();
    const x = b.add('input', 'input', { channels: 3 }, []);
    const c = b.add('conv', 'conv2d', conv(8, 3, 1, { padding: 0 }), [x]);
    const p = b.add('pool', 'adaptiveavgpool', { output: [2, 2] }, [c]);
    const f = b.add('flatten', 'flatten', {}, [p]);
    b.add('fc', 'linear', { outFeatures: 10, bias: true }, [f]);
    const r = infer(b.build(), [1, 3, 1, 1]);
    expect(r.unshaped).toEqual(['conv', 'pool', 'flatten', 'fc']);
    expect(r.stats.get('fc')?.params).toBe(330);
    // No layer has a shape, so no MACs and no memory are known (the input is not a layer).
    expect(r.totals).toEqual({ params: 216 + 330, trainable: 216 + 330, macs: 0, bytes: 0 });
  });

  it('a channel mismatch leaves the parameters after it unknown, and says which', () => {
    // add(3 channels, 8 channels) has no shape whatever the size, so conv2's input channels are unknown.
    const b = new GraphBuilder();
    const x = b.add('input', 'input', { channels: 3 }, []);
    const c1 = b.add('conv1', 'conv2d', conv(8, 1), [x]);
    const s = b.add('add', 'add', {}, [x, c1]);
    b.add('conv2', 'conv2d', conv(4, 1), [s]);
    const r = infer(b.build(), [1, 3, 8, 8]);
    expect(r.unshaped).toEqual(['add', 'conv2']);
    expect(r.paramsUnknown).toEqual(['add', 'conv2']);
    expect(r.totals.params).toBe(3 * 8);
  });
});
