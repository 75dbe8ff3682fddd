/**
 * Presets are data: partial configs over DEFAULT_CONFIG. Each says where its numbers come from.
 */
import { DEFAULT_CONFIG, type ModelConfig } from './config';

export interface Preset {
  id: string;
  title: string;
  /** Where the architecture is defined, for the user to check against. */
  source: string;
  /** A suggested input size [H, W]. */
  input: [number, number];
  config: Partial<ModelConfig>;
}

const RETINA_SCALES = [1, 2 ** (1 / 3), 2 ** (2 / 3)];
const RATIOS = [0.5, 1, 2];
/** torchvision's RetinaNet: P3-P5 from C3-C5, P6 and P7 by convs, 9 anchors of integer sizes per location. */
const RETINANET: Partial<ModelConfig> = {
  depth: 50,
  head: 'none',
  neck: 'fpn',
  fpnIn: ['C3', 'C4', 'C5'],
  fpnUpsample: 'nearest',
  extra: 'p6p7',
  anchorSizes: [32, 64, 128, 256, 512],
  anchorScales: RETINA_SCALES,
  anchorIntSizes: true,
  anchorRatios: RATIOS
};
const classifier = (depth: number): Preset => ({
  id: `resnet${depth}`,
  title: `ResNet-${depth}`,
  source: `torchvision.models.resnet${depth}`,
  input: [224, 224],
  config: { depth, head: 'classifier', classes: 1000 }
});

export const PRESETS: Preset[] = [
  ...[18, 34, 50, 101, 152].map(classifier),
  {
    id: 'resnet50_caffe',
    title: 'ResNet-50, paper/Caffe placement',
    source: 'He et al. 2015 (Caffe prototxt); mmcv style="caffe"',
    input: [224, 224],
    config: { depth: 50, style: 'caffe', head: 'classifier' }
  },
  {
    id: 'resnet50_v1d',
    title: 'ResNet-50-D (deep stem + avg-down)',
    source: 'Bag of Tricks (He et al. 2019); mmcv ResNetV1d',
    input: [224, 224],
    config: { depth: 50, stem: 'deep', avgDown: true, head: 'classifier' }
  },
  {
    id: 'fasterrcnn_resnet50_fpn',
    title: 'Faster R-CNN ResNet-50 FPN backbone',
    source:
      'torchvision.models.detection.fasterrcnn_resnet50_fpn (backbone on the given input; its transform would first resize and pad to a multiple of 32, e.g. 800x1333 -> 800x1344)',
    input: [800, 1333],
    config: {
      depth: 50,
      head: 'none',
      neck: 'fpn',
      fpnIn: ['C2', 'C3', 'C4', 'C5'],
      fpnUpsample: 'nearest',
      extra: 'maxpool',
      anchorSizes: [32, 64, 128, 256, 512],
      anchorScales: [1],
      anchorRatios: RATIOS
    }
  },
  {
    id: 'retinanet_resnet50_fpn',
    title: 'RetinaNet ResNet-50 FPN (v1: P6 from P5)',
    source: 'torchvision.models.detection.retinanet_resnet50_fpn',
    input: [800, 1333],
    config: { ...RETINANET, p6From: 'P5' }
  },
  {
    id: 'retinanet_resnet50_fpn_v2',
    title: 'RetinaNet ResNet-50 FPN (paper / v2: P6 from C5)',
    source:
      'Lin et al. 2017; torchvision.models.detection.retinanet_resnet50_fpn_v2 (its GroupNorm heads not drawn)',
    input: [800, 1333],
    config: { ...RETINANET, p6From: 'C5' }
  },
  {
    id: 'pspnet_r50',
    title: 'PSPNet, dilated ResNet-50 (output stride 8)',
    source:
      'Zhao et al. 2017; backbone torchvision resnet50(replace_stride_with_dilation=[False, True, True])',
    input: [473, 473],
    config: { depth: 50, outputStride: 8, head: 'pspnet', bins: [1, 2, 3, 6], classes: 21, aux: true }
  },
  {
    id: 'slim_resnet_v2_50',
    title: 'TF-slim resnet_v2_50',
    source: 'tensorflow/models research/slim nets/resnet_v2.py (1001 classes: ImageNet plus background)',
    input: [224, 224],
    config: { depth: 50, style: 'slim', preact: true, head: 'classifier', classes: 1001 }
  },
  {
    id: 'retinanet_slim_v2_50',
    title: 'RetinaNet on TF-slim resnet_v2_50 (seed 002: pyramid from block1, block2, block4)',
    source:
      'seed 002 (RetinaNet series, part 1): C2, C3, C5 feed P3-P5; P6, P7 by convs on P5; anchors 8..128, 9 per location',
    input: [512, 512],
    config: {
      depth: 50,
      style: 'slim',
      preact: true,
      head: 'none',
      neck: 'fpn',
      fpnIn: ['C2', 'C3', 'C5'],
      fpnUpsample: 'nearest',
      extra: 'p6p7',
      p6From: 'P5',
      anchorSizes: [8, 16, 32, 64, 128],
      anchorScales: RETINA_SCALES,
      anchorRatios: RATIOS
    }
  },
  {
    id: 'fpn_resnet50_seed',
    title: "FPN on ResNet-50 as seed 000's code writes it",
    source:
      'seed 000: stride on the first 1x1, bilinear top-down (align_corners) to the lateral size, no smoothing on P5',
    input: [224, 224],
    config: {
      depth: 50,
      style: 'caffe',
      stemPool: 'torch',
      head: 'none',
      neck: 'fpn',
      fpnIn: ['C2', 'C3', 'C4', 'C5'],
      fpnUpsample: 'bilinear',
      fpnAlignCorners: true,
      fpnSmooth: 'noTop'
    }
  },
  {
    id: 'fpn_resnet34_paper',
    title: "FPN paper's P2-P5 on ResNet-34",
    source: 'Lin et al. 2017 (FPN), as seed 002 describes it: nearest x2 top-down; anchors 32..256 on P2-P5',
    input: [224, 224],
    config: {
      depth: 34,
      style: 'caffe',
      head: 'none',
      neck: 'fpn',
      fpnIn: ['C2', 'C3', 'C4', 'C5'],
      fpnUpsample: 'nearest2x',
      anchorSizes: [32, 64, 128, 256],
      anchorScales: [1],
      anchorRatios: RATIOS
    }
  }
];

export const PRESET_BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

export function presetConfig(id: string): ModelConfig | null {
  const p = PRESET_BY_ID.get(id);
  return p ? { ...DEFAULT_CONFIG, ...p.config } : null;
}
