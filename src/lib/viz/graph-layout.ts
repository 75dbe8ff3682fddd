/**
 * A layered layout for the collapsed DAG. ResNets are chains with skip edges, so a longest-path rank
 * gives the column and a few bands give the row: the main path, the projection shortcuts under it,
 * branches (aux heads), the FPN neck or PSPNet's decoder, then the heads that read the neck (shared
 * dense heads, the per-region RoI heads) at the bottom. The neck and the heads under it fold back to the left edge,
 * like a second line of text: nothing there feeds the backbone, so only the laterals cross between
 * the lines, and a detector is as wide as its backbone instead of backbone plus neck plus heads.
 * Geometry depends only on the
 * graph and the expansion, never on the input size, so it is cached and a slider tick only relabels.
 */
import type { Graph } from '../core/types';
import {
  type Band,
  type EdgeKind,
  type VisibleGraph,
  type VisibleItem,
  visibleGraph
} from './graph-collapse';

export interface NodeBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  rank: number;
}

export interface EdgePath {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  d: string;
}

/** The outline of an expanded group around its visible members, with a label to collapse it. */
export interface Frame {
  path: string;
  x: number;
  y: number;
  w: number;
  h: number;
  depth: number;
}

export interface GraphLayout {
  boxes: Map<string, NodeBox>;
  frames: Frame[];
  edges: EdgePath[];
  width: number;
  height: number;
}

// Sized so a collapsed detector (seven columns: 1110 px) fits the explorer's content width at a
// 1280 px window (about 905 px) at no less than the fit's smallest scale (graph-view.ts, MIN_SCALE).
export const BOX = { group: [132, 56], op: [116, 40], small: [92, 40] } as const;
const GAP_X = 22;
const ROW = 74;
const TOP = 56;
const BAND_GAP = 28;
const FRAME_PAD = [
  [12, 30],
  [6, 20]
] as const; // [side, bottom] for stages, deeper groups
// Heads that read the pyramid sit under the neck: the shared dense heads, then the per-region heads.
const BANDS: Band[] = ['main', 'shortcut', 'branch', 'neck', 'head', 'roi'];
/** Bands of the second line: they read the backbone and are never read by it (checked in the tests). */
const FOLDED = new Set<Band>(['neck', 'head', 'roi']);
const SMALL_OPS = new Set(['input', 'batchnorm', 'relu', 'add', 'flatten', 'dropout', 'concat']);

export function boxSize(item: VisibleItem): readonly [number, number] {
  if (item.group) return BOX.group;
  return item.node && SMALL_OPS.has(item.node.op) ? BOX.small : BOX.op;
}

/**
 * Edges that drop into the neck band (laterals) leave the source from below, run along their own
 * channel just above the neck and enter the level from the top, instead of cutting through stages.
 */
function dropPath(a: NodeBox, b: NodeBox, channel: number, side: boolean): string {
  const sx = a.x + a.w / 2;
  const tx = side ? b.x - 8 : b.x + b.w / 2;
  const r = Math.min(8, Math.abs(tx - sx) / 2);
  const dir = tx >= sx ? 1 : -1;
  const start = `M${sx},${a.y + a.h}V${channel - r}q0,${r} ${dir * r},${r}H${tx - dir * r}q${dir * r},0 ${dir * r},${r}`;
  // A level under another one (RetinaNet v2's P6, read from C5 and stacked under P5) is entered from
  // the left, down the gap before its column, rather than through the box above it.
  return side ? `${start}V${b.y + b.h / 2}H${b.x}` : `${start}V${b.y}`;
}

function edgePath(a: NodeBox, b: NodeBox, blocked: boolean): string {
  const sx = a.x + a.w;
  const sy = a.y + a.h / 2;
  const tx = b.x;
  const ty = b.y + b.h / 2;
  if (Math.abs(sy - ty) < 1 && !blocked) return `M${sx},${sy}H${tx}`;
  if (Math.abs(sy - ty) < 1) {
    // Skip edge along a row of boxes: arc over them (identity shortcuts read as the classic bypass).
    const lift = Math.min(a.h, b.h) / 2 + 18;
    return `M${a.x + a.w / 2},${a.y}C${a.x + a.w / 2},${a.y - lift} ${b.x + b.w / 2},${b.y - lift} ${b.x + b.w / 2},${b.y}`;
  }
  // Between rows: run along the source's row, then bend into the target over the last gap.
  const bend = Math.min(GAP_X + 10, tx - sx);
  const mx = tx - bend / 2;
  if (!blocked) return `M${sx},${sy}H${tx - bend}C${mx},${sy} ${mx},${ty} ${tx},${ty}`;
  // Boxes sit between them on the source's row (each FPN level feeding the RPN): leave the source on
  // the side facing the target and run in the gap beside the row instead of through the boxes.
  const down = ty > sy;
  const cx = a.x + a.w / 2;
  const edge = down ? a.y + a.h : a.y;
  const lane = edge + (down ? 8 : -8);
  return `M${cx},${edge}V${lane}H${tx - bend}C${mx},${lane} ${mx},${ty} ${tx},${ty}`;
}

