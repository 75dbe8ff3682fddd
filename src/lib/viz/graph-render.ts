/**
 * Renders a cached graph layout with keyed joins: boxes, frames and edges enter once per layout and
 * a slider tick only rewrites the shape labels and state classes.
 */
import { select, type Selection } from 'd3';
import type { Diagnostic } from '../core/types';
import type { Analysis } from '../models/analyze';
import { type GroupIndex, type VisibleGraph, type VisibleItem, itemFor } from './graph-collapse';
import type { Graph } from '../core/types';
import type { Diagram } from './diagram.svelte';
import { type EdgePath, type Frame, type GraphLayout, cachedLayout } from './graph-layout';
import { downsamples, itemShape, itemTitle } from './graph-details';
import { sharedFrameLabel } from './graph-shared';
import { stageColor } from './palette';

export interface GraphHandlers {
  onselect: (item: VisibleItem) => void;
  ontoggle: (path: string) => void;
  onhover: (item: VisibleItem | null, anchor: SVGGElement | null) => void;
}

/** Diagnostics per visible item (a collapsed group carries those of its members). */
export function diagnosticsByItem(a: Analysis, vg: VisibleGraph, idx: GroupIndex): Map<string, Diagnostic[]> {
  const expanded = new Set(vg.key ? vg.key.split('|') : []);
  const visible = new Set(vg.items.map((i) => i.id));
  const out = new Map<string, Diagnostic[]>();
  for (const d of a.diagnostics) {
    const id = visible.has(d.node) ? d.node : itemFor(d.node, idx, expanded);
    if (!visible.has(id)) continue;
    const list = out.get(id);
    if (list) list.push(d);
    else out.set(id, [d]);
  }
  return out;
}

const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function drawFrames(
  root: Selection<SVGGElement, unknown, null, undefined>,
  frames: Frame[],
  h: GraphHandlers,
  idx: GroupIndex
) {
  root
    .select<SVGGElement>('g.frames')
    .selectAll<SVGGElement, Frame>('g.frame')
    .data(frames, (f) => f.path)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'frame');
      g.append('rect').attr('rx', 10);
      const t = g
        .append('g')
        .attr('class', 'toggle')
        .attr('role', 'button')
        .attr('tabindex', 0)
        .attr('aria-expanded', 'true');
      t.append('rect').attr('class', 'hit').attr('rx', 4);
      t.append('text');
      return g;
    })
    .attr('data-path', (f) => f.path)
    .call((g) =>
      g
        .select('rect')
        .attr('x', (f) => f.x)
        .attr('y', (f) => f.y)
        .attr('width', (f) => f.w)
        .attr('height', (f) => f.h)
        .style('stroke', (f) => stageColor(f.path))
    )
    .each(function (f) {
      const shared = sharedFrameLabel(f.path, idx);
      const label = shared
        ? `− ${shared}`
        : `− ${f.path}${idx.groups.get(f.path)?.unitKind ? ' · ' + idx.groups.get(f.path)!.label : ''}`;
      const t = select(this).select<SVGGElement>('g.toggle');
      t.attr('transform', `translate(${f.x + 6},${f.y + f.h - 6})`).attr('aria-label', `collapse ${f.path}`);
      t.select('text').text(label);
      t.select('rect.hit')
        .attr('x', -3)
        .attr('y', -12)
        .attr('width', label.length * 6.4 + 6)
        .attr('height', 16);
      t.on('click', (ev: Event) => {
        ev.stopPropagation();
        h.ontoggle(f.path);
      }).on('keydown', (ev: KeyboardEvent) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          h.ontoggle(f.path);
        }
      });
    });
}

function drawEdges(root: Selection<SVGGElement, unknown, null, undefined>, edges: EdgePath[]) {
  root
    .select<SVGGElement>('g.edges')
    .selectAll<SVGPathElement, EdgePath>('path')
    .data(edges, (e) => e.id)
    .join('path')
    .attr('class', (e) => `edge ${e.kind}`)
    .attr('d', (e) => e.d)
    .attr('marker-end', (e) => `url(#lg-arrow-${e.kind})`);
}

/** A layout: the boxes shown for one expansion of the graph, and where they sit. */
export interface GraphView {
  vg: VisibleGraph;
  layout: GraphLayout;
}

