/**
 * Graph -> PyTorch state_dict key names. Every parameterised node records its module path as the
 * source framework names it (`node.module`, set by the builders: models/names.ts for the trunk,
 * models/fpn.ts and models/heads/ for the rest), so a key is that path plus the tensor's name. This
 * covers torchvision's ResNets, ResNeXts and Wide ResNets (mmcv's names for the caffe placement and
 * ResNetV1d), its detectors (`backbone.body.*`, `backbone.fpn.*`, `rpn.head.*`, `roi_heads.*`,
 * `head.*`) and segmenters (`backbone.*`, `classifier.*`, `aux_classifier.*`), and pspnet_r50 as
 * scripts/fixtures/golden_models.py's PSPNet names it (docs/weights.md). A node that shares an earlier
 * node's module (a head applied to every pyramid level) has no keys of its own: it reads the first
 * node's tensors. Keys are "canonical" here; prefix.ts finds how a checkpoint's keys are prefixed.
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
  /** Canonical prefix of the ResNet body (where `conv1.weight` lives): '', 'backbone.' or 'backbone.body.'. */
  bodyPrefix: string;
  /** Canonical key prefixes of whole-model parts the graph does not draw (reported, not loaded). */
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
    return "TF-slim and pre-activation ResNets have no torchvision checkpoint layout; weights can be loaded for torchvision-style ResNets, torchvision's detectors and segmenters, and PSPNet";
  }
  if (cfg.neck === 'fpn' && cfg.fpnSmooth === 'noTop') {
    return "seed 000's FPN (no smoothing on the top level) has no torchvision checkpoint layout";
  }
  return null;
}

const AFFINE_ROLES: Array<[WeightRole, string]> = [
  ['gamma', 'weight'],
  ['beta', 'bias']
];
const WEIGHT: Array<[WeightRole, string]> = [['weight', 'weight']];
const WEIGHT_BIAS: Array<[WeightRole, string]> = [...WEIGHT, ['bias', 'bias']];

/** Top-level modules of torchvision's whole models; a checkpoint's keys under ones the graph lacks are ignored. */
const WHOLE_MODEL_PARTS = [
  'rpn.',
  'roi_heads.',
  'head.',
  'classifier.',
  'aux_classifier.',
  'anchor_generator.'
];

function rolesOf(node: GraphNode): Array<[WeightRole, string]> {
  switch (node.op) {
    case 'batchnorm': // FrozenBatchNorm2d holds the same four tensors (as buffers), without num_batches_tracked
      return BN_ROLES;
    case 'groupnorm':
      return AFFINE_ROLES;
    case 'conv2d':
    case 'linear':
    case 'convtranspose2d':
      return node.attrs.bias ? WEIGHT_BIAS : WEIGHT;
    default:
      return [];
  }
}

/** Where the ResNet trunk's stem sits: the stem conv's module without its own name ('conv1', 'stem.0'). */
function trunkPrefix(graph: Graph): string {
  const stem = graph.nodes.find((n) => n.id === 'stem/conv1')?.module ?? '';
  return stem.replace(/(conv1|stem\.0)$/, '');
}

/** Throws (with a message for the user) when a parameterised node has no known key. */
export function torchvisionLayout(graph: Graph, cfg: ModelConfig): KeyLayout {
  const reason = unsupportedReason(cfg);
  if (reason) throw new Error(reason);
  const bindings: KeyBinding[] = [];
  for (const node of graph.nodes) {
    const roles = rolesOf(node);
    if (roles.length === 0 || node.sharesWith) continue;
    if (!node.module) throw new Error(`no torchvision key name is known for layer ${node.id}`);
    for (const [role, suffix] of roles)
      bindings.push({ key: `${node.module}.${suffix}`, node: node.id, role });
  }
  const bodyPrefix = trunkPrefix(graph);
  // A whole model's checkpoint may hold parts the graph does not draw (heads=none): listed, not loaded.
  const ignoredPrefixes = bodyPrefix
    ? WHOLE_MODEL_PARTS.filter((p) => !bindings.some((b) => b.key.startsWith(p)))
    : [];
  return { bindings, bodyPrefix, ignoredPrefixes };
}

/** torchvision < 0.13 named FPN convs without the Conv2dNormActivation `.0`: accept both. */
export function legacyFpnKey(key: string): string | null {
  const m = /^(.*fpn\.(?:inner|layer)_blocks\.\d+)\.0\.(weight|bias)$/.exec(key);
  return m ? `${m[1]}.${m[2]}` : null;
}