export function layoutGraph(vg: VisibleGraph): GraphLayout {
  const rank = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const e of vg.edges) {
    const list = incoming.get(e.target);
    if (list) list.push(e.source);
    else incoming.set(e.target, [e.source]);
  }
  // Items come in topological order of their first member, so one pass settles the ranks.
  for (const it of vg.items)
    rank.set(it.id, Math.max(0, ...(incoming.get(it.id) ?? []).map((s) => (rank.get(s) ?? 0) + 1)));
  // The second line starts at the first column: its ranks count from its own first item.
  const folded = vg.items.filter((it) => FOLDED.has(it.band));
  const shift = Math.min(...folded.map((it) => rank.get(it.id)!));
  for (const it of folded) rank.set(it.id, rank.get(it.id)! - shift);

  const colWidth: number[] = [];
  const rowsUsed = new Map<string, number>(); // `${band}:${rank}` -> rows taken
  const bandRows = new Map<Band, number>(BANDS.map((b) => [b, 0]));
  const slot = new Map<string, number>();
  for (const it of vg.items) {
    const r = rank.get(it.id)!;
    colWidth[r] = Math.max(colWidth[r] ?? 0, boxSize(it)[0]);
    const key = `${it.band}:${r}`;
    const row = rowsUsed.get(key) ?? 0;
    rowsUsed.set(key, row + 1);
    slot.set(it.id, row);
    bandRows.set(it.band, Math.max(bandRows.get(it.band)!, row + 1));
  }
  const colX: number[] = [];
  let x = 16;
  for (let r = 0; r < colWidth.length; r++) {
    colX[r] = x;
    x += (colWidth[r] ?? 0) + GAP_X;
  }
  const band = new Map(vg.items.map((it) => [it.id, it.band]));
  const isDrop = (e: VisibleGraph['edges'][number]) =>
    band.get(e.target) === 'neck' && band.get(e.source) !== 'neck';
  const dropCount = vg.edges.filter(isDrop).length;
  const bandY = new Map<Band, number>();
  let y = TOP;
  for (const b of BANDS) {
    // Lateral edges run in their own channels in the gap above the neck.
    if (b === 'neck') y += dropCount * 7;
    bandY.set(b, y);
    const rows = bandRows.get(b)!;
    // A gap after a non-empty band leaves room for the labels of the group frames above it.
    y += rows * ROW + (rows ? BAND_GAP : 0);
  }
  const boxes = new Map<string, NodeBox>();
  for (const it of vg.items) {
    const r = rank.get(it.id)!;
    const [w, h] = boxSize(it);
    const cy = bandY.get(it.band)! + slot.get(it.id)! * ROW + ROW / 2;
    boxes.set(it.id, { id: it.id, x: colX[r] + (colWidth[r] - w) / 2, y: cy - h / 2, w, h, rank: r });
  }
  const rowOccupied = new Map<number, number[]>();
  for (const b of boxes.values()) {
    const list = rowOccupied.get(b.y + b.h / 2);
    if (list) list.push(b.rank);
    else rowOccupied.set(b.y + b.h / 2, [b.rank]);
  }
  let drops = 0;
  const neckTop = bandY.get('neck')!;
  const edges = vg.edges.map((e) => {
    const a = boxes.get(e.source)!;
    const b = boxes.get(e.target)!;
    if (isDrop(e)) {
      const under = [...boxes.values()].some((o) => o.rank === b.rank && o.y < b.y && o.y > neckTop);
      return { ...e, d: dropPath(a, b, neckTop - 6 - 7 * drops++, under) };
    }
    const row = rowOccupied.get(a.y + a.h / 2) ?? [];
    const blocked = b.rank - a.rank > 1 && row.some((r) => r > a.rank && r < b.rank);
    return { ...e, d: edgePath(a, b, blocked) };
  });
  const frames = frameGroups(vg, boxes);
  return { boxes, edges, frames, width: x + 16, height: y + 16 };
}

function frameGroups(vg: VisibleGraph, boxes: Map<string, NodeBox>): Frame[] {
  const expanded = vg.key ? vg.key.split('|') : [];
  const frames: Frame[] = [];
  for (const path of expanded) {
    const inside = [...boxes.values()].filter((b) => b.id.startsWith(path + '/'));
    if (!inside.length) continue;
    const depth = path.split('/').length - 1;
    const [side, bottom] = FRAME_PAD[Math.min(depth, 1)];
    const x0 = Math.min(...inside.map((b) => b.x)) - side;
    const y0 = Math.min(...inside.map((b) => b.y)) - side;
    const x1 = Math.max(...inside.map((b) => b.x + b.w)) + side;
    const y1 = Math.max(...inside.map((b) => b.y + b.h)) + bottom;
    frames.push({ path, x: x0, y: y0, w: x1 - x0, h: y1 - y0, depth });
  }
  // Outer frames first so inner ones paint on top.
  return frames.sort((a, b) => a.depth - b.depth);
}

const layoutCache = new WeakMap<Graph, Map<string, { vg: VisibleGraph; layout: GraphLayout }>>();

/** Visible graph and layout for a graph object and an expansion, computed once per pair. */
const structureCache = new Map<string, Map<string, { vg: VisibleGraph; layout: GraphLayout }>>();

/**
 * Visible graph and layout for a graph and an expansion, computed once per pair. `structure` (e.g.
 * the config without the input size) lets a rebuilt but identical graph reuse the layout too.
 */
export function cachedLayout(
  graph: Graph,
  expanded: ReadonlySet<string>,
  structure?: string
): { vg: VisibleGraph; layout: GraphLayout } {
  let byKey = layoutCache.get(graph) ?? (structure ? structureCache.get(structure) : undefined);
  if (!byKey) byKey = new Map();
  layoutCache.set(graph, byKey);
  if (structure) {
    if (structureCache.size > 16 && !structureCache.has(structure)) structureCache.clear();
    structureCache.set(structure, byKey);
  }
  const key = [...expanded].sort().join('|');
  let hit = byKey.get(key);
  if (!hit) {
    const vg = visibleGraph(graph, expanded);
    hit = { vg, layout: layoutGraph(vg) };
    if (byKey.size > 32) byKey.clear();
    byKey.set(key, hit);
  }
  return hit;
}
