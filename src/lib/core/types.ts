/**
 * The graph IR: one typed DAG per model configuration, independent of the input size, so a
 * slider tick only re-runs inference (see infer.ts), never the builder.
 * Shapes are PyTorch order [N, C, H, W] everywhere.
 */

export type Shape = [n: number, c: number, h: number, w: number];
export type Pair = [h: number, w: number];

/** Explicit padding per side, or TensorFlow's 'SAME' / 'VALID'. */
export type Padding = { top: number; bottom: number; left: number; right: number } | 'SAME' | 'VALID';

export interface InputAttrs {
  channels: number;
}
export interface Conv2dAttrs {
  outChannels: number;
  kernel: Pair;
  stride: Pair;
  dilation: Pair;
  groups: number;
  padding: Padding;
  bias: boolean;
}
export interface PoolAttrs {
  kernel: Pair;
  stride: Pair;
  padding: Padding;
  ceilMode: boolean;
  /** avg-pool only: whether padded zeros count in the divisor (PyTorch's default is true). */
  countIncludePad?: boolean;
}
export interface AdaptiveAvgPoolAttrs {
  output: Pair;
}
export interface UpsampleAttrs {
  mode: 'nearest' | 'bilinear';
  /** Exactly one of: an integer factor, or the spatial size of inputs[1]. */
  scale?: number;
  sizeFromInput?: boolean;
  alignCorners: boolean;
}
export interface LinearAttrs {
  outFeatures: number;
  bias: boolean;
}
export interface DropoutAttrs {
  p: number;
}
export interface BatchNormAttrs {
  /** FrozenBatchNorm2d: affine weight and bias are buffers (0 parameters), as torchvision's v1 detectors build. */
  frozen?: boolean;
}
export interface GroupNormAttrs {
  groups: number;
}
/** nn.ConvTranspose2d: symmetric padding per axis, as PyTorch has it. */
export interface ConvTransposeAttrs {
  outChannels: number;
  kernel: Pair;
  stride: Pair;
  padding: Pair;
  outputPadding: Pair;
  bias: boolean;
}
/**
 * torchvision's MultiScaleRoIAlign: `regions` boxes per image are pooled from the input levels (each
 * box from one level, by torchvision's level mapping) to a fixed grid. The batch dimension of the
 * output counts regions, not images: [N x regions, C, h, w].
 */
export interface RoiAlignAttrs {
  output: Pair;
  samplingRatio: number;
  /** Which region count this reads (for labels): RPN proposals or kept detections. */
  source: 'proposals' | 'detections';
  regions: number;
}
/** GeneralizedRCNNTransform's resize: scale = min(minSize / short side, maxSize / long side). */
export interface ResizeAttrs {
  minSize: number;
  maxSize: number;
  /** floor: torchvision's interpolate(recompute_scale_factor=True); nearest: detectron2's int(x + 0.5). */
  rounding: 'floor' | 'nearest';
}
/** Zero-padding on the bottom and right to a multiple of `divisor` (torchvision's batch_images). */
export interface PadToAttrs {
  divisor: number;
}

/** Attributes by op kind; `op` discriminates the union. */
export interface OpAttrs {
  input: InputAttrs;
  conv2d: Conv2dAttrs;
  batchnorm: BatchNormAttrs;
  groupnorm: GroupNormAttrs;
  relu: Record<string, never>;
  maxpool: PoolAttrs;
  avgpool: PoolAttrs;
  adaptiveavgpool: AdaptiveAvgPoolAttrs;
  globalavgpool: Record<string, never>;
  upsample: UpsampleAttrs;
  add: Record<string, never>;
  concat: Record<string, never>;
  flatten: Record<string, never>;
  linear: LinearAttrs;
  dropout: DropoutAttrs;
  convtranspose2d: ConvTransposeAttrs;
  roialign: RoiAlignAttrs;
  resize: ResizeAttrs;
  padto: PadToAttrs;
}
export type OpKind = keyof OpAttrs;

