/**
 * Whole torchvision models, heads included (tests/fixtures/torchvision/whole_models.json, made by
 * scripts/fixtures/whole_models.py with Debian's torchvision): parameters equal torchvision's
 * published num_params, MACs equal the published GFLOPS at the size and region counts they were
 * measured under, and at several sizes the transform's sizes, every tap, anchors and MACs equal
 * PyTorch's.
 */
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../src/lib/models/config';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { as4d, engineTaps, loadFixture, parseSize, type TapShapes } from './golden-fixture';

interface Run {
  taps: TapShapes;
  macs: number;
  transform?: { resized: number[]; padded: number[] };
  anchors?: { perLocation: number; perLevel: number[]; total: number };
}
interface Whole {
  kind: 'classifier' | 'segmenter' | 'rcnn' | 'dense';
  params: number;
  published: {
    num_params: number;
    gflops: string;
    size: [number, number];
    macs: number;
    proposals?: number;
    detections?: number;
  };
  sizes: Record<string, Run>;
  raw?: Record<string, Run>;
  raw_regions?: [number, number];
  shape_regions: [number, number];
}

const fx = loadFixture<{ models: Record<string, Whole> }>('whole_models');

/** torchvision's published figures (weight metadata), restated here so the fixture is checked too. */
const PUBLISHED: Record<string, [number, string]> = {
  resnext50_32x4d: [25028904, '4.23'],
  resnext101_32x8d: [88791336, '16.414'],
  resnext101_64x4d: [83455272, '15.46'],
  wide_resnet50_2: [68883240, '11.398'],
  wide_resnet101_2: [126886696, '22.753'],
  fasterrcnn_resnet50_fpn: [41755286, '134.38'],
  fasterrcnn_resnet50_fpn_v2: [43712278, '280.371'],
  maskrcnn_resnet50_fpn: [44401393, '134.38'],
  maskrcnn_resnet50_fpn_v2: [46359409, '333.577'],
  keypointrcnn_resnet50_fpn: [59137258, '133.924'],
  retinanet_resnet50_fpn: [34014999, '151.54'],
  retinanet_resnet50_fpn_v2: [38198935, '152.238'],
  fcos_resnet50_fpn: [32269600, '128.207'],
  fcn_resnet50: [35322218, '152.717'],
  fcn_resnet101: [54314346, '232.738'],
  deeplabv3_resnet50: [42004074, '178.722'],
  deeplabv3_resnet101: [60996202, '258.743']
};

/**
 * Region counts under which torchvision's R-CNN figures were measured, derived in docs/models.md:
 * R = 1000 proposals (its eval default); D = 0 detections reproduces Mask R-CNN v1's and Keypoint
 * R-CNN's figures, D = 100 Mask R-CNN v2's.
 */
const PUBLISHED_REGIONS: Record<string, [number, number]> = {
  fasterrcnn_resnet50_fpn: [1000, 0],
  fasterrcnn_resnet50_fpn_v2: [1000, 0],
  maskrcnn_resnet50_fpn: [1000, 0],
  maskrcnn_resnet50_fpn_v2: [1000, 100],
  keypointrcnn_resnet50_fpn: [1000, 0]
};

const regions = (r: [number, number] | undefined): Partial<ModelConfig> =>
  r ? { proposals: r[0], detections: r[1] } : {};

function run(id: string, size: [number, number], over: Partial<ModelConfig>) {
  return analyze({ ...presetConfig(id)!, ...over }, size);
}

it('has PyTorch fixtures for all 17 published models, each at 97x131, 375x500, 513x513 and 800x1333', () => {
  expect(Object.keys(fx.models).sort()).toEqual(Object.keys(PUBLISHED).sort());
  for (const m of Object.values(fx.models))
    expect(Object.keys(m.sizes)).toEqual(
      expect.arrayContaining(['97x131', '375x500', '513x513', '800x1333'])
    );
});

