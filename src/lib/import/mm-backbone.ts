/**
 * MMDetection / MMSegmentation (mmcv) ResNet backbones -> ArchScope keys: ResNet, ResNetV1c (deep
 * stem), ResNetV1d (deep stem and avg-down) and ResNeXt (groups, base_width). Their stem pool is
 * always MaxPool2d(3, 2, 1), so style='caffe' maps to the Caffe placement with stemPool=torch.
 * Dilation: ArchScope, like torchvision, keeps the previous dilation on the first unit of a dilated
 * stage, which is MMSegmentation's contract_dilation=True.
 */
import type { Norm } from '../models/config';
import { frozenPartsText } from '../models/trainable';
import type { KeyReader } from './leaves';
import { ConfigBuilder, dictOf, isInt, numbers, repr } from './mapping';

const TYPES: Record<string, { deepStem: boolean; avgDown: boolean }> = {
  ResNet: { deepStem: false, avgDown: false },
  ResNetV1c: { deepStem: true, avgDown: false },
  ResNetV1d: { deepStem: true, avgDown: true },
  ResNeXt: { deepStem: false, avgDown: false }
};

/** (strides, dilations) of the four stages for each output stride ArchScope builds. */
const OUTPUT_STRIDES: Array<{ os: number; strides: number[]; dilations: number[] }> = [
  { os: 32, strides: [1, 2, 2, 2], dilations: [1, 1, 1, 1] },
  { os: 16, strides: [1, 2, 2, 1], dilations: [1, 1, 1, 2] },
  { os: 8, strides: [1, 2, 1, 1], dilations: [1, 1, 2, 4] }
];

export const NORM_TYPES: Record<string, Norm> = { BN: 'bn', BN2d: 'bn', SyncBN: 'bn', GN: 'gn' };

export interface BackboneInfo {
  /** Channels of C2..C5. */
  channels: number[];
  /** The stages the backbone outputs, as indices 0..3 (C2..C5), in order. */
  outIndices: number[];
}

/** A norm_cfg as an ArchScope norm, or the reason it cannot be one. */
export function normOf(v: unknown): Norm | string {
  const d = dictOf(v as never);
  const type = d?.get('type');
  if (typeof type !== 'string' || !Object.hasOwn(NORM_TYPES, type))
    return 'is not a norm ArchScope builds: use BN, SyncBN or GN (num_groups=32)';
  if (type === 'GN' && d?.get('num_groups') !== 32)
    return 'cannot be represented: ArchScope builds GroupNorm with 32 groups';
  return NORM_TYPES[type];
}

const IGNORED_KEYS: Array<[string, string]> = [
  ['norm_eval', 'training only: BatchNorm in eval mode during training'],
  ['with_cp', 'training only: activation checkpointing saves memory, not parameters'],
  ['zero_init_residual', 'initialisation only'],
  ['init_cfg', 'initialisation only: ArchScope does not load weights from an import (docs/weights.md)'],
  ['pretrained', 'initialisation only: ArchScope does not load weights from an import (docs/weights.md)'],
  ['conv_cfg', 'plain convolutions (conv_cfg=None)'],
  [
    'norm_cfg.requires_grad',
    'not modelled: the affine terms are parameters, and ArchScope counts them as trainable unless frozen_stages freezes their stage'
  ],
  ['stage_with_dcn', 'deformable convs are off (dcn=None)']
];

