/**
 * Graph node id -> PyTorch state_dict key names, for the models whose PyTorch modules we know:
 * - torchvision ResNet-18..152 (any placement whose module names match: torchvision, mmcv style='caffe'),
 *   and mmcv's ResNetV1d naming for the deep stem and avg-down shortcuts;
 * - the backbone of fasterrcnn_resnet50_fpn / retinanet_resnet50_fpn(_v2): `backbone.body.*` (the ResNet
 *   without fc) and `backbone.fpn.*` (FeaturePyramidNetwork, torchvision >= 0.13 names with `.0.`);
 * - pspnet_r50 as scripts/fixtures/golden_models.py's PSPNet module names it (docs/weights.md).
 * Keys are "canonical" here; match.ts finds how a checkpoint's keys are prefixed relative to them.
 */
import type { Graph, GraphNode } from '../core/types';
import type { WeightRole } from '../exec/weights';
import type { ModelConfig } from '../models/config';

export interface KeyBinding {
  key: string;
  node: string;
  role: WeightRole;
}

export interface KeyLayout {
  bindings: KeyBinding[];
  /** Canonical prefix of the ResNet body (where `conv1.weight` lives): '', or 'backbone.body.'. */
  bodyPrefix: string;
  /** Canonical key prefixes of detection/segmentation parts the graph does not draw (reported, not loaded). */
  ignoredPrefixes: string[];
}

const BN_ROLES: Array<[WeightRole, string]> = [
  ['gamma', 'weight'],
  ['beta', 'bias'],
  ['mean', 'running_mean'],
  ['var', 'running_var']
];

/** Why a config has no torchvision naming, or null when it has one. */
export function unsupportedReason(cfg: ModelConfig): string | null {
  if (cfg.preact || cfg.style === 'slim') {
    return 'TF-slim and pre-activation ResNets have no torchvision checkpoint layout; weights can be loaded for torchvision-style ResNets, the Faster R-CNN / RetinaNet FPN backbones and PSPNet';
  }
  if (cfg.neck === 'fpn' && cfg.fpnSmooth === 'noTop') {
    return "seed 000's FPN (no smoothing on the top level) has no torchvision checkpoint layout";
  }
  return null;
}

/** Module name of a backbone node (before `.weight`), or null when the node is not a backbone layer. */
function bodyModule(id: string, cfg: ModelConfig, has: (id: string) => boolean): string | null {
  let m = /^stem\/(conv|bn)(\d)$/.exec(id);
  if (m) {
    if (cfg.stem !== 'deep') return m[1] === 'conv' ? 'conv1' : 'bn1';
    // mmcv ResNetV1d: stem = Sequential(conv, bn, relu) x 3
    return `stem.${(Number(m[2]) - 1) * 3 + (m[1] === 'conv' ? 0 : 1)}`;
  }
  m = /^C(\d)\/unit(\d+)\/(conv|bn)(\d)$/.exec(id);
  if (m) return `layer${Number(m[1]) - 1}.${Number(m[2]) - 1}.${m[3]}${m[4]}`;
  m = /^C(\d)\/unit(\d+)\/shortcut\/(conv|bn)$/.exec(id);
  if (m) {
    // With avg-down, mmcv's strided downsample is Sequential(AvgPool2d, conv, bn).
    const base = has(`C${m[1]}/unit${m[2]}/shortcut/avgpool`) ? 1 : 0;
    return `layer${Number(m[1]) - 1}.${Number(m[2]) - 1}.downsample.${base + (m[3] === 'conv' ? 0 : 1)}`;
  }
  return null;
}

function neckModule(id: string, levels: string[]): string | null {
  const m = /^neck\/(P\d)\/(lateral|smooth|conv)$/.exec(id);
  if (!m) return null;
  if (m[2] === 'conv') return `fpn.extra_blocks.${m[1] === levels[levels.length - 1] ? 'p7' : 'p6'}`;
  const i = levels.indexOf(m[1]);
  return `fpn.${m[2] === 'lateral' ? 'inner_blocks' : 'layer_blocks'}.${i}.0`;
}

function headModule(id: string, cfg: ModelConfig): string | null {
  if (id === 'head/fc') return 'fc';
  const bins = /^ppm\/bin(\d+)\/(conv|bn)$/.exec(id);
  if (bins) return `ppm.${cfg.bins.indexOf(Number(bins[1]))}.${bins[2] === 'conv' ? 1 : 2}`;
  const names: Record<string, string> = {
    'head/conv': 'cls_conv.0',
    'head/bn': 'cls_conv.1',
    'head/cls': 'cls',
    'aux/conv': 'aux.0',
    'aux/bn': 'aux.1',
    'aux/cls': 'aux.4'
  };
  return names[id] ?? null;
}

function rolesOf(node: GraphNode): Array<[WeightRole, string]> {
  if (node.op === 'batchnorm') return BN_ROLES;
  if (node.op === 'conv2d' || node.op === 'linear') {
    return node.attrs.bias
      ? [
          ['weight', 'weight'],
          ['bias', 'bias']
        ]
      : [['weight', 'weight']];
  }
  return [];
}

/** Throws (with a message for the user) when a parameterised node has no known key. */
export function torchvisionLayout(graph: Graph, cfg: ModelConfig, levels: string[]): KeyLayout {
  const reason = unsupportedReason(cfg);
  if (reason) throw new Error(reason);
  const detection = cfg.neck === 'fpn';
  const bodyPrefix = detection ? 'backbone.body.' : '';
  const bindings: KeyBinding[] = [];
  const ids = new Set(graph.nodes.map((n) => n.id));
  const has = (id: string) => ids.has(id);
  for (const node of graph.nodes) {
    const roles = rolesOf(node);
    if (roles.length === 0) continue;
    let module = bodyModule(node.id, cfg, has);
    if (module !== null) module = bodyPrefix + module;
    else if (node.id.startsWith('neck/')) {
      const n = neckModule(node.id, levels);
      module = n && `backbone.${n}`;
    } else module = headModule(node.id, cfg);
    if (module === null) throw new Error(`no torchvision key name is known for layer ${node.id}`);
    for (const [role, suffix] of roles) bindings.push({ key: `${module}.${suffix}`, node: node.id, role });
  }
  const ignoredPrefixes = detection ? ['rpn.', 'roi_heads.', 'head.', 'anchor_generator.'] : [];
  return { bindings, bodyPrefix, ignoredPrefixes };
}

/** torchvision < 0.13 named FPN convs without the Conv2dNormActivation `.0`: accept both. */
export function legacyFpnKey(key: string): string | null {
  const m = /^(.*fpn\.(?:inner|layer)_blocks\.\d+)\.0\.(weight|bias)$/.exec(key);
  return m ? `${m[1]}.${m[2]}` : null;
}
