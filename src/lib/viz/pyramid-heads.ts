/**
 * The parts of the pyramid overview that whole models add, as layout data: the detection transform's
 * resized and padded tensors after the input, each level's head outputs in a row under the pyramid
 * (RPN objectness and box deltas, RetinaNet and FCOS class, box and centerness maps, channels read as
 * A x K), and the RoI branch in lanes under that (R proposals -> RoIAlign -> box head -> class and box
 * outputs; D detections -> the mask or keypoint branch). Positions only; pyramid-render draws them.
 */
import type { Shape } from '../core/types';
import type { Analysis } from '../models/analyze';
import { anchorsPerLocation } from '../models/heads/context';
import { levelRange, replicas } from '../models/replicas';
import { perLevelTap } from '../models/taps';
import { regionText } from '../models/whole';
import type { PyrBlock, PyrCaption, PyrLink } from './pyramid-layout';

export const HEAD_GAP = 96;
export const LANE_H = 130;
const OUT_GAP = 6;

/** Short names of the per-level head outputs (torchvision's variable names are the tap names). */
const SHORT: Record<string, string> = {
  objectness: 'obj',
  pred_bbox_deltas: 'deltas',
  cls_logits: 'cls',
  bbox_regression: 'box',
  bbox_ctrness: 'ctr'
};

export interface Placer {
  /** A block at a centre; its height from the spatial size and width from the channels. */
  block(id: string, node: string, row: PyrBlock['row'], cx: number, cy: number): PyrBlock | null;
  shape(node: string): Shape | null;
}

/** Per-level head taps of the analysis: level -> [{tap, family, node}] in graph order. */
export function levelOutputs(a: Analysis): Map<string, Array<{ tap: string; family: string; node: string }>> {
  const out = new Map<string, Array<{ tap: string; family: string; node: string }>>();
  for (const [tap, node] of Object.entries(a.model.graph.taps)) {
    const lv = perLevelTap(tap);
    if (!lv) continue;
    const list = out.get(lv.level) ?? [];
    list.push({ tap, family: lv.family, node });
    out.set(lv.level, list);
  }
  return out;
}

/** "cls 819 = 9×91": a head output's channels as anchors per location times outputs per anchor. */
export function factorLabel(family: string, channels: number, anchors: number): string {
  const name = SHORT[family] ?? family;
  return anchors > 0 && channels % anchors === 0
    ? `${name} ${channels} = ${anchors}×${channels / anchors}`
    : `${name} ${channels}`;
}

/**
 * The head row: under each level's column, its outputs side by side (one block each, so each is
 * selectable), the spatial size and the channel factors below, and the head's name at the left.
 */
export function layoutHeadRow(
  a: Analysis,
  levelX: Map<string, number>,
  headMid: number,
  rowH: number,
  place: Placer,
  blocks: PyrBlock[],
  links: PyrLink[],
  captions: PyrCaption[]
): boolean {
  const outputs = levelOutputs(a);
  if (!outputs.size) return false;
  const anchors = anchorsPerLocation(a.model.config);
  const top = headMid - rowH / 2;
  for (const [level, list] of outputs) {
    const cx = levelX.get(level);
    if (cx === undefined) continue;
    const placed = list
      .map((o) => place.block(o.tap, o.node, 'head', 0, headMid))
      .filter((b): b is PyrBlock => !!b);
    const width = placed.reduce((s, b) => s + b.w, 0) + OUT_GAP * (placed.length - 1);
    let x = cx - width / 2;
    for (const b of placed) {
      b.x = x;
      b.band = [top, top + rowH];
      b.quiet = true;
      x += b.w + OUT_GAP;
    }
    links.push({ id: `${level}->${list[0].tap}`, source: level, target: list[0].tap, kind: 'head' });
    const s = place.shape(list[0].node);
    captions.push({
      id: `head-shape-${level}`,
      x: cx,
      y: top + rowH + 16,
      text: s ? `${s[2]}×${s[3]}` : 'no shape',
      anchor: 'middle',
      cls: 'shape'
    });
    list.forEach((o, i) => {
      const sh = place.shape(o.node);
      captions.push({
        id: `head-ch-${o.tap}`,
        x: cx,
        y: top + rowH + 30 + 13 * i,
        text: sh ? factorLabel(o.family, sh[1], anchors) : `${SHORT[o.family] ?? o.family} n/a`,
        anchor: 'middle',
        cls: 'factor'
      });
    });
  }
  // The row's legend, at the left where the backbone columns leave room: what the head is, that
  // its weights are shared, and how to read the channel counts.
  const set = replicas(a.model.graph).sets.find((s) => outputs.has(s.levels[0]));
  const families = [...new Set([...outputs.values()].flat().map((o) => o.family))];
  const lines = [
    set ? set.name : 'Head outputs per level',
    set ? `one set of weights on ${levelRange(set.levels)}` : '',
    ...families.map((f) => `${SHORT[f] ?? f} = ${f}`),
    `channels = A × outputs per anchor, A = ${anchors}`
  ].filter(Boolean);
  lines.forEach((text, i) =>
    captions.push({
      id: `head-title-${i}`,
      x: 8,
      y: top + 12 + 15 * i,
      text,
      anchor: 'start',
      cls: i === 0 ? 'row-title' : 'factor'
    })
  );
  return true;
}

