/**
 * What a whole detector adds to the numbers a reader sees first: the detection transform's sizes
 * (the image as given, resized, padded) and what the RoI heads cost at the region counts the totals
 * assume. Read from the analysis only (the engine's nodes and statistics), for the summary strip, the
 * pyramid overview, the compare page and the CLI.
 */
import type { Graph, Pair } from '../core/types';
import type { Analysis } from './analyze';
import { levelRange, replicaTitle, replicas } from './replicas';

export interface TransformSizes {
  image: Pair;
  resized: Pair;
  padded: Pair;
}

/** The transform's three sizes, or null without a transform (or where a size could not be computed). */
export function transformSizes(a: Analysis): TransformSizes | null {
  const t = a.model.transform;
  if (!t) return null;
  const r = a.result.stats.get(t.resize)?.shape;
  const p = a.result.stats.get(t.pad)?.shape;
  if (!r || !p) return null;
  return { image: [a.result.input[2], a.result.input[3]], resized: [r[2], r[3]], padded: [p[2], p[3]] };
}

const hw = (p: Pair) => `${p[0]}×${p[1]}`;

/** "375×500 → 799×1066 → 800×1088". */
export function transformText(t: TransformSizes): string {
  return `${hw(t.image)} → ${hw(t.resized)} → ${hw(t.padded)}`;
}

/** "R = 1000 proposals, D = 100 detections" (D only where a mask or keypoint head reads it). */
export function regionText(regions: { proposals: number; detections: number | null }): string {
  const r = `R = ${regions.proposals} proposal${regions.proposals === 1 ? '' : 's'}`;
  if (regions.detections === null) return r;
  return `${r}, D = ${regions.detections} detection${regions.detections === 1 ? '' : 's'}`;
}

export interface BranchCost {
  /** Which region count the branch runs on. */
  source: 'proposals' | 'detections';
  regions: number;
  params: number;
  macs: number;
}

export interface RoiCost {
  proposals: number;
  detections: number | null;
  params: number;
  macs: number;
  /** Per region count: the box branch on R proposals, the mask or keypoint branch on D detections. */
  branches: BranchCost[];
  /** Fractions of the whole model's totals (0 when the total is 0). */
  share: { params: number; macs: number };
}

const regionNodesCache = new WeakMap<Graph, Map<string, 'proposals' | 'detections'>>();

/**
 * Every node that runs per region: a RoIAlign and everything downstream of it, tagged with the count
 * its batch follows (the RoIAlign's source).
 */
export function regionNodes(graph: Graph): Map<string, 'proposals' | 'detections'> {
  const hit = regionNodesCache.get(graph);
  if (hit) return hit;
  const out = new Map<string, 'proposals' | 'detections'>();
  for (const n of graph.nodes) {
    if (n.op === 'roialign') out.set(n.id, n.attrs.source);
    else {
      const src = n.inputs.map((i) => out.get(i)).find((s) => s);
      if (src) out.set(n.id, src);
    }
  }
  regionNodesCache.set(graph, out);
  return out;
}

/** The RoI heads' parameters and MACs at the model's region counts, or null without RoI heads. */
export function roiCost(a: Analysis): RoiCost | null {
  const regions = a.model.regions;
  if (!regions) return null;
  const branches = new Map<string, BranchCost>();
  let params = 0;
  let macs = 0;
  for (const [id, source] of regionNodes(a.model.graph)) {
    const s = a.result.stats.get(id);
    const b = branches.get(source) ?? {
      source,
      regions: source === 'proposals' ? regions.proposals : (regions.detections ?? 0),
      params: 0,
      macs: 0
    };
    b.params += s?.params ?? 0;
    b.macs += s?.macs ?? 0;
    branches.set(source, b);
    params += s?.params ?? 0;
    macs += s?.macs ?? 0;
  }
  const t = a.result.totals;
  return {
    proposals: regions.proposals,
    detections: regions.detections,
    params,
    macs,
    branches: [...branches.values()],
    share: { params: t.params ? params / t.params : 0, macs: t.macs ? macs / t.macs : 0 }
  };
}

