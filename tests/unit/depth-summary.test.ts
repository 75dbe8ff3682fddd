/**
 * The depth-grouped summary against torchinfo's published output for torchvision's resnet18
 * (torchinfo's tests/test_output/resnet18_depth_consistency.out at 64x64, and its README's summary at
 * 224x224), and FrozenBatchNorm2d's buffers worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { formatOps } from '../../src/lib/format';
import { depthSummary } from '../../src/lib/models/depth-summary';
import { presetConfig } from '../../src/lib/models/presets';

const r18 = presetConfig('resnet18')!;
const mb = (x: number) => x.toFixed(2);

describe('ResNet-18 as torchinfo summarises it', () => {
  it('224x224: the published footer', () => {
    const { footer: f } = depthSummary(analyze(r18, [224, 224]), 1);
    expect(f.totalParams).toBe(11_689_512);
    expect(f.trainableParams).toBe(11_689_512);
    expect(f.nonTrainableParams).toBe(0);
    expect(formatOps(f.multAdds)).toBe('1.81 G');
    expect(mb(f.inputMB)).toBe('0.60');
    expect(mb(f.forwardBackwardMB)).toBe('39.75');
    expect(mb(f.paramsMB)).toBe('46.76');
    expect(mb(f.totalMB)).toBe('87.11');
  });

  it('224x224: forward/backward pass size by hand', () => {
    // Outputs of the layers with parameters (conv, bn, fc), in values: conv1 and bn1 at 64x112x112;
    // layer1 8 x 64x56x56; layers 2-4 ten each (two units of conv+bn twice, plus the downsample's
    // conv+bn) at 128x28x28, 256x14x14, 512x7x7; fc 1000. Times 4 bytes, times 2 for gradients.
    const values = 2 * 802_816 + 8 * 200_704 + 10 * 100_352 + 10 * 50_176 + 10 * 25_088 + 1000;
    expect(values).toBe(4_968_424);
    const { footer: f } = depthSummary(analyze(r18, [224, 224]), 1);
    expect(f.forwardBackwardMB * 1e6).toBeCloseTo(values * 4 * 2, 3);
  });

  it('64x64: rows at depth 1 and 2 and the footer, as in torchinfo', () => {
    const a = analyze(r18, [64, 64]);
    const one = depthSummary(a, 1);
    const row = (rows: typeof one.rows, path: string) => rows.find((r) => r.path === path)!;
    // torchinfo's Sequential rows (layer1..layer4) and their output shapes.
    expect(['C2', 'C3', 'C4', 'C5'].map((p) => [row(one.rows, p).params, row(one.rows, p).output])).toEqual([
      [147_968, [1, 64, 16, 16]],
      [525_568, [1, 128, 8, 8]],
      [2_099_712, [1, 256, 4, 4]],
      [8_393_728, [1, 512, 2, 2]]
    ]);
    // conv1 9,408 + bn1 128 form our stem; torchinfo lists them apart. The Linear is 513,000.
    expect(row(one.rows, 'stem').params).toBe(9_408 + 128);
    expect(row(one.rows, 'head').params).toBe(513_000);
    expect(one.rows.map((r) => r.path)).toEqual(['stem', 'C2', 'C3', 'C4', 'C5', 'head']);
    expect(one.rows.every((r) => !r.expanded && r.depth === 1)).toBe(true);
    expect(formatOps(one.footer.multAdds)).toBe('148.57 M');
    expect(
      [one.footer.inputMB, one.footer.forwardBackwardMB, one.footer.paramsMB, one.footer.totalMB].map(mb)
    ).toEqual(['0.05', '3.25', '46.76', '50.06']);

    // Depth 2: the BasicBlocks, stages expanded (torchinfo prints "--" for them).
    const two = depthSummary(a, 2);
    const units = two.rows.filter((r) => /^C\d\/unit\d$/.test(r.path));
    expect(units.map((r) => r.params)).toEqual([
      73_984, 73_984, 230_144, 295_424, 919_040, 1_180_672, 3_673_088, 4_720_640
    ]);
    expect(row(two.rows, 'C3').expanded).toBe(true);
    expect(row(two.rows, 'C3').params).toBeNull();
    // A unit's input is the previous stage's output; its output is its last ReLU's.
    expect(row(two.rows, 'C3/unit1').input).toEqual([1, 64, 16, 16]);
    expect(row(two.rows, 'C3/unit1').output).toEqual([1, 128, 8, 8]);
    // Params over the visible rows add up to the total at every depth.
    for (const d of [1, 2, 3, Infinity]) {
      const s = depthSummary(a, d);
      expect(
        s.rows.reduce((t, r) => t + (r.params ?? 0), 0),
        `depth ${d}`
      ).toBe(11_689_512);
    }
  });

  it('ops carry their kernel and trainable state; the deepest path is 4 (the shortcut conv)', () => {
    const s = depthSummary(analyze(r18, [64, 64]), Infinity);
    const conv = s.rows.find((r) => r.path === 'C3/unit1/conv2')!;
    expect([conv.op, conv.kernel, conv.params, conv.trainable]).toEqual([
      'conv2d',
      '3×3',
      147_456,
      'trainable'
    ]);
    expect(s.rows.find((r) => r.path === 'stem/pool')!.kernel).toBe('3×3');
    expect(s.rows.find((r) => r.path === 'C3/unit1/relu')!.trainable).toBeNull();
    expect(s.maxDepth).toBe(4);
  });

  it('every row selects: an op itself, a stage or unit its group, a shortcut (no group) its output', () => {
    const s = depthSummary(analyze(r18, [64, 64]), Infinity);
    const select = (path: string) => s.rows.find((r) => r.path === path)!.select;
    expect(select('C3')).toBe('C3');
    expect(select('C3/unit1')).toBe('C3/unit1');
    expect(select('C3/unit1/conv2')).toBe('C3/unit1/conv2');
    // torchvision's layer2.0.downsample is Sequential(conv 1x1, BatchNorm2d): its output is the norm.
    expect(select('C3/unit1/shortcut')).toBe(
      s.rows
        .filter((r) => r.path.startsWith('C3/unit1/shortcut/'))
        .map((r) => r.path)
        .pop()
    );
    expect(s.rows.filter((r) => r.path.startsWith('C3/unit1/shortcut/')).map((r) => r.op)).toEqual([
      'conv2d',
      'batchnorm'
    ]);
  });
});

describe('FrozenBatchNorm2d', () => {
  it('is frozen, holds buffers, and a bottleneck with it is partly frozen', () => {
    const a = analyze(presetConfig('fasterrcnn_resnet50_fpn')!, [512, 512]);
    const s = depthSummary(a, Infinity);
    expect(s.rows.find((r) => r.path === 'C3/unit1/bn1')!.trainable).toBe('frozen');
    expect(s.rows.find((r) => r.path === 'C3/unit1/bn1')!.params).toBeNull();
    expect(depthSummary(a, 2).rows.find((r) => r.path === 'C3/unit1')!.trainable).toBe('partly frozen');
    // ResNet-50's BN channels: stem 64; per unit planes, planes, 4 planes, plus 4 planes for each
    // stage's downsample: 3(64+64+256)+256, 4(128+128+512)+512, 6(256+256+1024)+1024,
    // 3(512+512+2048)+2048 = 1408 + 3584 + 10240 + 11264. Four buffers each (weight, bias, mean, var).
    expect(s.footer.buffers).toBe(4 * (64 + 1408 + 3584 + 10_240 + 11_264));
  });

  it('a head shared by the levels counts its parameters once, its mult-adds at every level', () => {
    const a = analyze(presetConfig('fasterrcnn_resnet50_fpn')!, [512, 512]);
    const two = depthSummary(a, 2);
    const p2 = two.rows.find((r) => r.path === 'rpn/P2')!;
    const p3 = two.rows.find((r) => r.path === 'rpn/P3')!;
    // RPN head: 3x3 conv 256->256 (590,080) and 1x1 convs to 3 and 12 channels (771, 3,084).
    expect(p2.params).toBe(590_080 + 771 + 3_084);
    expect([p3.params, p3.shared]).toEqual([null, true]);
  });
});

describe('trainableLayers (requires_grad=False)', () => {
  // torchvision's fasterrcnn_resnet50_fpn_v2 has BatchNorm2d, so bn1's weight and bias are parameters.
  // Frozen at trainableLayers=3, by hand: the stem, conv1 7x7x3x64 = 9,408 and bn1 2 x 64 = 128; layer1,
  // unit 1: 64x64 + 3x3x64x64 + 64x256 + the downsample's 64x256 = 4,096 + 36,864 + 16,384 + 16,384,
  // BN 2(64 + 64 + 256 + 256) = 1,280, so 75,008; units 2 and 3: 256x64 + 36,864 + 64x256 + BN
  // 2(64 + 64 + 256) = 70,400 each. 9,536 + 75,008 + 2 x 70,400 = 225,344 (trainable_params.json agrees).
  const v2 = presetConfig('fasterrcnn_resnet50_fpn_v2')!;
  const a = analyze(v2, [512, 512]);

  it("fills torchinfo's footer", () => {
    const f = depthSummary(a, 1).footer;
    expect(f.nonTrainableParams).toBe(225_344);
    expect(f.trainableParams + f.nonTrainableParams).toBe(f.totalParams);
  });

  it('marks the frozen stages, and only those', () => {
    const rows = new Map(depthSummary(a, 1).rows.map((r) => [r.path, r.trainable]));
    expect([rows.get('stem'), rows.get('C2'), rows.get('C3'), rows.get('C5')]).toEqual([
      'frozen',
      'frozen',
      'trainable',
      'trainable'
    ]);
    const all = depthSummary(analyze({ ...v2, trainableLayers: 5 }, [512, 512]), 1);
    expect(all.rows.find((r) => r.path === 'stem')!.trainable).toBe('trainable');
    expect(all.footer.nonTrainableParams).toBe(0);
  });

  it('at 4 freezes the stem alone: conv1 and bn1, 9,408 + 128', () => {
    const f = depthSummary(analyze({ ...v2, trainableLayers: 4 }, [512, 512]), 1).footer;
    expect(f.nonTrainableParams).toBe(9_536);
  });
});
