/** ImageNet classifiers: torchvision's ResNets, ResNeXts and Wide ResNets, and two placement variants. */
import type { Preset } from './types';

const resnet = (depth: number): Preset => ({
  id: `resnet${depth}`,
  title: `ResNet-${depth}`,
  source: `torchvision.models.resnet${depth}`,
  input: [224, 224],
  config: { depth, head: 'classifier', classes: 1000 }
});

/** torchvision's width rule: bottleneck width = int(planes x widthPerGroup / 64) x groups. */
const grouped = (
  id: string,
  title: string,
  depth: number,
  groups: number,
  widthPerGroup: number
): Preset => ({
  id,
  title,
  source: `torchvision.models.${id} (Xie et al. 2017; Zagoruyko and Komodakis 2016)`,
  input: [224, 224],
  config: { depth, groups, widthPerGroup, head: 'classifier', classes: 1000 }
});

export const CLASSIFIERS: Preset[] = [
  ...[18, 34, 50, 101, 152].map(resnet),
  grouped('resnext50_32x4d', 'ResNeXt-50 32x4d', 50, 32, 4),
  grouped('resnext101_32x8d', 'ResNeXt-101 32x8d', 101, 32, 8),
  grouped('resnext101_64x4d', 'ResNeXt-101 64x4d', 101, 64, 4),
  grouped('wide_resnet50_2', 'Wide ResNet-50-2', 50, 1, 128),
  grouped('wide_resnet101_2', 'Wide ResNet-101-2', 101, 1, 128),
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
    id: 'slim_resnet_v2_50',
    title: 'TF-slim resnet_v2_50',
    source: 'tensorflow/models research/slim nets/resnet_v2.py (1001 classes: ImageNet plus background)',
    input: [224, 224],
    config: { depth: 50, style: 'slim', preact: true, head: 'classifier', classes: 1001 }
  }
];
