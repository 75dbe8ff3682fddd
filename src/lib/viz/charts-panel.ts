/**
 * What the three chart panels share (charts-render.ts draws them): the SVG's size and margins, a
 * panel group with its axes and labels created once and updated in place, power-of-two ticks for the
 * log axes, and the pick-along target of the two charts over depth.
 */
import { pointer, type ScaleLinear, type Selection } from 'd3';
import type { DepthPoint } from './charts-data';

export type G = Selection<SVGGElement, unknown, null, undefined>;

export const CHART_W = 1000;
export const CHART_H = 600;
export const M = { top: 34, right: 56, bottom: 40, left: 60 };

export function panel(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  cls: string,
  x: number,
  y: number
): G {
  let g = root.select<SVGGElement>(`g.${cls}`);
  if (g.empty()) {
    g = root.append('g').attr('class', `panel ${cls}`);
    g.append('g').attr('class', 'bands');
    g.append('g').attr('class', 'x axis');
    g.append('g').attr('class', 'y axis');
    g.append('g').attr('class', 'y2 axis');
    g.append('g').attr('class', 'marks');
    g.append('text').attr('class', 'ptitle');
    g.append('text').attr('class', 'xlabel');
    g.append('text').attr('class', 'ylabel');
    g.append('text').attr('class', 'y2label');
  }
  return g.attr('transform', `translate(${x},${y})`);
}

export function labels(g: G, w: number, h: number, title: string, x: string, y: string, y2 = '') {
  g.select('text.ptitle').attr('x', 0).attr('y', -16).text(title);
  g.select('text.xlabel')
    .attr('x', w / 2)
    .attr('y', h + 32)
    .attr('text-anchor', 'middle')
    .text(x);
  g.select('text.ylabel')
    .attr('transform', `translate(${-44},${h / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(y);
  g.select('text.y2label')
    .attr('transform', `translate(${w + 44},${h / 2}) rotate(90)`)
    .attr('text-anchor', 'middle')
    .text(y2);
}

export function pow2Ticks(max: number): number[] {
  const out: number[] = [];
  for (let v = 1; v <= max * 1.001; v *= 2) out.push(v);
  return out.length > 7 ? out.filter((_, i) => i % 2 === (out.length - 1) % 2) : out;
}

/**
 * The selected op's depth as a line, and a target over the panel that selects the nearest op on the
 * main path by mouse, or by keyboard as a slider (arrows step one op, Home and End jump).
 */
export function pickAlong(
  g: G,
  pts: DepthPoint[],
  x: ScaleLinear<number, number>,
  w: number,
  h: number,
  selected: number,
  onpick: (id: string) => void,
  what: string
) {
  g.select('g.marks')
    .selectAll<SVGLineElement, number>('line.sel')
    .data(selected >= 0 ? [selected] : [])
    .join('line')
    .attr('class', 'sel')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', 0)
    .attr('y2', h);
  const current = pts[Math.max(0, selected)];
  g.select('g.marks')
    .selectAll<SVGRectElement, number>('rect.hit')
    .data([0])
    .join((e) =>
      e
        .append('rect')
        .attr('class', 'hit')
        .attr('tabindex', 0)
        .attr('role', 'slider')
        .attr('aria-valuemin', 0)
    )
    .attr('width', w)
    .attr('height', h)
    .attr('aria-label', `Op along the main path (${what} chart)`)
    .attr('aria-valuemax', Math.max(0, pts.length - 1))
    .attr('aria-valuenow', Math.max(0, selected))
    .attr('aria-valuetext', current ? `${current.id}, depth ${current.depth}` : 'no ops')
    .on('click', (ev: MouseEvent) => {
      const p = pts[Math.round(x.invert(pointer(ev)[0]))];
      if (p) onpick(p.id);
    })
    .on('keydown', (ev: KeyboardEvent) => {
      const last = pts.length - 1;
      const from = selected;
      const to =
        ev.key === 'ArrowRight' || ev.key === 'ArrowUp'
          ? Math.min(last, from + 1)
          : ev.key === 'ArrowLeft' || ev.key === 'ArrowDown'
            ? Math.max(0, from - 1)
            : ev.key === 'Home'
              ? 0
              : ev.key === 'End'
                ? last
                : ev.key === 'Enter' || ev.key === ' '
                  ? Math.max(0, from)
                  : null;
      if (to === null || !pts[to]) return;
      ev.preventDefault();
      onpick(pts[to].id);
    });
}
