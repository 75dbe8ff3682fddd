import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { blockHeight, layoutPyramid, pyramidOrder } from '../../src/lib/viz/pyramid-layout';
import { formatCompact, formatSpatial } from '../../src/lib/format';

const at = (id: string, h: number, w = h) => analyze(presetConfig(id)!, [h, w]);

describe('pyramid overview', () => {
  it('orders the backbone blocks input, C1, stem, C2..C5, then the head', () => {
    expect(pyramidOrder(at('resnet50', 224))).toEqual([
      'input',
      'C1',
      'stem',
      'C2',
      'C3',
      'C4',
      'C5',
      'logits'
    ]);
    // PSPNet's bins 1, 2, 3, 6 (Zhao et al. 2017) become four branches before the concat and classifier.
    expect(pyramidOrder(at('pspnet_r50', 473))).toEqual([
      'input',
      'C1',
      'stem',
      'C2',
      'C3',
      'C4',
      'C5',
      'ppm1',
      'ppm2',
      'ppm3',
      'ppm6',
      'ppm_concat',
      'cls',
      'out'
    ]);
  });

  it('labels ResNet-50 at 224 with torchvision shapes: C5 is 7x7 with 2048 channels', () => {
    const l = layoutPyramid(at('resnet50', 224));
    const c5 = l.blocks.find((b) => b.id === 'C5')!;
    expect(formatSpatial(c5.shape)).toBe('7×7 / 2048');
    expect(c5.stride).toBe(32);
    expect(l.same).toEqual([]);
  });

  it("makes seed 002's point: with TF-slim placement block3 and block4 (C4, C5) have the same size", () => {
    // Seed 002: 512x512 gives block outputs 64x64, 32x32, 16x16, 16x16.
    const l = layoutPyramid(at('retinanet_slim_v2_50', 512));
    const by = new Map(l.blocks.map((b) => [b.id, b]));
    expect(['C2', 'C3', 'C4', 'C5'].map((c) => by.get(c)!.shape![2])).toEqual([64, 32, 16, 16]);
    expect(by.get('C4')!.h).toBe(by.get('C5')!.h);
    expect(by.get('C3')!.h).toBeGreaterThan(by.get('C4')!.h);
    expect(l.same).toEqual([{ a: 'C4', b: 'C5', label: 'same resolution 16×16' }]);
    // P3-P5 sit under the taps that feed them (block1, block2, block4); 49104 anchors in total (seed 002).
    expect(by.get('P3')!.x + by.get('P3')!.w / 2).toBeCloseTo(by.get('C2')!.x + by.get('C2')!.w / 2);
    expect(by.get('P5')!.x + by.get('P5')!.w / 2).toBeCloseTo(by.get('C5')!.x + by.get('C5')!.w / 2);
    expect(by.get('P7')!.anchors).toBe('4×4×9 = 144');
    expect(l.total).toBe('49,104 anchors');
  });

  it('draws halvings as equal steps (log scale)', () => {
    const step1 = blockHeight(64, 512) - blockHeight(32, 512);
    const step2 = blockHeight(32, 512) - blockHeight(16, 512);
    expect(step1).toBeCloseTo(step2);
  });

  it('formats counts like published tables', () => {
    expect(formatCompact(25_557_032)).toBe('25.6M'); // torchvision resnet50 parameters
    expect(formatCompact(4_089_184_256)).toBe('4.09G'); // torchvision's 4.09 GFLOPS (MACs) figure
    expect(formatCompact(512)).toBe('512');
  });
});

describe('export file names', () => {
  it('name the preset a configuration equals, and "custom" once it differs', async () => {
    const { presetName, exportFilename } = await import('../../src/lib/viz/export-image');
    const { buildModel } = await import('../../src/lib/models/build');
    const cfg = presetConfig('retinanet_slim_v2_50')!;
    expect(presetName(buildModel(cfg).config)).toBe('retinanet_slim_v2_50');
    expect(presetName(buildModel({ ...cfg, fpnChannels: 128 }).config)).toBe('custom');
    expect(exportFilename('pyramid', 'retinanet_slim_v2_50', 'svg')).toBe(
      'archscope-pyramid-retinanet_slim_v2_50.svg'
    );
  });

  it('carry the input size, as the table exports do, so two sizes do not overwrite each other', async () => {
    const { exportStem, exportFilename } = await import('../../src/lib/viz/export-image');
    const stem = exportStem(analyze(presetConfig('resnet50')!, [224, 224]));
    expect(exportFilename('graph', stem, 'svg')).toBe('archscope-graph-resnet50-224x224.svg');
    expect(exportStem(analyze(presetConfig('resnet50')!, [375, 500]))).toBe('resnet50-375x500');
  });
});

describe('side-by-side comparison', () => {
  it('outlines the stages whose resolution differs between torchvision and TF-slim placement', async () => {
    const { differingBlocks } = await import('../../src/lib/viz/pyramid-compare');
    // At 224: torchvision C2..C5 = 56, 28, 14, 7; TF-slim = 28, 14, 7, 7 (docs/conventions.md, placement table).
    const tv = layoutPyramid(at('resnet50', 224));
    const slim = analyze({ ...presetConfig('resnet50')!, style: 'slim' }, [224, 224]);
    const diff = differingBlocks(tv, layoutPyramid(slim, at('resnet50', 224)));
    expect([...diff].sort()).toEqual(['C2', 'C3', 'C4']);
  });
});
