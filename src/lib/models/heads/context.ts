/** What every head builder reads: the config, the backbone's features and the pyramid's levels. */
import type { GraphBuilder } from '../../core/graph';
import type { ModelConfig } from '../config';
import type { FeatureSpec, Level } from '../features';
import type { Backbone } from '../resnet';

export interface HeadContext {
  cfg: ModelConfig;
  /** The tensor the backbone reads (the input, or the detection transform's padded image). */
  image: FeatureSpec;
  backbone: Backbone;
  /** Pyramid levels, shallowest first; empty without a neck. */
  levels: Level[];
  /** The classifier's fc module path under the backbone's naming. */
  fcModule: string;
}

export type HeadBuilder = (b: GraphBuilder, ctx: HeadContext) => void;

/** Anchors per location, as torchvision's AnchorGenerator.num_anchors_per_location() gives them. */
export function anchorsPerLocation(cfg: ModelConfig): number {
  return cfg.anchorScales.length * cfg.anchorRatios.length;
}
