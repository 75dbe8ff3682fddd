/**
 * The pyramid overview as data: one block per feature map (C1, stem, C2..C5, P levels, PSPNet's
 * branches), its height from the spatial size on a log scale and its width from the channels, so
 * equal resolutions (TF-slim's C4 and C5) are equal heights side by side. Numbers come only from the
 * analysis (tap shapes, anchor summary).
 */
import type { Shape } from '../core/types';
import type { Analysis } from '../models/analyze';
import { formatCount } from '../format';
import { partialAnchors } from '../models/partial';
import { MAIN_LINE_FAMILIES, isPoolingBranch, isStageTap, orderedTaps, tapFamily } from '../models/taps';
import { HEAD_GAP, type Placer, TRANSFORM_BLOCKS, layoutHeadRow, layoutRoiLanes } from './pyramid-heads';

export interface PyrBlock {
  /** Tap name (C1, stem, C2, P3, ppm2, cls, ...) or `input`. */
  id: string;
  node: string;
  shape: Shape | null;
  /** Effective stride relative to the input (from the receptive-field jump), if known. */
  stride: number | null;
  row: 'backbone' | 'neck' | 'branch' | 'head' | 'roi';
  x: number;
  y: number;
  w: number;
  h: number;
  /** Anchor count line for pyramid levels. */
  anchors?: string;
  /** Where the name (above) and shape (below) labels go, when not the row's standard band. */
  band?: [top: number, bottom: number];
  /** No labels of its own: a caption of the row says what it is (a level's head outputs). */
  quiet?: boolean;
  /** The shape label in place of "H×W / C" (regions: "R × 256×7×7"). */
  shapeText?: string;
}

/** Free text placed by the layout: row titles, a level's head output channels, region counts. */
export interface PyrCaption {
  id: string;
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  cls: string;
}

export interface PyrLink {
  id: string;
  source: string;
  target: string;
  kind: 'main' | 'lateral' | 'topdown' | 'extra' | 'branch' | 'head' | 'roi';
}

/** Adjacent backbone blocks with the same resolution: seed 002's point, called out on the drawing. */
export interface SameSize {
  a: string;
  b: string;
  label: string;
}

export interface PyramidLayout {
  blocks: PyrBlock[];
  links: PyrLink[];
  same: SameSize[];
  captions: PyrCaption[];
  width: number;
  height: number;
  total: string | null;
}

const MAX_H = 150;
const MIN_H = 14;
const COL_GAP = 62;
const TOP = 44;
const NECK_GAP = 92;

/** Block height for a spatial size: log2 scale against the largest size drawn. */
export function blockHeight(size: number, maxSize: number): number {
  const t = Math.log2(Math.max(1, size)) / Math.max(1, Math.log2(Math.max(2, maxSize)));
  return MIN_H + t * (MAX_H - MIN_H);
}

/** Block width for a channel count: log2 scale from 1 to 4096 channels. */
export function blockWidth(channels: number): number {
  return 16 + (Math.log2(Math.max(1, channels)) / 12) * 52;
}

function nodeInfo(a: Analysis, node: string): { node: string; shape: Shape | null; stride: number | null } {
  const s = a.result.stats.get(node);
  return { node, shape: s?.shape ?? null, stride: s?.rf ? s.rf.stride[0] : null };
}

function shapeOf(
  a: Analysis,
  tap: string
): { node: string; shape: Shape | null; stride: number | null } | null {
  const node = a.model.graph.taps[tap];
  return node ? nodeInfo(a, node) : null;
}

/** Order in which the overview draws its columns (exported for tests). */
export function pyramidOrder(a: Analysis): string[] {
  const onMainLine = (t: string) => MAIN_LINE_FAMILIES.includes(tapFamily(t)?.name ?? '');
  return ['input', ...orderedTaps(a.model.graph.taps).filter(onMainLine)];
}

