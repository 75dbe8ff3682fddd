/** Config -> graph: the only place that decides which builders run. */
import { GraphBuilder } from '../core/graph';
import type { Graph } from '../core/types';
import { type ModelConfig, resolveDepth } from './config';
import type { FeatureSpec, Level } from './features';
import { buildFpn } from './fpn';
import { HEADS, MMSEG_HEADS, ROI_HEADS } from './heads';
import { backboneNames } from './names';
import { type Backbone, buildResNet } from './resnet';
import { markFrozen } from './trainable';

export interface BuiltModel {
  config: ModelConfig;
  graph: Graph;
  /** Pyramid level names in order (empty without a neck). */
  levels: string[];
  /** Pyramid levels with their nodes, channels and nominal strides. */
  pyramid: Level[];
  backbone: Backbone;
  /** The node whose output the backbone reads: the input, or the transform's padded image. */
  image: string;
  /** The detection transform's nodes, when the model has one. */
  transform: { resize: string; pad: string } | null;
  /** Region counts the RoI heads run on, when the model has RoI heads. */
  regions: { proposals: number; detections: number | null } | null;
}

/** Where the ResNet trunk sits in torchvision's module tree for this kind of model. */
function bodyPrefix(cfg: ModelConfig): string {
  if (cfg.neck === 'fpn') return 'backbone.body.';
  if (cfg.head === 'fcn' || cfg.head === 'deeplabv3' || MMSEG_HEADS.includes(cfg.head)) return 'backbone.';
  return '';
}

function buildTransform(b: GraphBuilder, cfg: ModelConfig, input: string): BuiltModel['transform'] {
  if (cfg.transform === 'none') return null;
  b.group({
    path: 'transform',
    label: `resize to ${cfg.minSize} / ${cfg.maxSize}, pad to a multiple of ${cfg.sizeDivisible}`
  });
  const rounding = cfg.transform === 'detectron2' ? 'nearest' : 'floor';
  const attrs = { minSize: cfg.minSize, maxSize: cfg.maxSize, rounding } as const;
  const resize = b.add('transform/resize', 'resize', attrs, [input]);
  const pad = b.add('transform/pad', 'padto', { divisor: cfg.sizeDivisible }, [resize]);
  return { resize, pad };
}

export function buildModel(config: ModelConfig): BuiltModel {
  const cfg = resolveDepth(config);
  const b = new GraphBuilder();
  const input = b.add('input', 'input', { channels: cfg.inChannels }, [], 'input');
  b.group({ path: 'input', label: 'input image' });
  const transform = buildTransform(b, cfg, input);
  const image: FeatureSpec = { node: transform?.pad ?? input, channels: cfg.inChannels, stride: 1 };
  const prefix = bodyPrefix(cfg);
  const backbone = buildResNet(b, cfg, image.node, prefix);
  const pyramid = cfg.neck === 'fpn' ? buildFpn(b, cfg, backbone.features) : [];
  const fcModule = backboneNames(cfg, prefix).fc();
  HEADS[cfg.head]?.(b, { cfg, image, backbone, levels: pyramid, fcModule });
  const roi = ROI_HEADS.includes(cfg.head);
  const graph = b.build();
  markFrozen(graph, cfg);
  return {
    config: cfg,
    graph,
    levels: pyramid.map((l) => l.name),
    pyramid,
    backbone,
    image: image.node,
    transform,
    regions: roi
      ? { proposals: cfg.proposals, detections: cfg.head === 'fasterrcnn' ? null : cfg.detections }
      : null
  };
}
