/**
 * Draws the pyramid layout: keyed blocks and links; sizes move with a short transition when the input
 * size changes (skipped when updates come faster than the transition, e.g. while a slider is dragged).
 */
import { select, type Selection } from 'd3';
// Side-effect import: adds selection.transition (d3 re-exports it, but tree-shaking may drop it).
import 'd3-transition';
import type { Analysis } from '../models/analyze';
import type { Diagram } from './diagram.svelte';
import type { Ghost } from './pyramid-compare';
import {
  type PyramidLayout,
  type PyrBlock,
  type PyrCaption,
  type PyrLink,
  layoutPyramid
} from './pyramid-layout';
import { formatSpatial } from '../format';
import { setAttr, setStyle, setText } from './dom-write';
import { stageColor } from './palette';

export interface PyramidHandlers {
  onselect: (block: PyrBlock) => void;
  onhover: (block: PyrBlock | null, el: SVGGElement | null) => void;
}

const handlers = new WeakMap<SVGSVGElement, PyramidHandlers>();

const ROW_TOP = 44;
const ROW_H = 150;
const BRANCH_LABEL = 92;

/** Top of the row band a block sits in (its name label is just above). */
function rowTop(b: PyrBlock): number {
  return b.row === 'backbone' ? ROW_TOP : b.y + b.h / 2 - ROW_H / 2;
}

function anchorPoints(l: PyrLink, by: Map<string, PyrBlock>): string {
  const a = by.get(l.source)!;
  const b = by.get(l.target)!;
  const acx = a.x + a.w / 2;
  const bcx = b.x + b.w / 2;
  if (l.kind === 'lateral' || (l.kind === 'branch' && b.row === 'neck')) {
    // Straight down from the C level's label area to the P block's top.
    return `M${acx},${ROW_TOP + ROW_H + 38}V${rowTop(b) - 26}`;
  }
  if (l.kind === 'topdown') return `M${a.x - 4},${a.y + a.h / 2}H${b.x + b.w + 6}`;
  if (l.kind === 'head') {
    // From under the level's labels (shape, stride, anchors) down to its outputs' band.
    return `M${acx},${rowTop(a) + ROW_H + 48}V${(b.band?.[0] ?? b.y) - 26}`;
  }
  if (l.kind === 'extra' && a.row === 'backbone') {
    const y0 = ROW_TOP + ROW_H + 40;
    const y1 = rowTop(b) - 26;
    return `M${acx + 12},${y0}C${acx + 12},${y1} ${bcx},${y0} ${bcx},${y1}`;
  }
  // Branch blocks carry their label on the right: the outgoing link starts after it.
  const sx = a.row === 'branch' ? a.x + a.w + BRANCH_LABEL : a.x + a.w + 4;
  const sy = a.y + a.h / 2;
  const tx = b.x - 6;
  const ty = b.y + b.h / 2;
  if (l.target === 'ppm_concat' && l.kind === 'main') {
    // C5 itself joins the concat: pass under the pooling branches rather than through them.
    const below = Math.max(...[...by.values()].filter((x) => x.row === 'branch').map((x) => x.y + x.h)) + 40;
    return `M${sx},${sy}C${sx + 40},${below} ${tx - 40},${below} ${tx},${ty}`;
  }
  if (Math.abs(sy - ty) < 0.5) return `M${sx},${sy}H${tx}`;
  const mx = (sx + tx) / 2;
  return `M${sx},${sy}C${mx},${sy} ${mx},${ty} ${tx},${ty}`;
}

function labelRows(b: PyrBlock): { nameY: number; shapeY: number; x: number; anchor: string } {
  if (b.band && b.row !== 'branch')
    return { nameY: b.band[0] - 8, shapeY: b.band[1] + 15, x: b.x + b.w / 2, anchor: 'middle' };
  if (b.row === 'branch')
    return { nameY: b.y + b.h / 2 - 3, shapeY: b.y + b.h / 2 + 10, x: b.x + b.w + 8, anchor: 'start' };
  const top = b.row === 'neck' ? b.y + b.h / 2 - ROW_H / 2 : ROW_TOP;
  return { nameY: top - 10, shapeY: top + ROW_H + 16, x: b.x + b.w / 2, anchor: 'middle' };
}