/** torchvision measured classifiers at 224x224, detectors at 800x800, segmenters at 520x520. */
function publishedSize(id: string): [number, number] {
  if (/^(fcn|deeplabv3)_/.test(id)) return [520, 520];
  return /rcnn|retinanet|fcos/.test(id) ? [800, 800] : [224, 224];
}

for (const [id, [numParams, gflops]] of Object.entries(PUBLISHED)) {
  describe(`${id}: torchvision's published figures`, () => {
    const size = publishedSize(id);
    it(`${numParams.toLocaleString('en')} parameters`, () => {
      expect(run(id, size, {}).result.totals.params).toBe(numParams);
    });
    const counts = PUBLISHED_REGIONS[id];
    const label = counts ? `, R = ${counts[0]}, D = ${counts[1]}` : '';
    it(`${gflops} GMACs at ${size.join('x')}${label}`, () => {
      const macs = run(id, size, regions(counts)).result.totals.macs;
      const decimals = gflops.split('.')[1].length;
      expect((macs / 1e9).toFixed(decimals)).toBe(gflops);
    });
  });
}

for (const [id, m] of Object.entries(fx.models)) {
  describe(`${id} against PyTorch`, () => {
    it('the fixture agrees: params, and the hook-counted MACs under the published conditions', () => {
      const pub = m.published;
      expect(m.params).toBe(PUBLISHED[id][0]);
      expect(pub.size).toEqual(publishedSize(id));
      const counts = pub.proposals !== undefined ? [pub.proposals, pub.detections] : undefined;
      expect(counts).toEqual(PUBLISHED_REGIONS[id]);
      expect(run(id, pub.size, regions(PUBLISHED_REGIONS[id])).result.totals.macs).toBe(pub.macs);
    });

    const cases: Array<[string, Run, Partial<ModelConfig>]> = [
      ...Object.entries(m.sizes).map(([s, r]): [string, Run, Partial<ModelConfig>] => [
        s,
        r,
        m.kind === 'rcnn' ? regions(m.shape_regions) : {}
      ]),
      ...Object.entries(m.raw ?? {}).map(([s, r]): [string, Run, Partial<ModelConfig>] => [
        `${s} without the transform`,
        r,
        { transform: 'none', ...regions(m.raw_regions) }
      ])
    ];
    for (const [label, want, over] of cases) {
      it(`at ${label}: transform, taps, anchors and MACs equal PyTorch's`, () => {
        const a = run(id, parseSize(label.split(' ')[0]), over);
        const { model, result } = a;
        if (want.transform) {
          const t = model.transform;
          const resized = t ? result.stats.get(t.resize)?.shape : null;
          const padded = result.stats.get(model.image)?.shape;
          if (over.transform === 'none') expect(t).toBeNull();
          else expect(resized?.slice(2)).toEqual(want.transform.resized);
          expect(padded?.slice(2)).toEqual(want.transform.padded);
        }
        expect(engineTaps(a, Object.keys(want.taps))).toEqual(as4d(want.taps));
        if (want.anchors) {
          expect(a.anchors?.perLocation).toBe(want.anchors.perLocation);
          expect(a.anchors?.levels.map((l) => l.count)).toEqual(want.anchors.perLevel);
          expect(a.anchors?.total).toBe(want.anchors.total);
        }
        expect(result.totals.macs).toBe(want.macs);
        expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });
    }
  });
}

describe("GeneralizedRCNNTransform's sizes over a grid of image sizes", () => {
  const grid = loadFixture<{ cases: Array<[number, number, number[] | null, number[] | null]> }>(
    'detection_transform'
  );
  it('resizes and pads every case as torchvision does, and refuses where a side would be 0', () => {
    const cfg = presetConfig('fasterrcnn_resnet50_fpn')!;
    const got = grid.cases.map(([h, w]) => {
      const a = analyze(cfg, [h, w]);
      const t = a.model.transform!;
      const resized = a.result.stats.get(t.resize)?.shape?.slice(2) ?? null;
      const padded = a.result.stats.get(t.pad)?.shape?.slice(2) ?? null;
      return [h, w, resized, padded];
    });
    expect(got).toEqual(grid.cases);
  });
});