export function layoutPyramid(a: Analysis, compare?: Analysis): PyramidLayout {
  // The largest map drawn: the input, or the transform's resized image when it is larger.
  const sizes = [a, compare]
    .filter((x): x is Analysis => !!x)
    .map((x) => {
      const t = x.model.transform && x.result.stats.get(x.model.transform.pad)?.shape;
      return Math.max(x.result.input[2], x.result.input[3], t ? Math.max(t[2], t[3]) : 0);
    });
  const maxSize = Math.max(...sizes);
  const taps = a.model.graph.taps;
  const blocks: PyrBlock[] = [];
  const links: PyrLink[] = [];
  const mid = TOP + MAX_H / 2;
  let x = 16;
  let prev = '';
  const colX = new Map<string, number>();
  const ppm = Object.keys(taps).filter(isPoolingBranch);

  const captions: PyrCaption[] = [];
  const transform = a.model.transform;
  const place = (id: string, row: PyrBlock['row'], cx: number, cy: number, node?: string) => {
    const info =
      id === 'input'
        ? { node: 'input', shape: a.result.input, stride: 1 }
        : node
          ? nodeInfo(a, node)
          : shapeOf(a, id);
    if (!info) return null;
    const h = info.shape ? blockHeight(info.shape[2], maxSize) : MIN_H;
    const w = info.shape ? blockWidth(info.shape[1]) : 16;
    const b: PyrBlock = {
      id,
      node: info.node,
      shape: info.shape,
      stride: info.stride,
      row,
      x: cx - w / 2,
      y: cy - h / 2,
      w,
      h
    };
    blocks.push(b);
    return b;
  };

  for (const id of pyramidOrder(a)) {
    if (isPoolingBranch(id)) continue;
    if (id === 'ppm_concat' && ppm.length) {
      // The pooling branches share one column, stacked around the main line with their labels beside.
      const cx = x + 30;
      const heights = ppm.map((p) => {
        const s = shapeOf(a, p)?.shape;
        return s ? blockHeight(s[2], maxSize) : MIN_H;
      });
      const gap = 8;
      let y = mid - (heights.reduce((s, h) => s + h, 0) + gap * (ppm.length - 1)) / 2;
      ppm.forEach((p, i) => {
        place(p, 'branch', cx, y + heights[i] / 2);
        y += heights[i] + gap;
        links.push({ id: `C5->${p}`, source: 'C5', target: p, kind: 'branch' });
        links.push({ id: `${p}->ppm_concat`, source: p, target: 'ppm_concat', kind: 'branch' });
      });
      x += 140 + COL_GAP;
    }
    const cx = x + 36;
    const b = place(id, 'backbone', cx, mid);
    if (!b) continue;
    colX.set(id, cx);
    x += Math.max(72, b.w) + COL_GAP;
    if (prev) links.push({ id: `${prev}->${id}`, source: prev, target: id, kind: 'main' });
    prev = id;
    // The detection transform follows the input: the resized image, then the padded tensor the
    // backbone reads.
    if (id === 'input' && transform)
      for (const t of TRANSFORM_BLOCKS) {
        const tb = place(t.id, 'backbone', x + 36, mid, transform[t.key]);
        if (!tb) continue;
        x += Math.max(72, tb.w) + COL_GAP;
        links.push({ id: `${prev}->${t.id}`, source: prev, target: t.id, kind: 'main' });
        prev = t.id;
      }
  }

  // Neck: each P level sits under the C level that feeds it; extra levels continue to the right.
  const cfg = a.model.config;
  const levels = a.model.levels;
  const neckMid = mid + MAX_H / 2 + NECK_GAP + MAX_H / 2;
  let extraX = Math.max(...[...colX.values()]) + 72 + COL_GAP;
  levels.forEach((p, i) => {
    const src = cfg.fpnIn[i];
    let cx: number;
    if (src && colX.has(src)) {
      cx = colX.get(src)!;
      links.push({ id: `${src}->${p}`, source: src, target: p, kind: 'lateral' });
    } else {
      cx = extraX;
      extraX += 72 + COL_GAP;
      const from =
        i === levels.length - 2 && cfg.extra === 'p6p7' && cfg.p6From === 'C5'
          ? cfg.fpnIn[cfg.fpnIn.length - 1]
          : levels[i - 1];
      links.push({ id: `${from}->${p}`, source: from, target: p, kind: 'extra' });
    }
    const b = place(p, 'neck', cx, neckMid);
    if (b && a.anchors) {
      const l = a.anchors.levels.find((l) => l.level === p);
      if (l) b.anchors = `${l.grid[0]}×${l.grid[1]}×${l.perLocation} = ${formatCount(l.count)}`;
    }
  });
  for (let i = 0; i < cfg.fpnIn.length - 1 && i < levels.length - 1; i++)
    links.push({
      id: `${levels[i + 1]}->${levels[i]}`,
      source: levels[i + 1],
      target: levels[i],
      kind: 'topdown'
    });

  if (taps.aux && colX.has('C4')) {
    place('aux', 'neck', colX.get('C4')!, neckMid);
    links.push({ id: 'C4->aux', source: 'C4', target: 'aux', kind: 'branch' });
  }

  const placer: Placer = {
    block: (id, node, row, cx, cy) => place(id, row, cx, cy, node),
    shape: (node) => a.result.stats.get(node)?.shape ?? null
  };
  const levelX = new Map(
    blocks.filter((b) => b.row === 'neck').map((b) => [b.id, b.x + b.w / 2] as [string, number])
  );
  const headMid = neckMid + MAX_H + HEAD_GAP;
  const hasHeadRow = layoutHeadRow(a, levelX, headMid, MAX_H, placer, blocks, links, captions);
  const roiTop = (hasHeadRow ? headMid + MAX_H / 2 + 92 : neckMid + MAX_H / 2 + 70) + 8;
  const roiBottom = layoutRoiLanes(a, roiTop, 16, placer, blocks, links, captions);

  const same: SameSize[] = [];
  const bb = blocks.filter((b) => b.row === 'backbone' && isStageTap(b.id));
  // Runs of consecutive stages at one resolution, e.g. C4-C5 (TF-slim) or C3-C5 (output stride 8).
  let start = 0;
  for (let i = 1; i <= bb.length; i++) {
    const p = bb[i - 1].shape;
    const q = bb[i]?.shape;
    if (q && p && p[2] === q[2] && p[3] === q[3]) continue;
    if (i - 1 > start && p)
      same.push({ a: bb[start].id, b: bb[i - 1].id, label: `same resolution ${p[2]}×${p[3]}` });
    start = i;
  }
  const hasNeck = blocks.some((b) => b.row === 'neck');
  const width = Math.max(x, extraX, ...blocks.map((b) => b.x + b.w + (b.row === 'branch' ? 150 : 40))) + 8;
  const base = hasNeck ? neckMid + MAX_H / 2 + 62 : mid + MAX_H / 2 + 58;
  const height =
    Math.max(
      base,
      hasHeadRow ? headMid + MAX_H / 2 + 30 + 13 * 3 + 10 : 0,
      roiBottom > roiTop ? roiBottom : 0
    ) + 22;
  const missing = partialAnchors(a);
  const total = a.anchors
    ? `${formatCount(a.anchors.total)} anchors${missing ? ` (${missing.note})` : ''}`
    : null;
  return { blocks, links, same, captions, width, height, total };
}
