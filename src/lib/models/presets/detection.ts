/**
 * torchvision's detectors on ResNet-50 FPN, heads included, as built for their published weights:
 * the v1 models use FrozenBatchNorm2d in the backbone, the v2 models BatchNorm2d (and BN in the FPN
 * of Faster and Mask R-CNN v2). Each resizes and pads its input first (transform=torchvision).
 * The `_backbone` presets are the backbone and neck alone, as torchvision builds them without
 * pretrained weights (BatchNorm2d), on the size as given.
 */
import type { ModelConfig } from '../config';
import { DETECTION_SIZES, type Preset, RATIOS, RETINA_SCALES } from './types';

const TV = 'torchvision.models.detection';

const FASTER_FPN: Partial<ModelConfig> = {
  depth: 50,
  neck: 'fpn',
  fpnIn: ['C2', 'C3', 'C4', 'C5'],
  fpnUpsample: 'nearest',
  extra: 'maxpool',
  anchorSizes: DETECTION_SIZES,
  anchorScales: [1],
  anchorRatios: RATIOS
};
/** RetinaNet: P3-P5 from C3-C5, P6 and P7 by convs, 9 anchors of integer sizes per location. */
const RETINA_FPN: Partial<ModelConfig> = {
  depth: 50,
  neck: 'fpn',
  fpnIn: ['C3', 'C4', 'C5'],
  fpnUpsample: 'nearest',
  extra: 'p6p7',
  anchorSizes: DETECTION_SIZES,
  anchorScales: RETINA_SCALES,
  anchorIntSizes: true,
  anchorRatios: RATIOS
};
// The builders with weights pass trainable_backbone_layers=3 (_validate_trainable_layers' default):
// the stem and layer1 are frozen. Without weights they force 5, so the _backbone presets train all.
const WHOLE: Partial<ModelConfig> = { transform: 'torchvision', classes: 91, trainableLayers: 3 };
const V1: Partial<ModelConfig> = { ...WHOLE, norm: 'frozen', headVersion: 1 };
const V2: Partial<ModelConfig> = { ...WHOLE, norm: 'bn', headVersion: 2 };

const model = (id: string, title: string, config: Partial<ModelConfig>): Preset => ({
  id,
  title,
  source: `${TV}.${id}`,
  input: [800, 1333],
  config
});

export const DETECTORS: Preset[] = [
  model('fasterrcnn_resnet50_fpn', 'Faster R-CNN ResNet-50 FPN', {
    ...FASTER_FPN,
    ...V1,
    head: 'fasterrcnn'
  }),
  model('fasterrcnn_resnet50_fpn_v2', 'Faster R-CNN ResNet-50 FPN v2', {
    ...FASTER_FPN,
    ...V2,
    fpnNorm: 'bn',
    head: 'fasterrcnn'
  }),
  model('maskrcnn_resnet50_fpn', 'Mask R-CNN ResNet-50 FPN', { ...FASTER_FPN, ...V1, head: 'maskrcnn' }),
  model('maskrcnn_resnet50_fpn_v2', 'Mask R-CNN ResNet-50 FPN v2', {
    ...FASTER_FPN,
    ...V2,
    fpnNorm: 'bn',
    head: 'maskrcnn'
  }),
  model('keypointrcnn_resnet50_fpn', 'Keypoint R-CNN ResNet-50 FPN', {
    ...FASTER_FPN,
    ...V1,
    head: 'keypointrcnn',
    classes: 2,
    keypoints: 17
  }),
  model('retinanet_resnet50_fpn', 'RetinaNet ResNet-50 FPN (P6 from P5)', {
    ...RETINA_FPN,
    ...V1,
    p6From: 'P5',
    head: 'retinanet'
  }),
  model('retinanet_resnet50_fpn_v2', 'RetinaNet ResNet-50 FPN v2 (P6 from C5, GroupNorm head)', {
    ...RETINA_FPN,
    ...V2,
    p6From: 'C5',
    head: 'retinanet'
  }),
  model('fcos_resnet50_fpn', 'FCOS ResNet-50 FPN', {
    ...RETINA_FPN,
    ...V1,
    p6From: 'P5',
    anchorSizes: [8, 16, 32, 64, 128],
    anchorScales: [1],
    anchorIntSizes: false,
    anchorRatios: [1],
    head: 'fcos'
  }),
  {
    id: 'fasterrcnn_resnet50_fpn_backbone',
    title: 'Faster R-CNN ResNet-50 FPN: backbone and neck only',
    source: `${TV}.fasterrcnn_resnet50_fpn(weights_backbone=None).backbone, on the size as given`,
    input: [800, 1344],
    config: { ...FASTER_FPN, head: 'none' }
  },
  {
    id: 'retinanet_resnet50_fpn_backbone',
    title: 'RetinaNet ResNet-50 FPN: backbone and neck only (P6 from P5)',
    source: `${TV}.retinanet_resnet50_fpn(weights_backbone=None).backbone, on the size as given`,
    input: [800, 1344],
    config: { ...RETINA_FPN, head: 'none', p6From: 'P5' }
  },
  {
    id: 'retinanet_resnet50_fpn_v2_backbone',
    title: 'RetinaNet ResNet-50 FPN v2: backbone and neck only (P6 from C5, as in the paper)',
    source: `Lin et al. 2017; ${TV}.retinanet_resnet50_fpn_v2(weights_backbone=None).backbone, on the size as given`,
    input: [800, 1344],
    config: { ...RETINA_FPN, head: 'none', p6From: 'C5' }
  },
  {
    id: 'retinanet_slim_v2_50',
    title: 'RetinaNet pyramid on TF-slim resnet_v2_50 (from block1, block2, block4)',
    source:
      'seed 002 (RetinaNet series, part 1): C2, C3, C5 feed P3-P5, since block3 and block4 share a resolution; P6, P7 by convs on P5; anchors 8..128, 9 per location',
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
    title: 'FPN on ResNet-50: bilinear top-down, no smoothing on P5',
    source:
      "seed 000's FPN code: stride on the first 1x1, bilinear top-down (align_corners) to the lateral size, no smoothing on P5",
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
    title: "FPN paper's P2-P5 on ResNet-34 (nearest x2 top-down)",
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
