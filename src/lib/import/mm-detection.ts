/**
 * MMDetection's FPN, anchor generator and heads -> ArchScope keys. What mmdet builds, as ArchScope
 * models it: FPN (nearest to the lateral's size by default; extra levels by max-pool, or by convs on
 * the input, the output or the lateral); RPNHead (one 3x3 conv, A objectness, 4A deltas);
 * StandardRoIHead with Shared2FCBBoxHead (K + 1 scores, 4K deltas: background=scores) and
 * FCNMaskHead (four convs, a 2x2 deconv, K masks); RetinaHead (four convs per tower, K logits per
 * anchor). Anchors: base size (default the level's stride) x scales (or octave_base_scale x
 * 2^(i / scales_per_octave)), ratios h/w.
 */
import type { ModelConfig } from '../models/config';
import type { KeyReader } from './leaves';
import { ConfigBuilder, isInt, type Mapping, numbers, repr } from './mapping';
import type { BackboneInfo } from './mm-backbone';
import { normOf } from './mm-backbone';
import { mapRetinaHead, mapRoiHead, mapRpnHead, type Pyramid, TRAINING } from './mm-heads';

const HEAD_OF: Record<string, ModelConfig['head']> = {
  FasterRCNN: 'fasterrcnn',
  MaskRCNN: 'maskrcnn',
  RetinaNet: 'retinanet'
};
export const DETECTORS = Object.keys(HEAD_OF);

export function mapDetector(r: KeyReader, b: ConfigBuilder, backbone: BackboneInfo): Mapping['notes'] {
  const notes: string[] = [];
  const type = r.get('model.type') as string;
  const head = HEAD_OF[type];
  b.set(
    'model.type',
    { head, headVersion: 1, transform: 'none' },
    'the data pipeline is not read: the input size is the tensor the network sees'
  );
  const pyramid = mapNeck(r, b, backbone);
  if (!pyramid) return notes;
  if (head === 'retinanet') {
    mapRetinaHead(r, b, pyramid);
  } else {
    mapRpnHead(r, b, pyramid);
    mapRoiHead(r, b, pyramid, head === 'maskrcnn');
  }
  r.ignored('model.train_cfg', TRAINING);
  r.ignored('model.test_cfg', 'post-processing (NMS, score thresholds): it does not change the network');
  notes.push(
    "MMDetection keeps anchor corners fractional, where ArchScope's anchor view rounds them as torchvision does: counts, shapes and costs are the same"
  );
  return notes;
}

