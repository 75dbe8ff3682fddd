/** Human labels for the schema's enum values (values stay the CLI's). */
type Options = Array<[value: string, text: string]>;

export const OPTIONS: Record<string, Options> = {
  depth: [
    ['18', 'ResNet-18'],
    ['34', 'ResNet-34'],
    ['50', 'ResNet-50'],
    ['101', 'ResNet-101'],
    ['152', 'ResNet-152'],
    ['0', 'Custom (layers)']
  ],
  block: [
    ['basic', 'basic (3x3, 3x3)'],
    ['bottleneck', 'bottleneck (1x1, 3x3, 1x1)']
  ],
  style: [
    ['torchvision', 'torchvision: stride on the 3x3'],
    ['caffe', 'paper / Caffe: stride on the 1x1'],
    ['slim', 'TF-slim: stride in the last unit']
  ],
  stem: [
    ['standard', '7x7/2 conv'],
    ['deep', 'deep: three 3x3 convs (v1c)']
  ],
  stemPool: [
    ['auto', 'auto (follows placement)'],
    ['torch', 'torch: 3x3/2, pad 1'],
    ['caffe', 'Caffe: 3x3/2, pad 0, ceil'],
    ['same', "TF 'SAME'"]
  ],
  trainableLayers: [
    ['5', '5: every layer trains'],
    ['4', '4: stem frozen'],
    ['3', '3: stem and C2 frozen (torchvision detectors)'],
    ['2', '2: stem, C2, C3 frozen'],
    ['1', '1: only C5 trains'],
    ['0', '0: the whole body frozen']
  ],
  outputStride: [
    ['32', '32 (no dilation)'],
    ['16', '16 (C5 dilated)'],
    ['8', '8 (C4, C5 dilated)']
  ],
  neck: [
    ['none', 'none'],
    ['fpn', 'FPN']
  ],
  extra: [
    ['none', 'none'],
    ['maxpool', 'P6 by max-pool (Faster R-CNN)'],
    ['p6p7', 'P6 and P7 by convs (RetinaNet)']
  ],
  p6From: [
    ['C5', 'C5 (paper, torchvision v2)'],
    ['P5', 'P5 (torchvision v1)']
  ],
  fpnUpsample: [
    ['nearest', "nearest, to the lateral's size"],
    ['nearest2x', 'nearest, fixed x2 (paper)'],
    ['bilinear', "bilinear, to the lateral's size"]
  ],
  fpnSmooth: [
    ['all', 'every level'],
    ['noTop', 'all but the coarsest']
  ],
  head: [
    ['none', 'none (backbone and neck only)'],
    ['classifier', 'ImageNet classifier'],
    ['pspnet', 'PSPNet segmentation'],
    ['fcn', 'FCN segmentation'],
    ['deeplabv3', 'DeepLabv3 segmentation (ASPP)'],
    ['mmseg_aspp', 'MMSegmentation ASPPHead (DeepLabv3)'],
    ['mmseg_fcn', 'MMSegmentation FCNHead'],
    ['fasterrcnn', 'Faster R-CNN (RPN + box head)'],
    ['maskrcnn', 'Mask R-CNN (+ mask head)'],
    ['keypointrcnn', 'Keypoint R-CNN (+ keypoint head)'],
    ['retinanet', 'RetinaNet (dense heads)'],
    ['fcos', 'FCOS (dense, one location each)']
  ],
  norm: [
    ['bn', 'BatchNorm2d (learnable affine)'],
    ['frozen', 'FrozenBatchNorm2d (buffers)'],
    ['gn', 'GroupNorm, 32 groups']
  ],
  fpnNorm: [
    ['none', 'none (biased convs)'],
    ['bn', 'BatchNorm after each conv (v2)']
  ],
  headVersion: [
    ['1', 'v1'],
    ['2', 'v2 (the _v2 models)']
  ],
  transform: [
    ['none', 'none: the size as given'],
    ['torchvision', 'torchvision: resize (floor), then pad'],
    ['detectron2', 'detectron2: resize (round), then pad']
  ],
  background: [
    ['all', 'every output (torchvision)'],
    ['scores', 'box scores only (detectron2, MMDetection)']
  ]
};
