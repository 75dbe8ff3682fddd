/**
 * Module paths of the ResNet trunk, as the source framework names them, so a checkpoint's keys are
 * the node's module plus `.weight`, `.bias`, ... One naming per family:
 * - torchvision (also the paper/Caffe placement, whose modules are the same): conv1, bn1,
 *   layer1.0.conv1, layer1.0.downsample.0; mmcv's ResNetV1c/V1d for the deep stem (stem.0, stem.1,
 *   stem.3, ...) and avg-down shortcuts (downsample.0 is the AvgPool2d, so the conv is .1);
 * - TF-slim: variable scopes such as resnet_v1_50/block1/unit_1/bottleneck_v1/conv1, with its
 *   BatchNorm under `<conv>/BatchNorm`, pre-activation `preact` and `postnorm`.
 */
import type { ModelConfig } from './config';

export interface BackboneNames {
  stemConv(i: number): string;
  stemNorm(i: number): string;
  unitConv(stage: number, unit: number, n: number): string;
  unitNorm(stage: number, unit: number, n: number): string;
  shortcutConv(stage: number, unit: number, avgDown: boolean): string;
  shortcutNorm(stage: number, unit: number, avgDown: boolean): string;
  preactNorm(stage: number, unit: number): string;
  postNorm(): string;
  /** The classifier's fc. */
  fc(): string;
}

function torchvisionNames(cfg: ModelConfig, prefix: string): BackboneNames {
  const unit = (s: number, u: number) => `${prefix}layer${s + 1}.${u}`;
  // mmcv's deep stem: Sequential(conv, norm, relu) three times.
  const deep = (i: number, k: 0 | 1) => `${prefix}stem.${i * 3 + k}`;
  const down = (s: number, u: number, avg: boolean, k: 0 | 1) =>
    `${unit(s, u)}.downsample.${(avg ? 1 : 0) + k}`;
  return {
    stemConv: (i) => (cfg.stem === 'deep' ? deep(i, 0) : `${prefix}conv1`),
    stemNorm: (i) => (cfg.stem === 'deep' ? deep(i, 1) : `${prefix}bn1`),
    unitConv: (s, u, n) => `${unit(s, u)}.conv${n}`,
    unitNorm: (s, u, n) => `${unit(s, u)}.bn${n}`,
    shortcutConv: (s, u, avg) => down(s, u, avg, 0),
    shortcutNorm: (s, u, avg) => down(s, u, avg, 1),
    // No torchvision model is pre-activated: these follow the same pattern, for display only.
    preactNorm: (s, u) => `${unit(s, u)}.preact`,
    postNorm: () => `${prefix}postnorm`,
    fc: () => `${prefix}fc`
  };
}

function slimNames(cfg: ModelConfig): BackboneNames {
  const net = `resnet_v${cfg.preact ? 2 : 1}${cfg.depth ? `_${cfg.depth}` : ''}`;
  const kind = `${cfg.block === 'bottleneck' ? 'bottleneck' : 'basic'}_v${cfg.preact ? 2 : 1}`;
  const unit = (s: number, u: number) => `${net}/block${s + 1}/unit_${u + 1}/${kind}`;
  return {
    stemConv: (i) => `${net}/conv1${i ? `_${i + 1}` : ''}`,
    stemNorm: (i) => `${net}/conv1${i ? `_${i + 1}` : ''}/BatchNorm`,
    unitConv: (s, u, n) => `${unit(s, u)}/conv${n}`,
    unitNorm: (s, u, n) => `${unit(s, u)}/conv${n}/BatchNorm`,
    shortcutConv: (s, u) => `${unit(s, u)}/shortcut`,
    shortcutNorm: (s, u) => `${unit(s, u)}/shortcut/BatchNorm`,
    preactNorm: (s, u) => `${unit(s, u)}/preact`,
    postNorm: () => `${net}/postnorm`,
    fc: () => `${net}/logits`
  };
}

export function backboneNames(cfg: ModelConfig, prefix: string): BackboneNames {
  return cfg.style === 'slim' ? slimNames(cfg) : torchvisionNames(cfg, prefix);
}
