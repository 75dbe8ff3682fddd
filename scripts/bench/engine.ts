/**
 * Engine benchmark: build + infer the largest preset (ResNet-152 + FPN, Faster R-CNN neck and anchors,
 * 800x1333), as every slider tick would, and infer alone (an input-size tick reuses the graph).
 */
import { analyze } from '../../src/lib/models/analyze';
import { buildModel } from '../../src/lib/models/build';
import { resolveConfig } from '../../src/lib/models/resolve';
import { median, timeIt } from './stats';

export interface EngineBench {
  case: string;
  nodes: number;
  buildAndInferMs: number;
  inferOnlyMs: number;
  targetMs: number;
}

export function benchEngine(): EngineBench {
  const r = resolveConfig('fasterrcnn_resnet50_fpn_backbone', '800x1333', [['depth', '152']]);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const { config, input } = r.value;
  const model = buildModel(config);
  const full = timeIt(() => analyze(config, input));
  const inferOnly = timeIt(() => analyze(config, input, model));
  return {
    case: 'ResNet-152 + FPN (P2-P6, anchors) at 800x1333',
    nodes: model.graph.nodes.length,
    buildAndInferMs: median(full),
    inferOnlyMs: median(inferOnly),
    targetMs: 2
  };
}
