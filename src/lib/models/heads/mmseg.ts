/**
 * MMSegmentation's decode heads as mmseg 1.x builds them (mmseg/models/decode_heads/): ASPPHead and
 * the general FCNHead on C5, and the auxiliary FCNHead on C4. Each conv is an mmcv ConvModule (conv
 * without bias, BatchNorm, ReLU: modules `<name>.conv` and `<name>.bn`), and module paths are mmseg's
 * (`decode_head.aspp_modules.0.conv`, `auxiliary_head.convs.0.bn`), so the table, the details and the
 * safetensors key list match an mmseg checkpoint. Every head ends in BaseDecodeHead.cls_seg (dropout,
 * then the 1x1 `conv_seg` with bias); the bilinear resize of the logits to the input
 * (align_corners=False) is the one BaseDecodeHead.predict_by_feat does at inference.
 */
import type { GraphBuilder } from '../../core/graph';
import { conv } from '../../core/layers';
import type { UpsampleAttrs } from '../../core/types';
import { type FeatureSpec, addNorm } from '../features';
import type { HeadBuilder, HeadContext } from './context';

const RESIZE: UpsampleAttrs = { mode: 'bilinear', sizeFromInput: true, alignCorners: false };
const DECODE = 'decode_head';
const AUX = 'auxiliary_head';

/** mmcv's ConvModule with norm_cfg=BN: conv (bias='auto' is off under a norm), BN, ReLU. */
function convModule(
  b: GraphBuilder,
  path: string,
  attrs: ReturnType<typeof conv>,
  x: string,
  module: string
): string {
  const y = b.add(`${path}/conv`, 'conv2d', attrs, [x], undefined, `${module}.conv`);
  return b.add(`${path}/relu`, 'relu', {}, [addNorm(b, 'bn', `${path}/bn`, y, `${module}.bn`)]);
}

/** BaseDecodeHead.cls_seg (Dropout2d, conv_seg), then predict_by_feat's resize to the input. */
function clsSeg(
  b: GraphBuilder,
  ctx: HeadContext,
  path: string,
  x: string,
  module: string,
  tap: string
): void {
  const d = b.add(`${path}/dropout`, 'dropout', { p: 0.1 }, [x]);
  const seg = conv(ctx.cfg.classes, 1, 1, { padding: 0, bias: true });
  const logits = b.add(`${path}/conv_seg`, 'conv2d', seg, [d], undefined, `${module}.conv_seg`);
  b.add(`${path}/upsample`, 'upsample', RESIZE, [logits, ctx.image.node], tap);
}

interface FcnShape {
  channels: number;
  convs: number;
  concat: boolean;
  kernel: number;
  dilation: number;
}

/** FCNHead: `convs` ConvModules (k x k, dilation d, padding (k // 2) d), optional conv_cat on concat(input, x). */
function fcnHead(
  b: GraphBuilder,
  ctx: HeadContext,
  path: string,
  module: string,
  from: FeatureSpec,
  s: FcnShape,
  tap: string
): void {
  const body = conv(s.channels, s.kernel, 1, { dilation: s.dilation });
  let y = from.node;
  // num_convs=0 makes `convs` nn.Identity (mmseg then requires channels == in_channels).
  for (let i = 0; i < s.convs; i++) y = convModule(b, `${path}/convs/${i}`, body, y, `${module}.convs.${i}`);
  if (s.concat) {
    const cat = b.add(`${path}/concat`, 'concat', {}, [from.node, y]);
    // conv_cat pads kernel_size // 2 without the dilation, as mmseg does.
    const catConv = conv(s.channels, s.kernel, 1, { padding: Math.floor(s.kernel / 2) });
    y = convModule(b, `${path}/conv_cat`, catConv, cat, `${module}.conv_cat`);
  }
  clsSeg(b, ctx, path, y, module, tap);
}

/** The auxiliary FCNHead mmseg's configs put on C4: one 3x3 ConvModule of C4 / 4 channels, no concat. */
function auxHead(b: GraphBuilder, ctx: HeadContext): void {
  if (!ctx.cfg.aux) return;
  const c4 = ctx.backbone.features.C4;
  b.group({ path: 'aux', label: 'auxiliary FCNHead on C4 (training only)' });
  const shape = { channels: Math.floor(c4.channels / 4), convs: 1, concat: false, kernel: 3, dilation: 1 };
  fcnHead(b, ctx, 'aux', AUX, c4, shape, 'aux');
}

export const buildMmsegFcn: HeadBuilder = (b, ctx) => {
  const { cfg } = ctx;
  b.group({ path: 'head', label: `MMSegmentation FCNHead (${cfg.classes} classes)` });
  const shape = {
    channels: cfg.segChannels,
    convs: cfg.fcnConvs,
    concat: cfg.fcnConcat,
    kernel: cfg.fcnKernel,
    dilation: cfg.fcnDilation
  };
  fcnHead(b, ctx, 'head', DECODE, ctx.backbone.out, shape, 'out');
  auxHead(b, ctx);
};

/**
 * ASPPHead: image pooling (AdaptiveAvgPool2d(1), 1x1 ConvModule, bilinear resize back), one ConvModule
 * per dilation (1x1 for dilation 1, else 3x3 dilated), concatenated in that order (pooling first),
 * then the 3x3 `bottleneck` ConvModule to `channels` and cls_seg.
 */
export const buildMmsegAspp: HeadBuilder = (b, ctx) => {
  const { cfg } = ctx;
  const c5 = ctx.backbone.out;
  const width = cfg.segChannels;
  b.group({ path: 'head', label: `MMSegmentation ASPPHead (${cfg.classes} classes)` });
  b.group({
    path: 'head/aspp',
    label: `ASPP (dilations ${cfg.asppDilations.join(', ')} and image pooling)`
  });
  const pooled = b.add('head/aspp/image_pool/pool', 'adaptiveavgpool', { output: [1, 1] }, [c5.node]);
  const one = conv(width, 1, 1, { padding: 0 });
  const p = convModule(b, 'head/aspp/image_pool', one, pooled, `${DECODE}.image_pool.1`);
  const branches = [b.add('head/aspp/image_pool/upsample', 'upsample', RESIZE, [p, c5.node])];
  cfg.asppDilations.forEach((d, i) => {
    const attrs = d === 1 ? one : conv(width, 3, 1, { dilation: d });
    branches.push(convModule(b, `head/aspp/${i}`, attrs, c5.node, `${DECODE}.aspp_modules.${i}`));
  });
  const cat = b.add('head/aspp/concat', 'concat', {}, branches);
  const y = convModule(b, 'head/bottleneck', conv(width, 3, 1), cat, `${DECODE}.bottleneck`);
  clsSeg(b, ctx, 'head', y, DECODE, 'out');
  auxHead(b, ctx);
};
