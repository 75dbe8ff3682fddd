/**
 * Which parameters train: torchvision's trainable_backbone_layers (`trainableLayers`). The backbone
 * body's parts, latest first, are layer4 (C5), layer3, layer2, layer1 and the stem (conv1 with bn1);
 * the first `trainableLayers` of them train and the rest get requires_grad=False, as
 * `_resnet_fpn_extractor` does. torchvision lets bn1 train only at 5, together with conv1, so the
 * stem is one part here (a deep stem's three convs and norms included). Everything outside the body
 * (neck, heads, the classifier's fc) always trains.
 */
import type { Graph, GraphNode } from '../core/types';
import type { ModelConfig } from './config';

/** The body's parts in torchvision's order (`layers_to_train`), as the graph's top-level groups. */
export const TRAIN_ORDER = ['C5', 'C4', 'C3', 'C2', 'stem'] as const;

/** The frozen parts of the body: the graph groups whose parameters do not train. */
export function frozenParts(cfg: Pick<ModelConfig, 'trainableLayers'>): string[] {
  return TRAIN_ORDER.slice(cfg.trainableLayers);
}

/** Marks every module node of a frozen part (a pre-activation net's post-norm belongs to C5). */
export function markFrozen(graph: Graph, cfg: Pick<ModelConfig, 'trainableLayers'>): void {
  const frozen = new Set(frozenParts(cfg));
  if (frozen.size === 0) return;
  for (const n of graph.nodes) if (n.module && frozen.has(n.id.split('/')[0])) n.noGrad = true;
}

/** Whether a node's own parameters (if any) train. */
export const trains = (n: GraphNode): boolean => !n.noGrad;

const frozenByGraph = new WeakMap<Graph, Set<string>>();

/** The ids of the nodes whose parameters do not train (one set per graph, for lookups by id). */
export function frozenNodes(graph: Graph): Set<string> {
  let ids = frozenByGraph.get(graph);
  if (!ids) frozenByGraph.set(graph, (ids = new Set(graph.nodes.filter((n) => !trains(n)).map((n) => n.id))));
  return ids;
}

const PART_TEXT: Record<string, string> = {
  stem: 'the stem',
  C2: 'C2 (layer1)',
  C3: 'C3 (layer2)',
  C4: 'C4 (layer3)',
  C5: 'C5 (layer4)'
};

/** What the config freezes, in the user's terms: "the stem and C2 (layer1) are frozen". */
export function frozenPartsText(cfg: Pick<ModelConfig, 'trainableLayers'>): string {
  const parts = frozenParts(cfg)
    .reverse()
    .map((p) => PART_TEXT[p]);
  if (parts.length === 0) return 'every layer trains';
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} ${parts.length === 1 ? 'is' : 'are'} frozen`;
}

/** "trainableLayers=3: the stem and C2 (layer1) are frozen" */
export const frozenText = (cfg: Pick<ModelConfig, 'trainableLayers'>): string =>
  `trainableLayers=${cfg.trainableLayers}: ${frozenPartsText(cfg)}`;
