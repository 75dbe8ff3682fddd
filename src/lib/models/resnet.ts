/**
 * ResNet backbones as graphs: basic and bottleneck units, three downsampling placements, pre-activation,
 * deep stem, avg-down shortcuts and dilation for output strides 16 and 8.
 *
 * Placement (docs/conventions.md):
 * - torchvision: stride 2 on the 3x3 conv of the first unit of C3..C5;
 * - caffe (the paper): stride 2 on the first 1x1 conv of the first unit of C3..C5;
 * - slim: stride 2 on the 3x3 conv of the LAST unit of C2..C4, C5 stride 1; a strided identity unit
 *   subsamples its shortcut with a 1x1 max-pool; convs with stride > 1 pad explicitly (conv2d_same).
 *
 * Dilation follows one rule that reproduces both torchvision's replace_stride_with_dilation and
 * TF-slim's output_stride: once the running stride equals the target, a unit that would downsample
 * keeps the current dilation with stride 1, and the dilation is multiplied by that stride for the
 * units after it.
 *
 * Every parameterised node records its module path (see names.ts), so weights load by name and the
 * details panel can show where a layer lives in the source framework.
 */
import type { GraphBuilder } from '../core/graph';
import { conv, pool } from '../core/layers';
import { slimSamePadding } from '../core/spatial';
import type { ModelConfig } from './config';
import { type FeatureSpec, addNorm } from './features';
import { type BackboneNames, backboneNames } from './names';

export interface Backbone {
  /** Tap name (C1, stem, C2..C5) -> node, channels and nominal stride. */
  features: Record<string, FeatureSpec>;
  /** What a head reads: C5, or its post-norm for pre-activation nets. */
  out: FeatureSpec;
}

interface UnitSpec {
  stage: number;
  unit: number;
  path: string;
  mid: number;
  out: number;
  stride: number;
  dilation: number;
}

const STAGE_ALIASES = [
  'layer1 / block1 / res2',
  'layer2 / block2 / res3',
  'layer3 / block3 / res4',
  'layer4 / block4 / res5'
];

/** Per unit: nominal stride under the placement, then actual stride and dilation after output-stride. */
export function planUnits(cfg: ModelConfig): UnitSpec[][] {
  const bottleneck = cfg.block === 'bottleneck';
  const expansion = bottleneck ? 4 : 1;
  let current = 4; // the stem's conv and pool
  let rate = 1;
  return cfg.layers.map((count, s) => {
    const planes = cfg.width * 2 ** s;
    // torchvision: width = int(planes * (base_width / 64.0)) * groups (ResNeXt, Wide ResNet).
    const mid = bottleneck ? Math.floor((planes * cfg.widthPerGroup) / 64) * cfg.groups : planes;
    return Array.from({ length: count }, (_, u) => {
      const strided = cfg.style === 'slim' ? s < 3 && u === count - 1 : s > 0 && u === 0;
      const nominal = strided ? 2 : 1;
      let stride = nominal;
      const dilation = rate;
      if (nominal > 1 && current >= cfg.outputStride) {
        stride = 1;
        rate *= nominal;
      } else current *= nominal;
      return {
        stage: s,
        unit: u,
        path: `C${s + 2}/unit${u + 1}`,
        mid,
        out: planes * expansion,
        stride,
        dilation
      };
    });
  });
}

/** A 3x3 (or k x k) conv under the style's padding convention. */
function styledConv(
  cfg: ModelConfig,
  out: number,
  k: number,
  stride: number,
  dilation: number,
  bias = false,
  groups = 1
) {
  if (cfg.style !== 'slim' || k === 1)
    return conv(out, k, stride, { dilation, bias, groups, padding: k === 1 ? 0 : undefined });
  // TF-slim conv2d_same: explicit symmetric-ish padding for stride > 1, SAME otherwise.
  return conv(out, k, stride, {
    dilation,
    bias,
    groups,
    padding: stride > 1 ? slimSamePadding(k, dilation) : 'SAME'
  });
}