function mapNeck(r: KeyReader, b: ConfigBuilder, backbone: BackboneInfo): Pyramid | null {
  const P = 'model.neck';
  const get = (k: string) => r.get(`${P}.${k}`);
  const has = (k: string) => r.given(`${P}.${k}`);
  const refuse = (k: string, why: string) => r.refused(`${P}.${k}`, `${repr(get(k))} ${why}`);
  if (get('type') !== 'FPN') {
    refuse('type', 'is not a neck ArchScope builds: use FPN');
    return null;
  }
  const inChannels = numbers(get('in_channels'));
  const outs = backbone.outIndices;
  const want = outs.map((i) => backbone.channels[i]);
  if (!inChannels || inChannels.join() !== want.join()) {
    refuse(
      'in_channels',
      `does not match the backbone's outputs (out_indices ${outs.join(', ')}: ${want.join(', ')} channels)`
    );
    return null;
  }
  b.checked(`${P}.in_channels`, `the backbone's outputs (${want.join(', ')})`);
  if (r.given('model.backbone.out_indices'))
    b.checked('model.backbone.out_indices', 'the stages that feed the FPN');
  const start = has('start_level') ? get('start_level') : 0;
  const end = has('end_level') ? get('end_level') : -1;
  if (!isInt(start) || start < 0 || start >= outs.length) {
    refuse('start_level', `must be an index into in_channels, 0 to ${outs.length - 1}`);
    return null;
  }
  if (end !== -1 && end !== outs.length - 1) {
    refuse('end_level', "cannot be represented: ArchScope's FPN runs up to the last input (end_level=-1)");
    return null;
  }
  const used = outs.slice(start);
  if (used.some((v, i) => i > 0 && v !== used[i - 1] + 1)) {
    refuse('start_level', 'cannot be represented: the FPN inputs must be consecutive stages');
    return null;
  }
  const fpnIn = used.map((i) => `C${i + 2}`);
  b.set(`${P}.start_level`, { neck: 'fpn', fpnIn, fpnSmooth: 'all' });
  const ch = get('out_channels');
  if (!isInt(ch) || ch < 1 || ch > 4096) refuse('out_channels', 'must be an integer from 1 to 4096');
  else b.set(`${P}.out_channels`, { fpnChannels: ch });

  const up = has('upsample_cfg') ? r.get(`${P}.upsample_cfg`) : null;
  const mode = has('upsample_cfg.mode') ? get('upsample_cfg.mode') : 'nearest';
  const scale = get('upsample_cfg.scale_factor');
  if (mode === 'nearest' && scale === undefined) b.config.fpnUpsample = 'nearest';
  else if (mode === 'nearest' && scale === 2) b.config.fpnUpsample = 'nearest2x';
  else if (mode === 'bilinear' && scale === undefined) {
    b.config.fpnUpsample = 'bilinear';
    b.config.fpnAlignCorners = get('upsample_cfg.align_corners') === true;
  } else
    refuse(
      'upsample_cfg',
      "cannot be represented: use dict(mode='nearest'), dict(scale_factor=2, mode='nearest') or dict(mode='bilinear')"
    );
  if (up !== null) b.set(`${P}.upsample_cfg`, { fpnUpsample: b.config.fpnUpsample ?? 'nearest' });

  const normed = has('norm_cfg') && get('norm_cfg') !== null;
  const norm = normed ? normOf(get('norm_cfg')) : 'none';
  if (normed && norm !== 'bn')
    r.refused(
      `${P}.norm_cfg`,
      `${repr(get('norm_cfg'))} ${norm === 'gn' ? "cannot be represented: ArchScope's FPN normalises with BatchNorm only" : norm}`
    );
  else
    b.set(
      has('norm_cfg') ? `${P}.norm_cfg` : `${P}.type`,
      { fpnNorm: normed ? 'bn' : 'none' },
      normed ? 'conv + BN, no bias' : 'biased convs'
    );
  if (has('act_cfg') && get('act_cfg') !== null)
    refuse('act_cfg', "cannot be represented: ArchScope's FPN convs have no activation");
  if (has('no_norm_on_lateral') && get('no_norm_on_lateral') === true && normed)
    refuse('no_norm_on_lateral', 'cannot be represented: ArchScope normalises every FPN conv alike');

  const numOuts = get('num_outs');
  if (!isInt(numOuts) || numOuts < used.length) {
    refuse('num_outs', `must be at least the ${used.length} inputs`);
    return null;
  }
  const extra = numOuts - used.length;
  const raw = has('add_extra_convs') ? get('add_extra_convs') : false;
  const on = raw === true ? 'on_input' : raw;
  const strides = [
    ...used.map((i) => 2 ** (i + 2)),
    ...Array.from({ length: extra }, (_, k) => 2 ** (used[used.length - 1] + 3 + k))
  ];
  const pyramid = { strides, stageLevels: used.length };
  if (on === false) {
    if (extra > 1)
      refuse(
        'num_outs',
        `cannot be represented: ArchScope adds at most one max-pool level (num_outs ${used.length + 1} here)`
      );
    else
      b.set(
        `${P}.num_outs`,
        { extra: extra === 1 ? 'maxpool' : 'none' },
        extra ? 'P6 by 1x1/2 max-pool' : 'no extra level'
      );
    if (has('add_extra_convs')) b.checked(`${P}.add_extra_convs`, 'no extra convs');
    return pyramid;
  }
  if (on !== 'on_input' && on !== 'on_output') {
    refuse(
      'add_extra_convs',
      on === 'on_lateral'
        ? "cannot be represented: ArchScope takes P6 from the input ('on_input', C5) or the output ('on_output', P5), not from the lateral"
        : "must be False, True, 'on_input', 'on_lateral' or 'on_output'"
    );
    return null;
  }
  if (extra !== 2)
    refuse(
      'num_outs',
      `cannot be represented with extra convs: ArchScope adds exactly two conv levels, P6 and P7 (num_outs ${used.length + 2} here)`
    );
  if (normed)
    r.refused(
      `${P}.norm_cfg`,
      `${repr(get('norm_cfg'))} cannot be represented with extra convs: ArchScope's P6 and P7 convs have no norm`
    );
  b.set(
    `${P}.add_extra_convs`,
    { extra: 'p6p7', p6From: on === 'on_input' ? 'C5' : 'P5' },
    on === 'on_input' ? 'P6 from the last input' : 'P6 from the last output'
  );
  b.checked(`${P}.num_outs`, 'P6 and P7 by 3x3/2 convs');
  const relu = has('relu_before_extra_convs') ? get('relu_before_extra_convs') : false;
  if (typeof relu !== 'boolean') refuse('relu_before_extra_convs', 'must be True or False');
  else
    b.set(
      has('relu_before_extra_convs') ? `${P}.relu_before_extra_convs` : `${P}.add_extra_convs`,
      { p7Relu: relu },
      relu
        ? 'ReLU before the P7 conv'
        : 'no ReLU before the P7 conv (relu_before_extra_convs defaults to False)'
    );
  return pyramid;
}