export type GraphNode = {
  [K in OpKind]: {
    /** Unique hierarchical path, e.g. `C4/unit3/conv2`; its prefixes are the collapsible groups. */
    id: string;
    op: K;
    attrs: OpAttrs[K];
    /** Ids of the nodes this one reads, in order (concat order; upsample's size reference second). */
    inputs: string[];
    /** Canonical tap name (`C1`..`C5`, `stem`, `P2`..`P7`, `ppm1`, `cls`, ...), if this node is one. */
    tap?: string;
    /**
     * The module that holds this node's weights, named as the source framework names it (torchvision's
     * state_dict path such as `backbone.body.layer1.0.conv1` or `rpn.head.cls_logits`). Nodes that
     * name the same module share its weights: a head applied to every pyramid level.
     */
    module?: string;
    /** Set when an earlier node owns this node's module: the id of that node (parameters count once). */
    sharesWith?: string;
    /**
     * Its parameters have requires_grad=False: the part of the backbone it belongs to is frozen
     * (`trainableLayers`, models/trainable.ts). FrozenBatchNorm2d has no parameters at all; this is
     * the other kind of frozen.
     */
    noGrad?: true;
  };
}[OpKind];

/** A collapsible group (a stage or a unit) with a human label, e.g. "conv block" vs "identity block". */
export interface GroupInfo {
  path: string;
  label: string;
  /** For residual units: 'conv' (projection or subsampling shortcut) or 'identity'. */
  unitKind?: 'conv' | 'identity';
  /** True when this group changes the spatial resolution (where the stride sits). */
  downsamples?: boolean;
}

export interface Graph {
  /** Nodes in topological order; the first is the `input` node. */
  nodes: GraphNode[];
  groups: GroupInfo[];
  /** Tap name -> node id. */
  taps: Record<string, string>;
  /** Build-time remarks that do not depend on the input size (e.g. FPN inputs of equal stride). */
  notes: Diagnostic[];
}

export type Severity = 'error' | 'warning' | 'info';
export interface Diagnostic {
  node: string;
  severity: Severity;
  message: string;
  /**
   * 'empty': the node's output would have a side below 1 pixel (the input is too small);
   * 'inexact': a count passes 2^53, so it could not be printed exactly (models/exact.ts).
   */
  code?: 'empty' | 'inexact';
}

export interface ReceptiveField {
  /** Receptive field size in input pixels (per axis). */
  size: Pair;
  /** Effective stride (jump) in input pixels. */
  stride: Pair;
  /** Centre of the first output pixel's field, in input pixel coordinates. */
  start: Pair;
}

export interface NodeStats {
  /** Output shape, or null where it could not be computed (a diagnostic says why). */
  shape: Shape | null;
  /** Learnable parameters this node owns; 0 for a node that reuses an earlier node's module. */
  params: number;
  macs: number;
  /** Output activation bytes at float32. */
  bytes: number;
  /** Null where no fixed field exists (after RoIAlign, a region's field depends on its box). */
  rf: ReceptiveField | null;
  /** Padding actually applied [top, bottom, left, right] for conv/pool, resolved from SAME/VALID. */
  pad?: [number, number, number, number];
}

export interface InferResult {
  input: Shape;
  stats: Map<string, NodeStats>;
  diagnostics: Diagnostic[];
  /**
   * Parameters over every layer (they do not depend on the input size); MACs and bytes over the
   * layers that have a shape only: partial when `unshaped` is not empty.
   */
  totals: {
    params: number;
    /** Of `params`, those that train (requires_grad); the rest sit on noGrad nodes. */
    trainable: number;
    macs: number;
    bytes: number;
  };
  /** Layers (input excluded) without a shape, in graph order: the ones MACs and memory leave out. */
  unshaped: string[];
  /** Of those, the layers whose channels are unknown too, so their parameters are missing as well. */
  paramsUnknown: string[];
}
