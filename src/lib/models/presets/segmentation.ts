/**
 * Segmenters on a dilated ResNet (output stride 8): torchvision's FCN and DeepLabv3 with the 21 VOC
 * classes and the auxiliary head (as their published weights are), and PSPNet.
 */
import type { ModelConfig } from '../config';
import type { Preset } from './types';

const TV = 'torchvision.models.segmentation';
const DILATED: Partial<ModelConfig> = { outputStride: 8, classes: 21, aux: true };

const model = (id: string, title: string, depth: number, head: 'fcn' | 'deeplabv3'): Preset => ({
  id,
  title,
  source: `${TV}.${id}(num_classes=21, aux_loss=True)`,
  input: [520, 520],
  config: { ...DILATED, depth, head }
});

export const SEGMENTERS: Preset[] = [
  model('fcn_resnet50', 'FCN ResNet-50', 50, 'fcn'),
  model('fcn_resnet101', 'FCN ResNet-101', 101, 'fcn'),
  model('deeplabv3_resnet50', 'DeepLabv3 ResNet-50', 50, 'deeplabv3'),
  model('deeplabv3_resnet101', 'DeepLabv3 ResNet-101', 101, 'deeplabv3'),
  {
    id: 'pspnet_r50',
    title: 'PSPNet, dilated ResNet-50 (output stride 8)',
    source:
      'Zhao et al. 2017; backbone torchvision resnet50(replace_stride_with_dilation=[False, True, True])',
    input: [473, 473],
    config: { ...DILATED, depth: 50, head: 'pspnet', bins: [1, 2, 3, 6] }
  }
];
