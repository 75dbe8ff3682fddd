/**
 * Short "what is this" texts for the building blocks a selected layer belongs to, one place for all of
 * them, and which of them apply to a node id or group path (most specific first). Plain words for a
 * newcomer; each names the paper that introduced the block.
 */
import type { Graph } from '../core/types';
import type { ModelConfig } from '../models/config';

export type BlockTerm =
  'basic' | 'bottleneck' | 'lateral' | 'topdown' | 'fpn' | 'ppm' | 'aspp' | 'roialign' | 'rpn';

export interface Explanation {
  term: BlockTerm;
  /** The question the disclosure asks: "What is a bottleneck?". */
  title: string;
  text: string;
  source: string;
}

export const EXPLANATIONS: Record<BlockTerm, Explanation> = {
  basic: {
    term: 'basic',
    title: 'What is a basic block?',
    text: "The residual unit of ResNet-18 and ResNet-34: two 3×3 convolutions, each followed by batch norm, and the unit's input added back before the last ReLU (the shortcut). The unit only has to learn a correction to its input, which is what lets very deep networks train. Where the unit halves the resolution or changes the width, a strided 1×1 convolution reshapes the input for the addition.",
    source: 'He et al., Deep Residual Learning for Image Recognition, CVPR 2016'
  },
  bottleneck: {
    term: 'bottleneck',
    title: 'What is a bottleneck?',
    text: 'The residual unit of ResNet-50 and deeper: a 1×1 convolution narrows the channels to a quarter, a 3×3 convolution works at that width, and a 1×1 convolution widens them four times back; the unit\'s input is added back before the last ReLU. It buys depth for a fraction of the cost of two wide 3×3 convolutions. torchvision puts a unit\'s stride on the 3×3 ("ResNet v1.5"); the paper put it on the first 1×1.',
    source: 'He et al., Deep Residual Learning for Image Recognition, CVPR 2016'
  },
  lateral: {
    term: 'lateral',
    title: 'What is a lateral connection?',
    text: "A 1×1 convolution that brings one backbone stage (C3, C4, ...) to the pyramid's common width (256 channels in torchvision), so it can be added to the upsampled coarser level. It carries the stage's precise locations into the pyramid.",
    source: 'Lin et al., Feature Pyramid Networks for Object Detection, CVPR 2017'
  },
  topdown: {
    term: 'topdown',
    title: 'What is the top-down pathway?',
    text: "The coarser pyramid level is upsampled to the next finer size (nearest neighbour in torchvision) and added to that stage's lateral, level by level from the top. Deep, semantically strong features thus reach the high-resolution levels; a 3×3 convolution then smooths each sum.",
    source: 'Lin et al., Feature Pyramid Networks for Object Detection, CVPR 2017'
  },
  fpn: {
    term: 'fpn',
    title: 'What is an FPN?',
    text: "A Feature Pyramid Network turns the backbone's stages into one feature map per scale (P2, P3, ... each twice as coarse as the last), all of the same width, through laterals and a top-down pathway. A detector then looks for small objects on the fine levels and large ones on the coarse levels, with the same head.",
    source: 'Lin et al., Feature Pyramid Networks for Object Detection, CVPR 2017'
  },
  ppm: {
    term: 'ppm',
    title: 'What is the pyramid pooling module?',
    text: "PSPNet's context module: the last feature map is average-pooled into 1×1, 2×2, 3×3 and 6×6 bins, each reduced by a 1×1 convolution, upsampled back and concatenated with the map. Every pixel then sees a summary of the whole image and of its sub-regions, which helps label large or ambiguous regions.",
    source: 'Zhao et al., Pyramid Scene Parsing Network, CVPR 2017'
  },
  aspp: {
    term: 'aspp',
    title: 'What is ASPP?',
    text: 'Atrous Spatial Pyramid Pooling (DeepLabv3): parallel 3×3 convolutions with different dilation rates, a 1×1 convolution and an image-wide average pool, concatenated and fused by a 1×1 convolution. Dilation widens what each branch sees without shrinking the map, so the head gathers context at several scales at once.',
    source: 'Chen et al., Rethinking Atrous Convolution for Semantic Image Segmentation, 2017'
  },
  roialign: {
    term: 'roialign',
    title: 'What is RoIAlign?',
    text: 'It cuts each region of interest out of a feature map into a fixed grid (7×7 for the box head, 14×14 for masks and keypoints) by bilinear sampling at exact, unrounded positions, so the heads get the same size for any box. With an FPN (MultiScaleRoIAlign) each box is pooled from the pyramid level that suits its size. Its output batch counts regions, not images.',
    source: 'He et al., Mask R-CNN, ICCV 2017'
  },
  rpn: {
    term: 'rpn',
    title: 'What is the RPN head?',
    text: "The Region Proposal Network's head slides over every pyramid level with the same weights: a 3×3 convolution, then two 1×1 convolutions that, at each location, score each of its anchors as object or background (cls_logits) and predict four offsets that move the anchor onto the object (bbox_pred). The best-scoring boxes become the proposals the RoI heads look at.",
    source: 'Ren et al., Faster R-CNN, NeurIPS 2015'
  }
};

const UNIT = /^C[2-5]\/unit\d+(\/|$)/;

/** The blocks `id` (a node id or a group path) belongs to, most specific first. */
export function explain(id: string, graph: Graph, config: ModelConfig): Explanation[] {
  const terms: BlockTerm[] = [];
  const op = graph.nodes.find((n) => n.id === id)?.op;
  if (UNIT.test(id)) terms.push(config.block === 'basic' ? 'basic' : 'bottleneck');
  if (id === 'neck' || id.startsWith('neck/')) {
    if (/\/lateral$/.test(id)) terms.push('lateral');
    if (/\/(upsample|add)$/.test(id)) terms.push('topdown');
    if (config.neck === 'fpn') terms.push('fpn');
  }
  if (id === 'ppm' || id.startsWith('ppm/')) terms.push('ppm');
  if (/(^|\/)aspp(\/|$)/.test(id)) terms.push('aspp');
  if (op === 'roialign') terms.push('roialign');
  if (id === 'rpn' || id.startsWith('rpn/')) terms.push('rpn');
  return terms.map((t) => EXPLANATIONS[t]);
}