export interface PyramidDraw {
  /** The selected node id (a block whose tap is that node is outlined). */
  selected: string | null;
  /** Blocks whose shape differs from the other side of a comparison. */
  differs: Set<string>;
  /** On those: the other side's outline and the size ratio (pyramid-compare.ts). */
  ghosts?: ReadonlyMap<string, Ghost>;
  /** Move sizes with a short transition (isolated changes only). */
  animate: boolean;
  handlers: PyramidHandlers;
}

const NO_GHOSTS: ReadonlyMap<string, Ghost> = new Map();

export function renderPyramid(
  target: SVGElement,
  layout: PyramidLayout,
  { selected: selectedNode, differs, ghosts = NO_GHOSTS, animate, handlers: h }: PyramidDraw
): void {
  const svg = target as SVGSVGElement;
  handlers.set(svg, h);
  const root = select(svg);
  const by = new Map(layout.blocks.map((b) => [b.id, b]));
  root
    .select('g.links')
    .selectAll<SVGPathElement, PyrLink>('path')
    .data(
      layout.links.filter((l) => by.has(l.source) && by.has(l.target)),
      (l) => l.id
    )
    .join('path')
    .each(function (l) {
      setAttr(this, 'class', `link ${l.kind}`);
      const marker = l.kind === 'lateral' || l.kind === 'topdown' || l.kind === 'head' ? 'neck' : 'main';
      setAttr(this, 'marker-end', `url(#py-arrow-${marker})`);
      setAttr(this, 'd', anchorPoints(l, by));
    });

  const blocks = root
    .select('g.blocks')
    .selectAll<SVGGElement, PyrBlock>('g.block')
    .data(layout.blocks, (b) => b.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'block').attr('tabindex', 0).attr('role', 'button');
      g.append('rect').attr('rx', 3);
      g.append('text').attr('class', 'name');
      g.append('text').attr('class', 'shape');
      g.append('text').attr('class', 'stride');
      g.append('text').attr('class', 'anchors');
      // Bound once per block (re-binding every render was a remove and an add per listener per
      // tick); they call whichever handlers the latest render passed.
      const now = () => handlers.get(svg)!;
      return g
        .on('click', (_e, b) => now().onselect(b))
        .on('keydown', (e: KeyboardEvent, b) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            now().onselect(b);
          }
        })
        .on('mouseenter focus', function (_e, b) {
          now().onhover(b, this);
        })
        .on('mouseleave blur', () => now().onhover(null, null));
    })
    .classed('selected', (b) => b.node === selectedNode)
    .classed('differs', (b) => differs.has(b.id))
    .classed('diag', (b) => !b.shape)
    .each(function (b) {
      setAttr(this, 'data-id', b.id);
      setAttr(
        this,
        'aria-label',
        `${b.id}: ${b.shape ? formatSpatial(b.shape) : 'no shape (see the diagnostics)'}${Number.isInteger(b.stride) ? `, stride ${b.stride}` : ''}`
      );
    });

  const rects = blocks.select<SVGRectElement>('rect').each(function (b) {
    setStyle(this, 'fill', stageColor(b.node));
    setStyle(this, 'stroke', stageColor(b.node));
  });
  // Without animation the sizes are written now, not on the next frame through a zero-length
  // transition, so a slider tick is drawn with the tick (and any running transition is cut short).
  if (animate)
    rects
      .transition()
      .duration(250)
      .attr('x', (b) => b.x)
      .attr('y', (b) => b.y)
      .attr('width', (b) => b.w)
      .attr('height', (b) => b.h);
  else
    rects.interrupt().each(function (b) {
      setAttr(this, 'x', b.x);
      setAttr(this, 'y', b.y);
      setAttr(this, 'width', b.w);
      setAttr(this, 'height', b.h);
    });

  blocks.each(function (b) {
    const l = labelRows(b);
    const [name, shape, stride, anchors] = this.querySelectorAll('text');
    drawGhost(this, b, l, ghosts.get(b.id));

    const label = (el: Element, y: number, text: string) => {
      setAttr(el, 'x', l.x);
      setAttr(el, 'y', y);
      setAttr(el, 'text-anchor', l.anchor);
      setText(el, text);
    };
    label(name, l.nameY, b.quiet ? '' : b.id);
    label(shape, l.shapeY, b.quiet ? '' : (b.shapeText ?? (b.shape ? formatSpatial(b.shape) : 'no shape')));
    label(
      stride,
      l.shapeY + 14,
      b.row === 'branch' || b.quiet || !b.stride ? '' : Number.isInteger(b.stride) ? `/${b.stride}` : ''
    );
    label(anchors, l.shapeY + 28, b.anchors ?? '');
  });
  drawSame(root, layout, by);
  drawCaptions(root, layout);
}

