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

export interface NeckResult {
  /** P-level tap names in order, shallowest first (e.g. P2..P6). */
  levels: string[];
}

function topDown(cfg: ModelConfig): UpsampleAttrs {
  if (cfg.fpnUpsample === 'nearest2x') return { mode: 'nearest', scale: 2, alignCorners: false };
  if (cfg.fpnUpsample === 'bilinear')
    return { mode: 'bilinear', sizeFromInput: true, alignCorners: cfg.fpnAlignCorners };
  return { mode: 'nearest', sizeFromInput: true, alignCorners: false };
}

export function buildFpn(
  b: GraphBuilder,
  cfg: ModelConfig,
  taps: Record<string, string>,
  strides: Record<string, number>
): NeckResult {
  const inputs = cfg.fpnIn;
  const first = Math.round(Math.log2(strides[inputs[0]]));
  const names = inputs.map((_, i) => `P${first + i}`);
  inputs.forEach((tap, i) => {
    const prev = inputs[i - 1];
    if (prev && strides[tap] !== 2 * strides[prev]) {
      b.note({
        node: `neck/${names[i]}`,
        severity: 'warning',
        message: `${tap} (stride ${strides[tap]}) does not halve ${prev}'s resolution (stride ${strides[prev]}): ${names[i]} will not have its nominal stride ${2 ** (first + i)}`
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
    b.group({ path: p, label: `${names[i]} from ${inputs[i]}` });
    const lateral = b.add(`${p}/lateral`, 'conv2d', conv(cfg.fpnChannels, 1, 1, { padding: 0, bias: true }), [
      taps[inputs[i]]
    ]);
    if (last) {
      const upsampled = b.add(`${p}/upsample`, 'upsample', up, up.sizeFromInput ? [last, lateral] : [last]);
      last = b.add(`${p}/add`, 'add', {}, [lateral, upsampled]);
    } else last = lateral;
    const isTop = i === inputs.length - 1;
    outputs[i] =
      cfg.fpnSmooth === 'noTop' && isTop
        ? last
        : b.add(`${p}/smooth`, 'conv2d', conv(cfg.fpnChannels, 3, 1, { bias: true }), [last]);
    b.tap(names[i], outputs[i]);
  }
  const levels = [...names];
  const top = first + inputs.length - 1;
  if (cfg.extra === 'maxpool') {
    const name = `P${top + 1}`;
    b.group({ path: `neck/${name}`, label: `${name} by 1x1/2 max-pool on P${top} (torchvision's "pool")` });
    b.add(`neck/${name}/pool`, 'maxpool', pool(1, 2, 0), [outputs[outputs.length - 1]], name);
    levels.push(name);
  } else if (cfg.extra === 'p6p7') {
    const p6 = `P${top + 1}`;
    const p7 = `P${top + 2}`;
    const src = cfg.p6From === 'P5' ? outputs[outputs.length - 1] : taps[inputs[inputs.length - 1]];
    const srcName = cfg.p6From === 'P5' ? `P${top}` : inputs[inputs.length - 1];
    b.group({ path: `neck/${p6}`, label: `${p6} by 3x3/2 conv on ${srcName}` });
    const x6 = b.add(`neck/${p6}/conv`, 'conv2d', conv(cfg.fpnChannels, 3, 2, { bias: true }), [src], p6);
    b.group({ path: `neck/${p7}`, label: `${p7} by ReLU and 3x3/2 conv on ${p6}` });
    const r = b.add(`neck/${p7}/relu`, 'relu', {}, [x6]);
    b.add(`neck/${p7}/conv`, 'conv2d', conv(cfg.fpnChannels, 3, 2, { bias: true }), [r], p7);
    levels.push(p6, p7);
  }
  return { levels };
}