function stemPoolAttrs(cfg: ModelConfig) {
  const mode =
    cfg.stemPool === 'auto'
      ? { torchvision: 'torch', caffe: 'caffe', slim: 'same' }[cfg.style]
      : cfg.stemPool;
  if (mode === 'caffe') return pool(3, 2, 0, true);
  if (mode === 'same') return pool(3, 2, 'SAME');
  return pool(3, 2, 1);
}

function buildStem(
  b: GraphBuilder,
  cfg: ModelConfig,
  names: BackboneNames,
  input: string
): { c1: string; out: string } {
  b.group({
    path: 'stem',
    label: cfg.stem === 'deep' ? 'stem (deep: three 3x3 convs)' : 'stem (7x7/2 conv)'
  });
  let x = input;
  // TF-slim's v2 stem is a plain biased conv: its BN and ReLU come as the first unit's pre-activation.
  const plainConv = cfg.preact && cfg.style === 'slim';
  const convs: Array<[number, number, number]> =
    cfg.stem === 'deep'
      ? [
          [cfg.width / 2, 3, 2],
          [cfg.width / 2, 3, 1],
          [cfg.width, 3, 1]
        ]
      : [[cfg.width, 7, 2]];
  convs.forEach(([ch, k, s], i) => {
    const n = i + 1;
    x = b.add(
      `stem/conv${n}`,
      'conv2d',
      styledConv(cfg, ch, k, s, 1, plainConv),
      [x],
      undefined,
      names.stemConv(i)
    );
    if (plainConv) return;
    x = addNorm(b, cfg.norm, `stem/bn${n}`, x, names.stemNorm(i));
    x = b.add(`stem/relu${n}`, 'relu', {}, [x]);
  });
  b.tap('C1', x);
  const out = b.add('stem/pool', 'maxpool', stemPoolAttrs(cfg), [x], 'stem');
  return { c1: x, out };
}

/** Conv, then BN and ReLU in the post-activation order (or only the conv for the last pre-act conv). */
function convBnRelu(
  b: GraphBuilder,
  cfg: ModelConfig,
  names: BackboneNames,
  u: UnitSpec,
  n: number,
  attrs: ReturnType<typeof conv>,
  x: string,
  relu: boolean
) {
  let y = b.add(`${u.path}/conv${n}`, 'conv2d', attrs, [x], undefined, names.unitConv(u.stage, u.unit, n));
  y = addNorm(b, cfg.norm, `${u.path}/bn${n}`, y, names.unitNorm(u.stage, u.unit, n));
  return relu ? b.add(`${u.path}/relu${n}`, 'relu', {}, [y]) : y;
}

function buildShortcut(
  b: GraphBuilder,
  cfg: ModelConfig,
  names: BackboneNames,
  u: UnitSpec,
  x: string,
  inCh: number
): { id: string; projects: boolean } {
  const p = `${u.path}/shortcut`;
  if (inCh === u.out) {
    if (u.stride === 1) return { id: x, projects: false };
    // TF-slim subsample: a strided 1x1 max-pool keeps the identity shortcut parameter-free.
    return {
      id: b.add(`${p}/subsample`, 'maxpool', pool(1, u.stride, cfg.style === 'slim' ? 'SAME' : 0), [x]),
      projects: true
    };
  }
  let y = x;
  let stride = u.stride;
  if (cfg.avgDown && stride > 1) {
    y = b.add(`${p}/avgpool`, 'avgpool', { ...pool(stride, stride, 0, true), countIncludePad: false }, [y]);
    stride = 1;
  }
  const avg = cfg.avgDown && u.stride > 1;
  y = b.add(
    `${p}/conv`,
    'conv2d',
    conv(u.out, 1, stride, { padding: 0, bias: cfg.preact && cfg.style === 'slim' }),
    [y],
    undefined,
    names.shortcutConv(u.stage, u.unit, avg)
  );
  if (!cfg.preact) y = addNorm(b, cfg.norm, `${p}/bn`, y, names.shortcutNorm(u.stage, u.unit, avg));
  return { id: y, projects: true };
}