/** The lanes of the RoI branch, in the order they are drawn. */
const LANES: Array<{ pool: string; head: string; outs: string[]; label: string }> = [
  { pool: 'box_roi_pool', head: 'box_head', outs: ['class_logits', 'box_regression'], label: 'box' },
  { pool: 'mask_roi_pool', head: 'mask_head', outs: ['mask_logits'], label: 'mask' },
  { pool: 'keypoint_roi_pool', head: 'keypoint_head', outs: ['keypoint_logits'], label: 'keypoint' }
];

/**
 * The RoI branch under the head row: one lane per RoIAlign (box on R proposals; mask or keypoint on D
 * detections), each RoIAlign -> head -> outputs, with the region count at the lane's start. Returns
 * the bottom of the last lane (or `top` when the model has no RoI heads).
 */
export function layoutRoiLanes(
  a: Analysis,
  top: number,
  x0: number,
  place: Placer,
  blocks: PyrBlock[],
  links: PyrLink[],
  captions: PyrCaption[]
): number {
  const taps = a.model.graph.taps;
  const regions = a.model.regions;
  if (!regions) return top;
  let y = top;
  const col = 170;
  captions.push(
    {
      id: 'roi-title',
      x: 8,
      y: y + 2,
      text: `RoI heads, per region: ${regionText(regions)} per image`,
      anchor: 'start',
      cls: 'row-title'
    },
    {
      id: 'roi-sub',
      x: 8,
      y: y + 17,
      text: `batch = N × regions; RoIAlign pools each region from one of ${roiLevels(a)}`,
      anchor: 'start',
      cls: 'factor'
    }
  );
  y += 30;
  for (const lane of LANES) {
    const poolNode = taps[lane.pool];
    if (!poolNode) continue;
    const node = a.model.graph.nodes.find((n) => n.id === poolNode);
    const source = node?.op === 'roialign' ? node.attrs.source : 'proposals';
    const count = source === 'proposals' ? regions.proposals : (regions.detections ?? 0);
    const mid = y + LANE_H / 2;
    captions.push({
      id: `roi-count-${lane.label}`,
      x: x0,
      y: mid - 4,
      text: `${source === 'proposals' ? 'R' : 'D'} = ${count} ${source}`,
      anchor: 'start',
      cls: 'count'
    });
    captions.push({
      id: `roi-count-sub-${lane.label}`,
      x: x0,
      y: mid + 10,
      text: source === 'proposals' ? 'kept by the RPN →' : 'kept after the box head →',
      anchor: 'start',
      cls: 'factor'
    });
    let prev = '';
    let cx = x0 + 150 + col / 2 - 40;
    for (const id of [lane.pool, lane.head]) {
      const n = taps[id];
      if (!n) continue;
      const b = place.block(id, n, 'roi', cx, mid);
      if (!b) continue;
      b.band = [b.y, b.y + b.h];
      b.shapeText = `${source === 'proposals' ? 'R' : 'D'} × ${shapeText(place.shape(n))}`;
      if (prev) links.push({ id: `${prev}->${id}`, source: prev, target: id, kind: 'roi' });
      prev = id;
      cx += col;
    }
    const outs = lane.outs.filter((o) => taps[o]);
    outs.forEach((o, i) => {
      const offset = (i - (outs.length - 1) / 2) * 42;
      const b = place.block(o, taps[o], 'branch', cx - 30, mid + offset);
      if (!b) return;
      b.shapeText = `${source === 'proposals' ? 'R' : 'D'} × ${shapeText(place.shape(taps[o]))}`;
      if (prev) links.push({ id: `${prev}->${o}`, source: prev, target: o, kind: 'roi' });
    });
    y += LANE_H;
  }
  return y;
}

/** The levels the RoIAlign nodes read ("P2–P5"), from their inputs. */
function roiLevels(a: Analysis): string {
  const pool = a.model.graph.nodes.find((n) => n.op === 'roialign');
  const byNode = new Map(a.model.pyramid.map((l) => [l.node, l.name]));
  const names = (pool?.inputs ?? []).map((i) => byNode.get(i)).filter((n): n is string => !!n);
  return names.length ? levelRange(names) : 'the pyramid levels';
}

const shapeText = (s: Shape | null) => (s ? `${s[1]}×${s[2]}×${s[3]}` : 'n/a');

/** The transform's resized and padded tensors, as two more columns on the main line after the input. */
export const TRANSFORM_BLOCKS = [
  { id: 'resized', key: 'resize' },
  { id: 'padded', key: 'pad' }
] as const;
