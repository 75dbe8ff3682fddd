/**
 * The model configuration: one flat record whose keys are exactly the CLI's `--set` keys and the
 * site's URL parameters. Presets are partial configs over DEFAULT_CONFIG (see presets.ts).
 */

import { STAGE_TAPS } from './taps';

export type Style = 'torchvision' | 'caffe' | 'slim';
export type StemPool = 'auto' | 'torch' | 'caffe' | 'same';
export type Neck = 'none' | 'fpn';
export type Extra = 'none' | 'maxpool' | 'p6p7';
export type Head =
  | 'none'
  | 'classifier'
  | 'pspnet'
  | 'fcn'
  | 'deeplabv3'
  | 'mmseg_aspp'
  | 'mmseg_fcn'
  | 'fasterrcnn'
  | 'maskrcnn'
  | 'keypointrcnn'
  | 'retinanet'
  | 'fcos';
/** bn: BatchNorm2d; frozen: FrozenBatchNorm2d (affine terms are buffers); gn: GroupNorm, 32 groups. */
export type Norm = 'bn' | 'frozen' | 'gn';
/** torchvision floors each resized side; detectron2's ResizeShortestEdge rounds it (int(x + 0.5)). */
export type Transform = 'none' | 'torchvision' | 'detectron2';
/** Where the R-CNN predictors have a background output: all of them (torchvision) or the scores only. */
export type Background = 'all' | 'scores';
export type FpnUpsample = 'nearest2x' | 'nearest' | 'bilinear';
export type FpnSmooth = 'all' | 'noTop';
export type BlockKind = 'basic' | 'bottleneck';

export interface ModelConfig {
  /** 18, 34, 50, 101, 152; 0 means custom: `layers` and `block` decide. */
  depth: number;
  /** Units per stage (C2..C5); derived from depth unless depth is 0. */
  layers: number[];
  block: BlockKind;
  /** Base width (channels of the first stage's 3x3 conv); 64 in every published ResNet. */
  width: number;
  /** ResNeXt cardinality: groups of the bottleneck's 3x3 conv (1 for ResNet). */
  groups: number;
  /** torchvision's width_per_group: bottleneck width = int(planes x widthPerGroup / 64) x groups. */
  widthPerGroup: number;
  /** Backbone normalisation. */
  norm: Norm;
  /** Where the stride-2 sits: paper/Caffe (first 1x1), torchvision (3x3), TF-slim (last unit). */
  style: Style;
  /** Pre-activation ordering (BN and ReLU before each conv, ResNet v2). */
  preact: boolean;
  /** 'standard': 7x7/2 conv; 'deep': three 3x3 convs of 32, 32, 64 channels (v1c). */
  stem: 'standard' | 'deep';
  /** Stem max-pool rounding; 'auto' follows the style (torch pad 1, Caffe pad 0 ceil, slim SAME). */
  stemPool: StemPool;
  /** v1d: average-pool before the strided 1x1 projection shortcut. */
  avgDown: boolean;
  /**
   * torchvision's trainable_backbone_layers: how many of layer4, layer3, layer2, layer1 and the stem
   * (latest first) train; the others are frozen (requires_grad=False). 5 trains everything.
   */
  trainableLayers: number;
  /** 32 (no dilation), 16 (layer4 dilated 2) or 8 (layer3 dilated 2, layer4 dilated 4). */
  outputStride: number;
  head: Head;
  classes: number;
  neck: Neck;
  /** Backbone taps that feed the FPN, shallowest first (seed 002 uses C2, C3, C5). */
  fpnIn: string[];
  fpnChannels: number;
  /** FPN convs with BatchNorm (torchvision's v2 Faster / Mask R-CNN) instead of biased convs. */
  fpnNorm: 'none' | 'bn';
  fpnUpsample: FpnUpsample;
  /** Interpolation corner alignment for bilinear top-down upsampling (seed 000: true). */
  fpnAlignCorners: boolean;
  /** 'noTop' leaves the coarsest level unsmoothed, as seed 000's code does. */
  fpnSmooth: FpnSmooth;
  /** Extra coarse levels: none, P6 by 1x1/2 max-pool on P5 (Faster R-CNN), P6 and P7 by convs (RetinaNet). */
  extra: Extra;
  /** Source of RetinaNet's P6: C5 (paper, torchvision v2) or P5 (torchvision v1). */
  p6From: 'C5' | 'P5';
  /** ReLU between P6 and P7's conv (torchvision, detectron2; MMDetection's relu_before_extra_convs). */
  p7Relu: boolean;
  /** PSPNet pyramid bins. */
  bins: number[];
  /** Auxiliary FCN head on C4 (PSPNet, FCN, DeepLabv3; training only). */
  aux: boolean;
  /** Channels of PSPNet's 3x3 conv after the pyramid concat (512 in the paper). */
  pspChannels: number;
  /** Anchor base size per pyramid level, shallowest first; empty disables anchors. */
  anchorSizes: number[];
  /** Multipliers of the base size (RetinaNet: 1, 2^(1/3), 2^(2/3)). */
  anchorScales: number[];
  /** Truncate each anchor size (base x scale) to an integer, as torchvision's RetinaNet does (40, not 40.3). */
  anchorIntSizes: boolean;
  /** Height/width ratios (torchvision's convention). */
  anchorRatios: number[];
  /** torchvision's v1 or v2 head design (RPN convs, box head, mask head norm, RetinaNet head norm). */
  headVersion: number;
  /** Keypoints per instance (Keypoint R-CNN). */
  keypoints: number;
  /** Channels of DeepLabv3's ASPP branches, projection and 3x3 conv (256 in torchvision and the paper). */
  asppChannels: number;
  /** MMSegmentation heads (mmseg_aspp, mmseg_fcn): `channels`, the width of every ConvModule. */
  segChannels: number;
  /** MMSegmentation's ASPPHead `dilations`: one branch each, 1x1 for dilation 1, else 3x3 dilated. */
  asppDilations: number[];
  /** MMSegmentation's FCNHead `num_convs` (0: the input passes straight to conv_cat or conv_seg). */
  fcnConvs: number;
  /** MMSegmentation's FCNHead `concat_input`: conv_cat on concat(input, convs' output). */
  fcnConcat: boolean;
  /** MMSegmentation's FCNHead `kernel_size`. */
  fcnKernel: number;
  /** MMSegmentation's FCNHead `dilation` (of `convs`; conv_cat is undilated). */
  fcnDilation: number;
  /** Width of the box head's fc layers (TwoMLPHead's representation size; detectron2's ROI_BOX_HEAD.FC_DIM). */
  boxFcDim: number;
  /** Channels of the v2 box head's 3x3 convs (detectron2's ROI_BOX_HEAD.CONV_DIM). */
  boxConvDim: number;
  /** Channels of the mask head's convs and of the mask predictor's transposed conv (ROI_MASK_HEAD.CONV_DIM). */
  maskConvDim: number;
  /** Channels of the keypoint head's eight convs (ROI_KEYPOINT_HEAD.CONV_DIMS). */
  keypointConvDim: number;
  /**
   * 'all': the box scores, box deltas and mask logits each have one output per class, background
   * included (torchvision); 'scores': only the box scores do, the deltas and masks are per foreground
   * class (detectron2's FastRCNNOutputLayers, MMDetection's BBoxHead and FCNMaskHead).
   */
  background: Background;
  /** Regions per image that reach the RoI box head (torchvision eval: rpn post_nms_top_n 1000). */
  proposals: number;
  /** Regions per image that reach the mask or keypoint head (torchvision: at most 100 detections). */
  detections: number;
  /** The detector's input transform: resize by min(minSize / short, maxSize / long), pad to sizeDivisible; the sides are floored (torchvision) or rounded (detectron2). */
  transform: Transform;
  minSize: number;
  maxSize: number;
  sizeDivisible: number;
  batch: number;
  inChannels: number;
}

