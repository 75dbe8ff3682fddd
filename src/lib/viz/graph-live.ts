/**
 * Live-run marks over the layer graph: a node lights up while the run passes it, then shows a check
 * (shape confirmed by TensorFlow.js) or a cross whose tooltip gives both shapes. A separate layer
 * joined over the visible items, so the graph itself is not redrawn on every progress tick.
 */
import { select } from 'd3';
import type { Shape } from '../core/types';
import { foldedNote } from '../exec/folded-text';
import type { Analysis } from '../models/analyze';
import type { GroupIndex, VisibleGraph, VisibleItem } from './graph-collapse';
import type { GraphLayout } from './graph-layout';

export type LiveMark = 'running' | 'ok' | 'mismatch';

export interface LiveMismatch {
  node: string;
  expected: Shape | null;
  actual: Shape | null;
}

interface MarkRow {
  item: VisibleItem;
  mark: LiveMark;
  title: string;
}

const fmt = (s: Shape | null | undefined) => (s ? `[${s.join(', ')}]` : 'none');

/** A collapsed group is as good as its worst member: any cross wins, then any unfinished member. */
export function itemMark(
  item: VisibleItem,
  idx: GroupIndex,
  status: ReadonlyMap<string, LiveMark>
): LiveMark | undefined {
  if (!item.group) return status.get(item.id);
  let seen = false;
  let pending = false;
  for (const id of idx.members.get(item.group.path) ?? []) {
    const s = status.get(id);
    if (s === 'mismatch') return 'mismatch';
    if (s) seen = true;
    if (s !== 'ok') pending = true;
  }
  if (!seen) return undefined;
  return pending ? 'running' : 'ok';
}

function titleFor(
  item: VisibleItem,
  mark: LiveMark,
  idx: GroupIndex,
  a: Analysis,
  bad: ReadonlyMap<string, LiveMismatch>,
  folded: ReadonlyMap<string, string>
): string {
  if (mark === 'running') return `${item.id}: computed, checking`;
  if (mark === 'ok') {
    const shape = `${item.id}: shape ${fmt(a.result.stats.get(item.output)?.shape)} confirmed by TensorFlow.js`;
    const into = item.group ? undefined : folded.get(item.id);
    if (!into) return shape;
    const op = a.model.graph.nodes.find((n) => n.id === item.id)?.op;
    return `${shape} through the fused op (${foldedNote(item.id, into, op)})`;
  }
  const ids = item.group ? (idx.members.get(item.group.path) ?? []) : [item.id];
  const m = ids.map((id) => bad.get(id)).find((x) => !!x);
  return m
    ? `${m.node}: engine ${fmt(m.expected)}, TensorFlow.js ${fmt(m.actual)}`
    : `${item.id}: shape mismatch`;
}

export function renderLiveStatus(
  root: SVGGElement,
  layout: GraphLayout,
  vg: VisibleGraph,
  idx: GroupIndex,
  a: Analysis,
  status: ReadonlyMap<string, LiveMark>,
  mismatches: readonly LiveMismatch[],
  folded: ReadonlyMap<string, string> = new Map()
): void {
  const bad = new Map(mismatches.map((m) => [m.node, m]));
  const rows: MarkRow[] = [];
  if (status.size) {
    for (const item of vg.items) {
      const mark = itemMark(item, idx, status);
      if (mark && layout.boxes.has(item.id))
        rows.push({ item, mark, title: titleFor(item, mark, idx, a, bad, folded) });
    }
  }
  const g = select(root);
  let layer = g.select<SVGGElement>('g.live');
  if (layer.empty()) layer = g.append('g').attr('class', 'live');
  layer
    .selectAll<SVGGElement, MarkRow>('g.live-mark')
    .data(rows, (d) => d.item.id)
    .join((enter) => {
      const m = enter.append('g').attr('class', 'live-mark');
      m.append('rect')
        .attr('class', 'halo')
        .attr('rx', 7)
        .attr('fill', 'none')
        .style('pointer-events', 'none');
      const badge = m.append('g').attr('class', 'badge');
      badge.append('circle').attr('r', 8);
      badge
        .append('text')
        .attr('text-anchor', 'middle')
        .attr('dy', '0.35em')
        .attr('fill', '#fff')
        .style('font', 'bold 11px system-ui, sans-serif');
      badge.append('title');
      return m;
    })
    .attr('data-id', (d) => d.item.id)
    .attr('data-live', (d) => d.mark)
    .each(function (d) {
      const b = layout.boxes.get(d.item.id)!;
      const color =
        d.mark === 'ok'
          ? 'var(--ok, #1d7a46)'
          : d.mark === 'mismatch'
            ? 'var(--err, #c0262d)'
            : 'var(--accent, #2f5fd0)';
      const m = select(this).attr('transform', `translate(${b.x},${b.y})`);
      m.select('rect.halo')
        .attr('x', -2)
        .attr('y', -2)
        .attr('width', b.w + 4)
        .attr('height', b.h + 4)
        .attr('stroke', color)
        .attr('stroke-width', d.mark === 'running' ? 3 : 1.5)
        .attr('opacity', d.mark === 'running' ? 0.9 : 0.6);
      const badge = m
        .select('g.badge')
        .attr('transform', `translate(${b.w - 1},${b.h - 1})`)
        .style('display', d.mark === 'running' ? 'none' : 'inline')
        .attr('role', 'img')
        .attr('aria-label', d.title);
      badge.select('circle').attr('fill', color);
      badge.select('text').text(d.mark === 'ok' ? '✓' : '✗');
      badge.select('title').text(d.title);
    });
}