/**
 * A comparison's mark on a block: the other side's outline and the ratio. Made only on blocks that
 * differ (the explorer's pyramid never has them) and removed when the block matches again.
 */
function drawGhost(g: SVGGElement, b: PyrBlock, l: ReturnType<typeof labelRows>, ghost: Ghost | undefined) {
  let outline = g.querySelector<SVGRectElement>('rect.ghost');
  let ratio = g.querySelector<SVGTextElement>('text.ratio');
  if (!ghost) {
    outline?.remove();
    ratio?.remove();
    return;
  }
  const ns = 'http://www.w3.org/2000/svg';
  if (!outline) {
    outline = g.appendChild(document.createElementNS(ns, 'rect'));
    outline.setAttribute('class', 'ghost');
    outline.setAttribute('rx', '3');
  }
  if (!ratio) {
    ratio = g.appendChild(document.createElementNS(ns, 'text'));
    ratio.setAttribute('class', 'ratio');
    ratio.setAttribute('text-anchor', 'start');
  }
  setAttr(outline, 'x', ghost.x);
  setAttr(outline, 'y', ghost.y);
  setAttr(outline, 'width', ghost.w);
  setAttr(outline, 'height', ghost.h);
  // Right of the name (13 px bold, about 8 px a character), where no link passes; a branch block's
  // labels are already beside it, so there the ratio follows its shape line.
  const beside = b.row !== 'branch';
  setAttr(ratio, 'x', beside ? l.x + (b.id.length * 8) / 2 + 6 : l.x);
  setAttr(ratio, 'y', beside ? l.nameY : l.shapeY + 14);
  setText(ratio, ghost.text);
}

function drawCaptions(root: Selection<SVGSVGElement, unknown, null, undefined>, layout: PyramidLayout) {
  root
    .select('g.captions')
    .selectAll<SVGTextElement, PyrCaption>('text')
    .data(layout.captions, (c) => c.id)
    .join('text')
    .each(function (c) {
      setAttr(this, 'class', `caption ${c.cls}`);
      setAttr(this, 'x', c.x);
      setAttr(this, 'y', c.y);
      setAttr(this, 'text-anchor', c.anchor);
      setText(this, c.text);
    });
}

function drawSame(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  layout: PyramidLayout,
  by: Map<string, PyrBlock>
) {
  root
    .select('g.notes')
    .selectAll<SVGGElement, PyramidLayout['same'][number]>('g.same')
    .data(layout.same, (s) => s.a + s.b)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'same');
      g.append('path');
      g.append('text');
      return g;
    })
    .each(function (s) {
      const a = by.get(s.a)!;
      const b = by.get(s.b)!;
      const y = Math.min(a.y, b.y) - 12;
      const x0 = a.x + a.w / 2;
      const x1 = b.x + b.w / 2;
      const g = select(this);
      g.select('path').attr('d', `M${x0},${y + 8}V${y}H${x1}V${y + 8}`);
      g.select('text')
        .attr('x', (x0 + x1) / 2)
        .attr('y', y - 5)
        .text(s.label);
    });
}

/** The input: one analysis, and the other side of a comparison (shared scales). */
export interface PyramidInput {
  analysis: Analysis;
  compare?: Analysis;
}

export const pyramidDiagram: Diagram<PyramidInput, PyramidLayout, PyramidDraw> = {
  layout: ({ analysis, compare }) => layoutPyramid(analysis, compare),
  render: renderPyramid
};
