/**
 * The key schema shared by the CLI (`--set key=value`), the URL (`?key=value`) and the config
 * panel: each key's kind and range, and a one-line explanation in the user's terms. How a value's
 * text parses against it is key-values.ts.
 */
import { DEPTHS, type ModelConfig } from './config';
import { STAGE_TAPS } from './taps';

export type KeyKind =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'bool' }
  | { kind: 'intList'; min: number; max: number; minLength: number; maxLength: number }
  | { kind: 'numList'; min: number; max: number; minLength: number; maxLength: number }
  | { kind: 'tapList'; values: readonly string[]; minLength: number; maxLength: number };

export interface KeySpec {
  key: keyof ModelConfig;
  type: KeyKind;
  help: string;
}

export const CONFIG_KEYS: KeySpec[] = [
  {
    key: 'depth',
    type: { kind: 'enum', values: ['18', '34', '50', '101', '152', '0'] },
    help: `ResNet depth (${Object.keys(DEPTHS).join(', ')}); 0 = custom, set layers and block`
  },
  {
    key: 'layers',
    type: { kind: 'intList', min: 1, max: 64, minLength: 4, maxLength: 4 },
    help: 'units per stage C2..C5 for a custom depth, e.g. 3,4,6,3'
  },
  {
    key: 'block',
    type: { kind: 'enum', values: ['basic', 'bottleneck'] },
    help: 'residual unit for a custom depth: two 3x3 convs, or 1x1-3x3-1x1 with 4x expansion'
  },
  {
    key: 'width',
    type: { kind: 'int', min: 8, max: 256 },
    help: 'base width: channels of the first stage (64 in the published ResNets)'
  },
  {
    key: 'groups',
    type: { kind: 'int', min: 1, max: 256 },
    help: "ResNeXt cardinality: groups of each bottleneck's 3x3 conv (32 in resnext50_32x4d); 1 = ResNet"
  },
  {
    key: 'widthPerGroup',
    type: { kind: 'int', min: 1, max: 1024 },
    help: "channels per group (torchvision's width_per_group): bottleneck width = int(planes x widthPerGroup / 64) x groups; 4 in resnext50_32x4d, 128 in wide_resnet50_2"
  },
  {
    key: 'norm',
    type: { kind: 'enum', values: ['bn', 'frozen', 'gn'] },
    help: 'backbone normalisation: bn (BatchNorm2d, learnable affine), frozen (FrozenBatchNorm2d: affine and statistics are buffers, as the v1 detectors build), gn (GroupNorm, 32 groups)'
  },
  {
    key: 'style',
    type: { kind: 'enum', values: ['torchvision', 'caffe', 'slim'] },
    help: 'downsampling placement: torchvision (stride on the 3x3), caffe (paper: stride on the first 1x1), slim (TF-slim: stride in the last unit of blocks 1-3)'
  },
  { key: 'preact', type: { kind: 'bool' }, help: 'pre-activation (ResNet v2): BN and ReLU before each conv' },
  {
    key: 'stem',
    type: { kind: 'enum', values: ['standard', 'deep'] },
    help: 'standard 7x7/2 conv, or deep stem of three 3x3 convs (32, 32, 64; ResNet-v1c)'
  },
  {
    key: 'stemPool',
    type: { kind: 'enum', values: ['auto', 'torch', 'caffe', 'same'] },
    help: 'stem max-pool rounding: auto follows style; torch 3x3/2 pad 1; caffe 3x3/2 pad 0 ceil; same = TF SAME'
  },
  {
    key: 'avgDown',
    type: { kind: 'bool' },
    help: 'ResNet-v1d: average-pool before the strided 1x1 shortcut'
  },
  {
    key: 'trainableLayers',
    type: { kind: 'int', min: 0, max: 5 },
    help: "torchvision's trainable_backbone_layers: how many of layer4 (C5), layer3, layer2, layer1 and the stem train, latest first; the rest are frozen (requires_grad=False). 5 = all (classifiers, segmenters, untrained builds), 3 = torchvision's detectors with their weights"
  },
  {
    key: 'outputStride',
    type: { kind: 'enum', values: ['32', '16', '8'] },
    help: 'output stride by dilation: 16 dilates C5, 8 dilates C4 and C5'
  },
  {
    key: 'head',
    type: {
      kind: 'enum',
      values: [
        'none',
        'classifier',
        'pspnet',
        'fcn',
        'deeplabv3',
        'mmseg_aspp',
        'mmseg_fcn',
        'fasterrcnn',
        'maskrcnn',
        'keypointrcnn',
        'retinanet',
        'fcos'
      ]
    },
    help: "head: none (backbone and neck only), classifier (avg-pool + fc), pspnet, fcn, deeplabv3 (segmentation on C5, torchvision's), mmseg_aspp, mmseg_fcn (MMSegmentation's ASPPHead and FCNHead, with its module names), fasterrcnn, maskrcnn, keypointrcnn (RPN + RoI heads on the FPN), retinanet, fcos (dense heads on every level)"
  },
  {
    key: 'headVersion',
    type: { kind: 'enum', values: ['1', '2'] },
    help: "torchvision's head design: 1, or 2 (the _v2 models: two RPN convs, a conv box head and mask head with BN, GroupNorm RetinaNet head)"
  },
  {
    key: 'keypoints',
    type: { kind: 'int', min: 1, max: 1000 },
    help: 'keypoints per instance (Keypoint R-CNN: 17 COCO keypoints)'
  },
  {
    key: 'asppChannels',
    type: { kind: 'int', min: 1, max: 4096 },
    help: "channels of DeepLabv3's ASPP branches and the convs after them (256)"
  },
  {
    key: 'segChannels',
    type: { kind: 'int', min: 1, max: 4096 },
    help: "channels of every conv in the MMSegmentation heads (mmseg's channels; 512 in deeplabv3_r50-d8 and fcn_r50-d8)"
  },
  {
    key: 'asppDilations',
    type: { kind: 'intList', min: 1, max: 128, minLength: 1, maxLength: 8 },
    help: "MMSegmentation ASPPHead's dilations, one branch each (1x1 conv for 1, 3x3 dilated otherwise), e.g. 1,12,24,36"
  },
  {
    key: 'fcnConvs',
    type: { kind: 'int', min: 0, max: 8 },
    help: "MMSegmentation FCNHead's num_convs (2 in fcn_r50-d8; 0 passes C5 on, which needs segChannels = C5's channels)"
  },
  {
    key: 'fcnConcat',
    type: { kind: 'bool' },
    help: "MMSegmentation FCNHead's concat_input: a conv_cat on the concat of C5 and the convs' output"
  },
  {
    key: 'fcnKernel',
    type: { kind: 'enum', values: ['1', '3', '5', '7'] },
    help: "MMSegmentation FCNHead's kernel_size (3)"
  },
  {
    key: 'fcnDilation',
    type: { kind: 'int', min: 1, max: 64 },
    help: "MMSegmentation FCNHead's dilation of its convs (1; conv_cat stays undilated)"
  },
  {
    key: 'boxFcDim',
    type: { kind: 'int', min: 1, max: 16384 },
    help: "width of the box head's fc layers (torchvision's TwoMLPHead: 1024)"
  },
  {
    key: 'boxConvDim',
    type: { kind: 'int', min: 1, max: 4096 },
    help: "channels of the v2 box head's four 3x3 convs (256)"
  },
  {
    key: 'maskConvDim',
    type: { kind: 'int', min: 1, max: 4096 },
    help: "channels of the mask head's four 3x3 convs and its 2x2 transposed conv (256)"
  },
  {
    key: 'keypointConvDim',
    type: { kind: 'int', min: 1, max: 4096 },
    help: "channels of the keypoint head's eight 3x3 convs (512)"
  },
  {
    key: 'background',
    type: { kind: 'enum', values: ['all', 'scores'] },
    help: "the R-CNN predictors' background class: all (torchvision: box scores, box deltas and mask logits per class, background included, so classes counts it) or scores (detectron2, MMDetection: only the box scores include it; deltas are 4 per foreground class and masks one per foreground class)"
  },
  {
    key: 'proposals',
    type: { kind: 'int', min: 1, max: 10000 },
    help: 'regions per image that reach the RoI box head (torchvision eval default 1000); RoI shapes and MACs follow it'
  },
  {
    key: 'detections',
    type: { kind: 'int', min: 0, max: 1000 },
    help: 'detections per image that reach the mask or keypoint head (torchvision keeps at most 100)'
  },
  {
    key: 'transform',
    type: { kind: 'enum', values: ['none', 'torchvision', 'detectron2'] },
    help: "the detector's input transform: torchvision resizes by min(minSize / short side, maxSize / long side), flooring each side, and zero-pads to a multiple of sizeDivisible; detectron2 (ResizeShortestEdge) rounds each side to the nearest pixel instead; none feeds the size as given"
  },
  {
    key: 'minSize',
    type: { kind: 'int', min: 1, max: 8192 },
    help: "the transform's target short side (800)"
  },
  {
    key: 'maxSize',
    type: { kind: 'int', min: 1, max: 8192 },
    help: "the transform's cap on the long side (1333)"
  },
  {
    key: 'sizeDivisible',
    type: { kind: 'int', min: 1, max: 256 },
    help: 'the transform pads each side up to a multiple of this (32)'
  },
  {
    key: 'classes',
    type: { kind: 'int', min: 1, max: 100000 },
    help: 'classes of the classifier or segmentation head'
  },
  {
    key: 'neck',
    type: { kind: 'enum', values: ['none', 'fpn'] },
    help: 'feature pyramid network on the backbone taps'
  },
  {
    key: 'fpnIn',
    type: { kind: 'tapList', values: STAGE_TAPS, minLength: 1, maxLength: STAGE_TAPS.length },
    help: 'backbone stages feeding the FPN, shallowest first, e.g. C3,C4,C5'
  },
  {
    key: 'fpnChannels',
    type: { kind: 'int', min: 1, max: 4096 },
    help: 'FPN output channels (256 in the papers)'
  },
  {
    key: 'fpnNorm',
    type: { kind: 'enum', values: ['none', 'bn'] },
    help: "FPN convs: none (biased convs) or bn (conv + BatchNorm, torchvision's v2 Faster and Mask R-CNN)"
  },
  {
    key: 'fpnUpsample',
    type: { kind: 'enum', values: ['nearest2x', 'nearest', 'bilinear'] },
    help: "top-down upsampling: nearest by a fixed x2 (FPN paper), nearest or bilinear to the lateral's size (torchvision, seed 000)"
  },
  { key: 'fpnAlignCorners', type: { kind: 'bool' }, help: 'align_corners for bilinear top-down upsampling' },
  {
    key: 'fpnSmooth',
    type: { kind: 'enum', values: ['all', 'noTop'] },
    help: "3x3 smoothing conv on every level, or on all but the coarsest (seed 000's code)"
  },
  {
    key: 'extra',
    type: { kind: 'enum', values: ['none', 'maxpool', 'p6p7'] },
    help: 'extra levels: P6 by max-pool (Faster R-CNN) or P6 and P7 by strided convs (RetinaNet)'
  },
  {
    key: 'p6From',
    type: { kind: 'enum', values: ['C5', 'P5'] },
    help: "RetinaNet P6 source: C5 (paper, torchvision v2) or P5 (torchvision's retinanet_resnet50_fpn)"
  },
  {
    key: 'p7Relu',
    type: { kind: 'bool' },
    help: "ReLU on P6 before P7's conv (torchvision, detectron2; MMDetection only with relu_before_extra_convs=True)"
  },
  {
    key: 'bins',
    type: { kind: 'intList', min: 1, max: 64, minLength: 1, maxLength: 8 },
    help: 'PSPNet pyramid pooling bins, e.g. 1,2,3,6'
  },
  {
    key: 'aux',
    type: { kind: 'bool' },
    help: 'auxiliary FCN head on C4 for PSPNet, FCN and DeepLabv3 (training only; in the published weights)'
  },
  {
    key: 'pspChannels',
    type: { kind: 'int', min: 1, max: 4096 },
    help: 'channels of the PSPNet 3x3 conv after the pyramid concat (512 in the paper)'
  },
  {
    key: 'anchorSizes',
    type: { kind: 'numList', min: 1, max: 4096, minLength: 0, maxLength: 6 },
    help: 'anchor base size per pyramid level, shallowest first, e.g. 32,64,128,256,512; empty = no anchors'
  },
  {
    key: 'anchorScales',
    type: { kind: 'numList', min: 0.01, max: 100, minLength: 1, maxLength: 8 },
    help: 'anchor scale multipliers, e.g. 1,1.26,1.587 (RetinaNet: 2^0, 2^(1/3), 2^(2/3))'
  },
  {
    key: 'anchorIntSizes',
    type: { kind: 'bool' },
    help: "truncate anchor sizes to integers as torchvision's RetinaNet does (32, 40, 50 instead of 32, 40.3, 50.8)"
  },
  {
    key: 'anchorRatios',
    type: { kind: 'numList', min: 0.01, max: 100, minLength: 1, maxLength: 8 },
    help: 'anchor aspect ratios height/width, e.g. 0.5,1,2'
  },
  { key: 'batch', type: { kind: 'int', min: 1, max: 256 }, help: 'batch size N' },
  { key: 'inChannels', type: { kind: 'int', min: 1, max: 64 }, help: 'input channels (3 for RGB)' }
];

export const KEY_BY_NAME = new Map(CONFIG_KEYS.map((k) => [k.key as string, k]));

/** Other spellings users write: `heads=none` switches the heads off as `head=none` does. */
const KEY_ALIASES: Record<string, keyof ModelConfig> = { heads: 'head' };

/** The schema's name for a key as the user wrote it. */
export function canonicalKey(key: string): string {
  return Object.hasOwn(KEY_ALIASES, key) ? KEY_ALIASES[key] : key;
}