export interface GraphDraw {
  idx: GroupIndex;
  analysis: Analysis;
  /** The visible item that holds the selection. */
  selected: string | null;
  diags: Map<string, Diagnostic[]>;
  handlers: GraphHandlers;
}

/** Draws into the zoomed group inside the SVG. */
export function renderGraph(
  root: SVGElement,
  { vg, layout }: GraphView,
  { idx, analysis: a, selected: selectedItem, diags, handlers: h }: GraphDraw
): void {
  const g = select(root as SVGGElement);
  drawFrames(g, layout.frames, h, idx);
  drawEdges(g, layout.edges);
  g.select<SVGGElement>('g.nodes')
    .selectAll<SVGGElement, VisibleItem>('g.node')
    .data(vg.items, (d) => d.id)
    .join((enter) => {
      const n = enter.append('g').attr('class', 'node').attr('tabindex', 0).attr('role', 'button');
      n.append('rect').attr('class', 'box').attr('rx', 6);
      n.append('text').attr('class', 'title').attr('x', 8).attr('y', 16);
      n.append('text').attr('class', 'sub').attr('y', 16);
      n.append('text').attr('class', 'shape').attr('x', 8);
      n.append('text').attr('class', 'badge').attr('y', 16);
      return n;
    })
    .attr('data-id', (d) => d.id)
    .attr('transform', (d) => {
      const b = layout.boxes.get(d.id)!;
      return `translate(${b.x},${b.y})`;
    })
    .classed('group', (d) => !!d.group)
    .classed('down', downsamples)
    .classed('selected', (d) => d.id === selectedItem)
    .classed('diag', (d) => diags.has(d.id))
    .attr('aria-pressed', (d) => String(d.id === selectedItem))
    .each(function (d) {
      const b = layout.boxes.get(d.id)!;
      const node = select(this);
      // Characters that fit beside the + badge at 11px bold (about 6.6px each).
      // Groups: title, kind and shape on three lines; ops: name and kernel on one line, shape below.
      const [t, sub] = itemTitle(d, idx);
      const title = truncate(t, Math.floor((b.w - (d.group ? 26 : 12)) / 6.6));
      const shape = itemShape(d, a);
      const diag = diags.get(d.id);
      node.attr(
        'aria-label',
        `${d.id}: ${shape}${diag ? ', ' + diag[0].severity + ': ' + diag[0].message : ''}`
      );
      node
        .select('rect.box')
        .attr('width', b.w)
        .attr('height', b.h)
        .style('stroke', stageColor(d.id))
        .style('fill', stageColor(d.id));
      node.select('text.title').text(title);
      node
        .select('text.sub')
        .attr('x', d.group ? 8 : b.w - 7)
        .attr('y', d.group ? 30 : 16)
        .attr('text-anchor', d.group ? 'start' : 'end')
        .text(truncate(sub, Math.floor((d.group ? b.w - 16 : b.w - 16 - title.length * 6.6) / 6)));
      node
        .select('text.shape')
        .attr('y', b.h - 9)
        .text(shape);
      node
        .select('text.badge')
        .attr('x', b.w - 7)
        .text(d.group ? '+' : '');
    })
    .on('click', (ev: MouseEvent, d) => {
      if ((ev.target as Element).closest('text.badge') && d.group) h.ontoggle(d.id);
      else h.onselect(d);
    })
    .on('dblclick', (ev: MouseEvent, d) => {
      if (d.group) h.ontoggle(d.id);
    })
    .on('keydown', (ev: KeyboardEvent, d) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        h.onselect(d);
      } else if ((ev.key === '+' || ev.key === '=') && d.group) h.ontoggle(d.id);
    })
    .on('mouseenter focus', function (_ev, d) {
      h.onhover(d, this);
    })
    .on('mouseleave blur', () => h.onhover(null, null));
}

/** The input: the graph, the groups open in it, and a key for its structure (layouts are cached). */
export interface GraphInput {
  graph: Graph;
  expanded: ReadonlySet<string>;
  structure: string;
}

export const graphDiagram: Diagram<GraphInput, GraphView, GraphDraw> = {
  layout: ({ graph, expanded, structure }) => cachedLayout(graph, expanded, structure),
  render: renderGraph
};