export function mapBackbone(r: KeyReader, b: ConfigBuilder, P: string): BackboneInfo | null {
  const get = (k: string) => r.get(`${P}.${k}`);
  const has = (k: string) => r.given(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  const type = get('type');
  if (typeof type !== 'string' || !Object.hasOwn(TYPES, type)) {
    refuse('type', `is not a backbone ArchScope builds: use ResNet, ResNetV1c, ResNetV1d or ResNeXt`);
    return null;
  }
  const kind = TYPES[type];
  const depth = get('depth');
  const depths = type === 'ResNeXt' ? [50, 101, 152] : [18, 34, 50, 101, 152];
  if (!isInt(depth) || !depths.includes(depth)) {
    refuse('depth', `is not a ${type} depth ArchScope builds: use ${depths.join(', ')}`);
    return null;
  }
  b.set(
    `${P}.type`,
    { stem: kind.deepStem ? 'deep' : 'standard', avgDown: kind.avgDown, preact: false },
    type
  );
  b.set(`${P}.depth`, { depth });
  const basic = depth < 50;
  const stages = has('num_stages') ? get('num_stages') : 4;
  if (stages !== 4) refuse('num_stages', 'cannot be represented: ArchScope builds four stages');
  else if (has('num_stages')) b.checked(`${P}.num_stages`, 'four stages');

  const base = has('base_channels') ? get('base_channels') : 64;
  if (!isInt(base) || base < 8 || base > 256 || (kind.deepStem && base % 2 !== 0)) {
    refuse('base_channels', 'must be an integer from 8 to 256 (even with a deep stem)');
    return null;
  }
  if (has('base_channels')) b.set(`${P}.base_channels`, { width: base });
  else b.config.width = base;
  if (has('stem_channels')) {
    if (get('stem_channels') !== base)
      refuse('stem_channels', `cannot be represented: ArchScope's stem has the base width (${base})`);
    else b.checked(`${P}.stem_channels`, `the stem has the base width (${base})`);
  }
  const inCh = has('in_channels') ? get('in_channels') : 3;
  if (!isInt(inCh) || inCh < 1 || inCh > 64) refuse('in_channels', 'must be an integer from 1 to 64');
  else if (has('in_channels')) b.set(`${P}.in_channels`, { inChannels: inCh });
  else b.config.inChannels = 3;

  for (const k of ['deep_stem', 'avg_down'] as const) {
    if (!has(k)) continue;
    const v = get(k);
    if (typeof v !== 'boolean') refuse(k, 'must be True or False');
    else b.set(`${P}.${k}`, k === 'deep_stem' ? { stem: v ? 'deep' : 'standard' } : { avgDown: v });
  }
  const style = has('style') ? get('style') : 'pytorch';
  if (style === 'pytorch') b.config.style = 'torchvision';
  if (style === 'caffe') b.config.style = 'caffe';
  if (style !== 'pytorch' && style !== 'caffe')
    refuse('style', "must be 'pytorch' (stride on the 3x3) or 'caffe' (stride on the first 1x1)");
  else if (has('style'))
    b.set(
      `${P}.style`,
      style === 'caffe' ? { style: 'caffe', stemPool: 'torch' } : { style: 'torchvision' },
      style === 'caffe' ? "mmcv's stem pool is 3x3/2 pad 1 in either style" : ''
    );

  mapDilation(r, b, P);

  const norm = has('norm_cfg') ? normOf(get('norm_cfg')) : 'bn';
  if (norm !== 'bn' && norm !== 'gn')
    r.refused(`${P}.norm_cfg.type`, `${repr(get('norm_cfg.type'))} ${norm}`);
  else if (has('norm_cfg')) {
    b.set(`${P}.norm_cfg.type`, { norm });
    if (has('norm_cfg.num_groups')) b.checked(`${P}.norm_cfg.num_groups`, 'GroupNorm(32, C)');
  } else b.config.norm = 'bn';

  const groups = has('groups') ? get('groups') : 1;
  const baseWidth = has('base_width') ? get('base_width') : 4;
  if (type !== 'ResNeXt') {
    b.config.groups = 1;
    b.config.widthPerGroup = 64;
  } else if (!isInt(groups) || groups < 1 || groups > 256)
    refuse('groups', 'must be an integer from 1 to 256');
  else if (!isInt(baseWidth) || baseWidth < 1) refuse('base_width', 'must be a positive integer');
  else if (groups === 1) {
    // mmdet's ResNeXt bottleneck keeps the plain width when groups is 1, whatever base_width says.
    b.set(`${P}.groups`, { groups: 1, widthPerGroup: 64 }, 'groups=1 is a plain ResNet bottleneck');
    if (has('base_width')) b.checked(`${P}.base_width`, 'unused with groups=1');
  } else {
    const widthPerGroup = (baseWidth * 64) / base;
    if (!Number.isInteger(widthPerGroup))
      refuse('base_width', `cannot be represented with base_channels ${base}`);
    else {
      b.set(`${P}.groups`, { groups });
      b.set(
        `${P}.base_width`,
        { widthPerGroup },
        `bottleneck width floor(planes x ${baseWidth} / ${base}) x ${groups}`
      );
    }
  }

  mapFrozenStages(r, b, P);

  if (has('dcn') && get('dcn') !== null)
    refuse('dcn', 'cannot be represented: ArchScope has no deformable convolutions');
  if (has('plugins') && get('plugins') !== null)
    refuse('plugins', 'cannot be represented: ArchScope builds plain ResNet stages');
  if (has('multi_grid') && get('multi_grid') !== null)
    refuse(
      'multi_grid',
      'cannot be represented: ArchScope gives every unit after the first the same dilation'
    );
  for (const [k, why] of IGNORED_KEYS) r.ignored(`${P}.${k}`, why);

  const out = has('out_indices') ? numbers(get('out_indices')) : [0, 1, 2, 3];
  if (!out || !out.every((i) => [0, 1, 2, 3].includes(i)) || out.some((v, i) => i > 0 && v <= out[i - 1])) {
    refuse('out_indices', 'must list stages 0..3 in increasing order, e.g. (0, 1, 2, 3)');
    return null;
  }
  const expansion = basic ? 1 : 4;
  return { channels: [0, 1, 2, 3].map((s) => base * 2 ** s * expansion), outIndices: out };
}

/** frozen_stages: -1 (mmcv's default) freezes nothing, 0 the stem, 1 the stem and layer1, ... 4 all. */
function mapFrozenStages(r: KeyReader, b: ConfigBuilder, P: string): void {
  const k = `${P}.frozen_stages`;
  const frozen = r.given(k) ? r.get(k) : -1;
  if (!isInt(frozen) || frozen < -1 || frozen > 4) {
    r.refused(
      k,
      `${repr(r.get(k))} must be an integer from -1 (nothing frozen) to 4 (the stem and all four stages)`
    );
    return;
  }
  const to = { trainableLayers: 4 - frozen };
  if (r.given(k)) b.set(k, to, frozenPartsText(to));
  else b.config.trainableLayers = to.trainableLayers;
}

function mapDilation(r: KeyReader, b: ConfigBuilder, P: string): void {
  const get = (k: string) => r.get(`${P}.${k}`);
  const has = (k: string) => r.given(`${P}.${k}`);
  const strides = has('strides') ? numbers(get('strides')) : [1, 2, 2, 2];
  const dilations = has('dilations') ? numbers(get('dilations')) : [1, 1, 1, 1];
  const hit = OUTPUT_STRIDES.find(
    (o) => o.strides.join() === strides?.join() && o.dilations.join() === dilations?.join()
  );
  if (!hit) {
    r.refused(
      `${P}.${has('dilations') ? 'dilations' : 'strides'}`,
      `strides=${repr(get('strides'))}, dilations=${repr(get('dilations'))} cannot be represented: ArchScope builds ${OUTPUT_STRIDES.map((o) => `(${o.strides}) with (${o.dilations})`).join(', or ')}`
    );
    return;
  }
  const to = { outputStride: hit.os };
  if (has('strides')) b.set(`${P}.strides`, to);
  if (has('dilations')) b.set(`${P}.dilations`, to);
  b.config.outputStride = hit.os;
  const contract = has('contract_dilation') ? get('contract_dilation') : false;
  if (hit.os !== 32 && contract !== true)
    r.refused(
      `${P}.${has('contract_dilation') ? 'contract_dilation' : 'dilations'}`,
      `${repr(has('contract_dilation') ? get('contract_dilation') : get('dilations'))} cannot be represented: without contract_dilation=True the first unit of a dilated stage takes the full dilation, and ArchScope (as torchvision) gives it the previous one`
    );
  else if (has('contract_dilation'))
    b.checked(
      `${P}.contract_dilation`,
      hit.os === 32
        ? 'no dilated stage'
        : 'the first dilated unit keeps the previous dilation, as torchvision'
    );
}
