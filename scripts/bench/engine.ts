/**
 * Engine benchmark: build + infer, as every config change does, and infer alone (an input-size tick
 * reuses the graph), at 800x1333 for the ResNet-152 + FPN backbone and for the largest whole model
 * (the preset with the most nodes, heads included).
 */
import { analyze } from '../../src/lib/models/analyze';
import { buildModel } from '../../src/lib/models/build';
import { PRESETS } from '../../src/lib/models/presets';
import { resolveConfig } from '../../src/lib/models/resolve';
import { median, timeIt } from './stats';

export interface EngineBench {
  case: string;
  nodes: number;
  buildAndInferMs: number;
  inferOnlyMs: number;
  targetMs: number;
}

function bench(label: string, preset: string, overrides: Array<[string, string]>): EngineBench {
  const r = resolveConfig(preset, '800x1333', overrides);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const { config, input } = r.value;
  const model = buildModel(config);
  const full = timeIt(() => analyze(config, input));
  const inferOnly = timeIt(() => analyze(config, input, model));
  return {
    case: `${label} at 800x1333`,
    nodes: model.graph.nodes.length,
    buildAndInferMs: median(full),
    inferOnlyMs: median(inferOnly),
    targetMs: 2
  };
}

/** The whole model (a detection or segmentation head on the backbone) with the most nodes. */
export function largestWholeModel(): string {
  const wholes = PRESETS.filter((p) => !['none', 'classifier'].includes(presetOf(p.id).head));
  const sizes = wholes.map((p) => ({ id: p.id, nodes: buildModel(presetOf(p.id)).graph.nodes.length }));
  return sizes.sort((a, b) => b.nodes - a.nodes)[0].id;
}

export function benchEngine(): EngineBench[] {
  const whole = largestWholeModel();
  return [
    bench('ResNet-152 + FPN (P2-P6, anchors)', 'fasterrcnn_resnet50_fpn_backbone', [['depth', '152']]),
    bench(`largest whole model (${whole}, heads included)`, whole, [])
  ];
}

function presetOf(id: string) {
  const r = resolveConfig(id, null, []);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value.config;
}