function buildUnit(
  b: GraphBuilder,
  cfg: ModelConfig,
  names: BackboneNames,
  u: UnitSpec,
  x: string,
  inCh: number
): string {
  const bottleneck = cfg.block === 'bottleneck';
  let body = x;
  if (cfg.preact) {
    body = addNorm(b, cfg.norm, `${u.path}/preact/bn`, x, names.preactNorm(u.stage, u.unit));
    body = b.add(`${u.path}/preact/relu`, 'relu', {}, [body]);
  }
  const shortcut = buildShortcut(b, cfg, names, u, cfg.preact && inCh !== u.out ? body : x, inCh);
  b.group({
    path: u.path,
    label: shortcut.projects ? 'conv block' : 'identity block',
    unitKind: shortcut.projects ? 'conv' : 'identity',
    downsamples: u.stride > 1
  });
  // Where the stride sits: the first 1x1 (caffe) or the 3x3 (torchvision, slim).
  const s1 = cfg.style === 'caffe' && bottleneck ? u.stride : 1;
  const s3 = cfg.style === 'caffe' && bottleneck ? 1 : u.stride;
  const convs = bottleneck
    ? [
        conv(u.mid, 1, s1, { padding: 0 }),
        styledConv(cfg, u.mid, 3, s3, u.dilation, false, cfg.groups),
        conv(u.out, 1, 1, { padding: 0, bias: cfg.preact && cfg.style === 'slim' })
      ]
    : [styledConv(cfg, u.mid, 3, u.stride, u.dilation), styledConv(cfg, u.out, 3, 1, u.dilation)];
  convs.forEach((attrs, i) => {
    const last = i === convs.length - 1;
    if (cfg.preact && last)
      body = b.add(
        `${u.path}/conv${i + 1}`,
        'conv2d',
        attrs,
        [body],
        undefined,
        names.unitConv(u.stage, u.unit, i + 1)
      );
    else body = convBnRelu(b, cfg, names, u, i + 1, attrs, body, !last);
  });
  const sum = b.add(`${u.path}/add`, 'add', {}, [body, shortcut.id]);
  return cfg.preact ? sum : b.add(`${u.path}/relu`, 'relu', {}, [sum]);
}

/**
 * The ResNet trunk. `prefix` is where the trunk sits in the whole model's module tree: '' for a
 * classifier, 'backbone.body.' in torchvision's detectors, 'backbone.' in its segmenters.
 */
export function buildResNet(b: GraphBuilder, cfg: ModelConfig, input: string, prefix = ''): Backbone {
  const names = backboneNames(cfg, prefix);
  const stem = buildStem(b, cfg, names, input);
  const features: Record<string, FeatureSpec> = {
    C1: { node: stem.c1, channels: cfg.width, stride: 2 },
    stem: { node: stem.out, channels: cfg.width, stride: 4 }
  };
  let x = stem.out;
  let ch = cfg.width;
  let stride = 4;
  planUnits(cfg).forEach((units, s) => {
    const name = `C${s + 2}`;
    b.group({
      path: name,
      label: `${name} (${STAGE_ALIASES[s]})`,
      downsamples: units.some((u) => u.stride > 1)
    });
    for (const u of units) {
      x = buildUnit(b, cfg, names, u, x, ch);
      ch = u.out;
      stride *= u.stride;
    }
    b.tap(name, x);
    features[name] = { node: x, channels: ch, stride };
  });
  let out = features.C5;
  if (cfg.preact) {
    b.group({ path: 'C5/postnorm', label: 'post-norm (pre-activation nets end with BN and ReLU)' });
    let y = addNorm(b, cfg.norm, 'C5/postnorm/bn', out.node, names.postNorm());
    y = b.add('C5/postnorm/relu', 'relu', {}, [y]);
    out = { ...out, node: y };
  }
  return { features, out };
}
