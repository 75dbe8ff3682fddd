/**
 * torchvision's segmentation heads on a dilated ResNet (output stride 8): FCNHead and DeepLabHead
 * (ASPP) on C5, the auxiliary FCNHead on C4, and bilinear resizing (align_corners=False) of the
 * logits back to the input size, as `_SimpleSegmentationModel.forward` does. The heads use
 * BatchNorm2d whatever the backbone's norm. Module names are torchvision's (`classifier.0`, ...). The
 * ASPP width is torchvision's fixed 256 by default (key asppChannels).
 */
import type { GraphBuilder } from '../../core/graph';
import { conv } from '../../core/layers';
import type { UpsampleAttrs } from '../../core/types';
import { type FeatureSpec, addNorm } from '../features';
import type { HeadBuilder } from './context';

const TO_INPUT: UpsampleAttrs = { mode: 'bilinear', sizeFromInput: true, alignCorners: false };
const ASPP_RATES = [12, 24, 36];

/** conv (no bias), BatchNorm2d, ReLU: the unit every torchvision segmentation head is made of. */
function convBnRelu(
  b: GraphBuilder,
  path: string,
  attrs: ReturnType<typeof conv>,
  x: string,
  module: string,
  normModule: string
): string {
  const y = b.add(`${path}/conv`, 'conv2d', attrs, [x], undefined, module);
  return b.add(`${path}/relu`, 'relu', {}, [addNorm(b, 'bn', `${path}/bn`, y, normModule)]);
}

/** FCNHead(in, classes): 3x3 conv to in/4, BN, ReLU, dropout 0.1, 1x1 conv to the classes; then resize. */
function fcnHead(
  b: GraphBuilder,
  path: string,
  module: string,
  from: FeatureSpec,
  classes: number,
  image: string,
  tap: string
): void {
  const y = convBnRelu(
    b,
    path,
    conv(Math.floor(from.channels / 4), 3, 1),
    from.node,
    `${module}.0`,
    `${module}.1`
  );
  const d = b.add(`${path}/dropout`, 'dropout', { p: 0.1 }, [y]);
  const cls = conv(classes, 1, 1, { padding: 0, bias: true });
  const logits = b.add(`${path}/cls`, 'conv2d', cls, [d], undefined, `${module}.4`);
  b.add(`${path}/upsample`, 'upsample', TO_INPUT, [logits, image], tap);
}

function auxHead(b: GraphBuilder, ctx: Parameters<HeadBuilder>[1]): void {
  if (!ctx.cfg.aux) return;
  b.group({ path: 'aux', label: 'auxiliary FCN head on C4 (training only)' });
  fcnHead(b, 'aux', 'aux_classifier', ctx.backbone.features.C4, ctx.cfg.classes, ctx.image.node, 'aux');
}

export const buildFcn: HeadBuilder = (b, ctx) => {
  b.group({ path: 'head', label: `FCN head (${ctx.cfg.classes} classes)` });
  fcnHead(b, 'head', 'classifier', ctx.backbone.out, ctx.cfg.classes, ctx.image.node, 'out');
  auxHead(b, ctx);
};

/** DeepLabHead: ASPP (1x1, three dilated 3x3, image pooling) -> 1x1 projection -> 3x3 -> 1x1 classes. */
export const buildDeepLab: HeadBuilder = (b, ctx) => {
  const c5 = ctx.backbone.out;
  const width = ctx.cfg.asppChannels;
  const aspp = 'classifier.0';
  b.group({ path: 'head', label: `DeepLabv3 head (${ctx.cfg.classes} classes)` });
  b.group({ path: 'head/aspp', label: `ASPP (rates ${ASPP_RATES.join(', ')} and image pooling)` });
  const one = conv(width, 1, 1, { padding: 0 });
  const branches = [convBnRelu(b, 'head/aspp/b0', one, c5.node, `${aspp}.convs.0.0`, `${aspp}.convs.0.1`)];
  ASPP_RATES.forEach((rate, i) => {
    const atrous = conv(width, 3, 1, { dilation: rate });
    const m = `${aspp}.convs.${i + 1}`;
    branches.push(convBnRelu(b, `head/aspp/b${i + 1}`, atrous, c5.node, `${m}.0`, `${m}.1`));
  });
  const pooled = b.add('head/aspp/pool/pool', 'adaptiveavgpool', { output: [1, 1] }, [c5.node]);
  const m = `${aspp}.convs.${ASPP_RATES.length + 1}`;
  const p = convBnRelu(b, 'head/aspp/pool', one, pooled, `${m}.1`, `${m}.2`);
  branches.push(b.add('head/aspp/pool/upsample', 'upsample', TO_INPUT, [p, c5.node]));
  const cat = b.add('head/aspp/concat', 'concat', {}, branches);
  const proj = convBnRelu(b, 'head/aspp/project', one, cat, `${aspp}.project.0`, `${aspp}.project.1`);
  const d = b.add('head/aspp/project/dropout', 'dropout', { p: 0.5 }, [proj]);
  const y = convBnRelu(b, 'head/smooth', conv(width, 3, 1), d, 'classifier.1', 'classifier.2');
  const cls = conv(ctx.cfg.classes, 1, 1, { padding: 0, bias: true });
  const logits = b.add('head/cls', 'conv2d', cls, [y], undefined, 'classifier.4');
  b.add('head/upsample', 'upsample', TO_INPUT, [logits, ctx.image.node], 'out');
  auxHead(b, ctx);
};
