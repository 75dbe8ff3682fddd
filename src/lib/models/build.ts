/** Config -> graph: the only place that decides which builders run. */
import { GraphBuilder } from '../core/graph';
import type { Graph } from '../core/types';
import { type ModelConfig, resolveDepth } from './config';
import { buildFpn } from './fpn';
import { buildClassifier, buildPspHead } from './heads';
import { buildResNet, stageChannels, tapStrides } from './resnet';

export interface BuiltModel {
  config: ModelConfig;
  graph: Graph;
  /** Pyramid level taps in order (empty without a neck). */
  levels: string[];
  /** Nominal stride per tap, from the placement alone. */
  strides: Record<string, number>;
}

export function buildModel(config: ModelConfig): BuiltModel {
  const cfg = resolveDepth(config);
  const b = new GraphBuilder();
  const input = b.add('input', 'input', { channels: cfg.inChannels }, [], 'input');
  b.group({ path: 'input', label: 'input image' });
  const backbone = buildResNet(b, cfg, input);
  const strides = tapStrides(cfg);
  let levels: string[] = [];
  if (cfg.neck === 'fpn') levels = buildFpn(b, cfg, backbone.taps, strides).levels;
  if (cfg.head === 'classifier') buildClassifier(b, cfg, backbone.out);
  if (cfg.head === 'pspnet') buildPspHead(b, cfg, input, backbone.out, backbone.taps.C4, stageChannels(cfg));
  return { config: cfg, graph: b.build(), levels, strides };
}
