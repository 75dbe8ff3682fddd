/**
 * What builders hand each other, in the spirit of detectron2's `Backbone.output_shape()`: a named
 * feature is a node with its channels and nominal stride, all known before any input size is.
 * Necks and heads read these, never a parallel table of channels or strides.
 */
import type { GraphBuilder } from '../core/graph';
import type { Norm } from './config';

export interface FeatureSpec {
  node: string;
  channels: number;
  /** Nominal stride relative to the network's input tensor. */
  stride: number;
}

/** A pyramid level: its name (P3) and the feature it is. */
export interface Level extends FeatureSpec {
  name: string;
  /** Made by the neck's extra block (Faster R-CNN's pool, RetinaNet's P6/P7), not from a backbone stage. */
  extra?: boolean;
}

/** GroupNorm's group count wherever torchvision uses it (RetinaNet v2 and FCOS heads, norm=gn). */
export const GN_GROUPS = 32;

/** The normalisation layer after a conv, as `norm` says: BatchNorm2d, FrozenBatchNorm2d or GroupNorm. */
export function addNorm(b: GraphBuilder, norm: Norm, id: string, x: string, module: string): string {
  if (norm === 'gn') return b.add(id, 'groupnorm', { groups: GN_GROUPS }, [x], undefined, module);
  return b.add(id, 'batchnorm', norm === 'frozen' ? { frozen: true } : {}, [x], undefined, module);
}
