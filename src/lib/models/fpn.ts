/**
 * A generic FPN neck (torchvision's FeaturePyramidNetwork): lateral 1x1 convs on the chosen backbone
 * taps, a top-down path that upsamples and adds, a 3x3 smoothing conv per level, and optional extra
 * levels. Level names come from the first input's stride (C3 at stride 8 feeds P3), then count up,
 * so seed 002's TF-slim block1, block2, block4 choice becomes P3, P4, P5.
 */
import type { GraphBuilder } from '../core/graph';
import { conv, pool } from '../core/layers';
import type { UpsampleAttrs } from '../core/types';
import type { ModelConfig } from './config';
import { type FeatureSpec, type Level, addNorm } from './features';

/** torchvision's module path of the FPN inside its detectors' backbone. */
const FPN = 'backbone.fpn';

function topDown(cfg: ModelConfig): UpsampleAttrs {
  if (cfg.fpnUpsample === 'nearest2x') return { mode: 'nearest', scale: 2, alignCorners: false };
  if (cfg.fpnUpsample === 'bilinear')
    return { mode: 'bilinear', sizeFromInput: true, alignCorners: cfg.fpnAlignCorners };
  return { mode: 'nearest', sizeFromInput: true, alignCorners: false };
}

/**
 * A 1x1 lateral or 3x3 output conv: biased (torchvision's default) or conv + BatchNorm
 * (Conv2dNormActivation with norm_layer=BatchNorm2d in the v2 detectors).
 */
function fpnConv(
  b: GraphBuilder,
  cfg: ModelConfig,
  id: string,
  k: number,
  x: string,
  module: string
): string {
  const normed = cfg.fpnNorm === 'bn';
  const attrs = conv(cfg.fpnChannels, k, 1, { padding: k === 1 ? 0 : undefined, bias: !normed });
  const y = b.add(id, 'conv2d', attrs, [x], undefined, `${module}.0`);
  return normed ? addNorm(b, 'bn', `${id}_bn`, y, `${module}.1`) : y;
}

/** Builds the neck on the backbone's features; returns its levels, shallowest first (e.g. P2..P6). */
export function buildFpn(b: GraphBuilder, cfg: ModelConfig, features: Record<string, FeatureSpec>): Level[] {
  const inputs = cfg.fpnIn.map((name) => ({ name, ...features[name] }));
  const first = Math.round(Math.log2(inputs[0].stride));
  const names = inputs.map((_, i) => `P${first + i}`);
  inputs.forEach((f, i) => {
    const prev = inputs[i - 1];
    if (prev && f.stride !== 2 * prev.stride) {
      b.note({
        node: `neck/${names[i]}`,
        severity: 'warning',
        message: `${f.name} (stride ${f.stride}) does not halve ${prev.name}'s resolution (stride ${prev.stride}): ${names[i]} will not have its nominal stride ${2 ** (first + i)}`
      });
    }
  });
  b.group({
    path: 'neck',
    label: `FPN (${names[0]}-${names[names.length - 1]}, ${cfg.fpnChannels} channels)`
  });
  const up = topDown(cfg);
  const outputs: string[] = new Array(inputs.length);
  let last = '';
  for (let i = inputs.length - 1; i >= 0; i--) {
    const p = `neck/${names[i]}`;
    b.group({ path: p, label: `${names[i]} from ${inputs[i].name}` });
    const lateral = fpnConv(b, cfg, `${p}/lateral`, 1, inputs[i].node, `${FPN}.inner_blocks.${i}`);
    if (last) {
      const upsampled = b.add(`${p}/upsample`, 'upsample', up, up.sizeFromInput ? [last, lateral] : [last]);
      last = b.add(`${p}/add`, 'add', {}, [lateral, upsampled]);
    } else last = lateral;
    const isTop = i === inputs.length - 1;
    outputs[i] =
      cfg.fpnSmooth === 'noTop' && isTop
        ? last
        : fpnConv(b, cfg, `${p}/smooth`, 3, last, `${FPN}.layer_blocks.${i}`);
    b.tap(names[i], outputs[i]);
  }
  const levels: Level[] = inputs.map((f, i) => ({
    name: names[i],
    node: outputs[i],
    channels: cfg.fpnChannels,
    stride: f.stride
  }));
  const top = levels[levels.length - 1];
  const topIndex = first + inputs.length - 1;
  if (cfg.extra === 'maxpool') {
    const name = `P${topIndex + 1}`;
    b.group({
      path: `neck/${name}`,
      label: `${name} by 1x1/2 max-pool on ${top.name} (torchvision's "pool")`
    });
    const node = b.add(`neck/${name}/pool`, 'maxpool', pool(1, 2, 0), [top.node], name);
    levels.push({ name, node, channels: cfg.fpnChannels, stride: top.stride * 2, extra: true });
  } else if (cfg.extra === 'p6p7') {
    const p6 = `P${topIndex + 1}`;
    const p7 = `P${topIndex + 2}`;
    const last = inputs[inputs.length - 1];
    const src = cfg.p6From === 'P5' ? top : last;
    b.group({ path: `neck/${p6}`, label: `${p6} by 3x3/2 conv on ${src.name}` });
    const conv3 = conv(cfg.fpnChannels, 3, 2, { bias: true });
    const x6 = b.add(`neck/${p6}/conv`, 'conv2d', conv3, [src.node], p6, `${FPN}.extra_blocks.p6`);
    b.group({ path: `neck/${p7}`, label: `${p7} by ${cfg.p7Relu ? 'ReLU and ' : ''}3x3/2 conv on ${p6}` });
    const r = cfg.p7Relu ? b.add(`neck/${p7}/relu`, 'relu', {}, [x6]) : x6;
    const x7 = b.add(`neck/${p7}/conv`, 'conv2d', conv3, [r], p7, `${FPN}.extra_blocks.p7`);
    levels.push(
      { name: p6, node: x6, channels: cfg.fpnChannels, stride: top.stride * 2, extra: true },
      { name: p7, node: x7, channels: cfg.fpnChannels, stride: top.stride * 4, extra: true }
    );
  }
  return levels;
}