export interface SharedHeadCost {
  /** "RPN head ×5: P2–P6". */
  name: string;
  levels: string[];
  /** Parameters held once (by the first level's nodes). */
  params: number;
  /** MACs over every level. */
  macs: number;
}

/** Each head applied to several levels with one set of weights, with what it costs in total. */
export function sharedHeads(a: Analysis): SharedHeadCost[] {
  const graph = a.model.graph;
  return replicas(graph).sets.map((s) => {
    let params = 0;
    let macs = 0;
    for (const n of graph.nodes) {
      if (!n.id.startsWith(s.path + '/')) continue;
      const st = a.result.stats.get(n.id);
      params += st?.params ?? 0;
      macs += st?.macs ?? 0;
    }
    return { name: s.name, levels: s.levels, params, macs };
  });
}

/**
 * The sentence under the totals: which region counts they assume, what each RoI branch costs at its
 * count, and which heads hold one set of weights for several levels. `ops` formats a MAC count (the
 * caller decides MACs or FLOPs and the unit).
 */
export function totalsAssumption(a: Analysis, ops: (macs: number) => string): string | null {
  const roi = roiCost(a);
  const shared = sharedHeads(a);
  if (!roi && !shared.length) return null;
  const parts = ['Totals are the whole model'];
  if (roi) {
    const detName = a.model.config.head === 'keypointrcnn' ? 'keypoint branch' : 'mask branch';
    const per = roi.branches
      .map((b) =>
        b.source === 'proposals'
          ? `box branch ${ops(b.macs)} on ${b.regions} proposals`
          : `${detName} ${ops(b.macs)} on ${b.regions} detections`
      )
      .join(', ');
    parts[0] += `, with the RoI heads at ${regionText(roi)} per image (${per})`;
  }
  for (const h of shared)
    parts.push(`${h.name}: one set of weights for ${levelRange(h.levels)}, its MACs counted on every level`);
  return parts.join('. ') + '.';
}

export interface PartCost {
  /** `backbone`, or a top-level group of the graph: `neck`, `rpn`, `head`, `roi_heads`, `aux`, `ppm`. */
  part: string;
  /** "backbone", "FPN", "RPN head", "RoI heads": the group's label without its details. */
  label: string;
  /** The group's full label (the design: "FPN (P2-P6, 256 channels)"). */
  detail: string;
  params: number;
  macs: number;
  /** Labels of the part's sub-groups (the box head's design, a shared head's levels). */
  components: string[];
}

const isBackbone = (top: string) => top === 'stem' || /^C\d+$/.test(top);

/**
 * The whole model's totals split by part: the backbone, the neck and each head. The input and the
 * transform hold no weights and no MACs, so they are left out; the parts sum to the totals.
 */
export function partCosts(a: Analysis): PartCost[] {
  const graph = a.model.graph;
  const labels = new Map(graph.groups.map((g) => [g.path, g.label]));
  const sets = new Map(replicas(graph).sets.map((s) => [s.path, s]));
  const parts = new Map<string, PartCost>();
  for (const n of graph.nodes) {
    const top = n.id.split('/')[0];
    if (top === 'input' || top === 'transform') continue;
    const part = isBackbone(top) ? 'backbone' : top;
    let p = parts.get(part);
    if (!p) {
      const detail = part === 'backbone' ? 'ResNet trunk (stem, C2-C5)' : (labels.get(part) ?? part);
      const set = sets.get(part);
      const children = graph.groups
        .filter((g) => g.path.startsWith(part + '/') && !g.path.slice(part.length + 1).includes('/'))
        .map((g) => g.label);
      p = {
        part,
        label: part === 'backbone' ? 'backbone' : (set?.name ?? detail.split(/ \(|, /)[0]),
        detail,
        params: 0,
        macs: 0,
        components: set ? [replicaTitle(set)] : part === 'backbone' ? [] : children
      };
      parts.set(part, p);
    }
    const s = a.result.stats.get(n.id);
    p.params += s?.params ?? 0;
    p.macs += s?.macs ?? 0;
  }
  return [...parts.values()];
}