export const DEPTHS: Record<number, { layers: number[]; block: BlockKind }> = {
  18: { layers: [2, 2, 2, 2], block: 'basic' },
  34: { layers: [3, 4, 6, 3], block: 'basic' },
  50: { layers: [3, 4, 6, 3], block: 'bottleneck' },
  101: { layers: [3, 4, 23, 3], block: 'bottleneck' },
  152: { layers: [3, 8, 36, 3], block: 'bottleneck' }
};

export const DEFAULT_CONFIG: ModelConfig = {
  depth: 50,
  layers: [3, 4, 6, 3],
  block: 'bottleneck',
  width: 64,
  groups: 1,
  widthPerGroup: 64,
  norm: 'bn',
  style: 'torchvision',
  preact: false,
  stem: 'standard',
  stemPool: 'auto',
  avgDown: false,
  trainableLayers: 5,
  outputStride: 32,
  head: 'classifier',
  classes: 1000,
  neck: 'none',
  fpnIn: [...STAGE_TAPS],
  fpnChannels: 256,
  fpnNorm: 'none',
  fpnUpsample: 'nearest',
  fpnAlignCorners: false,
  fpnSmooth: 'all',
  extra: 'none',
  p6From: 'P5',
  p7Relu: true,
  bins: [1, 2, 3, 6],
  aux: true,
  pspChannels: 512,
  anchorSizes: [],
  anchorScales: [1],
  anchorIntSizes: false,
  anchorRatios: [0.5, 1, 2],
  headVersion: 1,
  keypoints: 17,
  // torchvision's fixed head widths.
  asppChannels: 256,
  // mmseg's defaults: BaseDecodeHead has no default channels; 512 is its r50-d8 configs'.
  segChannels: 512,
  asppDilations: [1, 6, 12, 18],
  fcnConvs: 2,
  fcnConcat: true,
  fcnKernel: 3,
  fcnDilation: 1,
  boxFcDim: 1024,
  boxConvDim: 256,
  maskConvDim: 256,
  keypointConvDim: 512,
  background: 'all',
  proposals: 1000,
  detections: 100,
  transform: 'none',
  minSize: 800,
  maxSize: 1333,
  sizeDivisible: 32,
  batch: 1,
  inChannels: 3
};

/** Resolves depth into layers and block, so builders never look at `depth`. */
export function resolveDepth(cfg: ModelConfig): ModelConfig {
  const table = DEPTHS[cfg.depth];
  return table ? { ...cfg, layers: [...table.layers], block: table.block } : cfg;
}
