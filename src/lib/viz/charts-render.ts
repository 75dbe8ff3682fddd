/**
 * Three charts in one SVG: spatial size and channels against depth, MACs and params per stage (bars),
 * and the receptive field's growth. Each panel is a keyed group updated in place.
 */
import {
  axisBottom,
  axisLeft,
  axisRight,
  line,
  scaleBand,
  scaleLinear,
  scaleLog,
  select,
  type Selection
} from 'd3';
import type { Analysis } from '../models/analyze';
import type { Diagram } from './diagram.svelte';
import {
  type ChartsLayout,
  type DepthPoint,
  type StageTotal,
  layoutCharts,
  stageStarts
} from './charts-data';
import { formatCompact, formatCount } from '../format';
import { stageColor } from './palette';
import { CHART_W, M, labels, panel, pickAlong, pow2Ticks } from './charts-panel';

function depthChart(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  pts: DepthPoint[],
  inputSize: number,
  selected: number,
  onpick: (id: string) => void
) {
  const w = CHART_W - M.left - M.right;
  const h = 190;
  const g = panel(root, 'depth', M.left, M.top);
  const x = scaleLinear()
    .domain([0, Math.max(1, pts.length - 1)])
    .range([0, w]);
  const maxSize = Math.max(2, inputSize);
  const maxCh = Math.max(2, ...pts.map((p) => p.channels));
  const y = scaleLog().base(2).domain([1, maxSize]).range([h, 0]);
  const y2 = scaleLog().base(2).domain([1, maxCh]).range([h, 0]);
  g.select<SVGGElement>('g.x').attr('transform', `translate(0,${h})`).call(axisBottom(x).ticks(10));
  g.select<SVGGElement>('g.y').call(
    axisLeft(y)
      .tickValues(pow2Ticks(maxSize))
      .tickFormat((v) => String(v))
  );
  g.select<SVGGElement>('g.y2')
    .attr('transform', `translate(${w},0)`)
    .call(
      axisRight(y2)
        .tickValues(pow2Ticks(maxCh))
        .tickFormat((v) => String(v))
    );
  g.select('g.bands')
    .selectAll<SVGGElement, ReturnType<typeof stageStarts>[number]>('g.band')
    .data(stageStarts(pts), (d) => d.stage)
    .join((e) => {
      const b = e.append('g').attr('class', 'band');
      b.append('rect');
      b.append('text');
      return b;
    })
    .call((b) =>
      b
        .select('rect')
        .attr('x', (d) => x(d.start))
        .attr('width', (d) => Math.max(1, x(d.end) - x(d.start)))
        .attr('y', 0)
        .attr('height', h)
        .style('fill', (d) => stageColor(d.stage))
    )
    .call((b) =>
      b
        .select('text')
        .attr('x', (d) => (x(d.start) + x(d.end)) / 2)
        .attr('y', h - 6)
        .text((d) => (d.stage === 'input' || x(d.end) - x(d.start) < 28 ? '' : d.stage))
    );
  const sizeLine = line<DepthPoint>()
    .x((p) => x(p.depth))
    .y((p) => y(Math.max(1, p.size)));
  const chLine = line<DepthPoint>()
    .x((p) => x(p.depth))
    .y((p) => y2(Math.max(1, p.channels)));
  g.select('g.marks')
    .selectAll<SVGPathElement, string>('path')
    .data(['size', 'channels'], (d) => d)
    .join('path')
    .attr('class', (d) => `series ${d}`)
    .attr('d', (d) => (d === 'size' ? sizeLine(pts) : chLine(pts)));
  pickAlong(g, pts, x, w, h, selected, onpick, 'spatial size and channels');
  labels(
    g,
    w,
    h,
    'Spatial size (solid) and channels (dashed) along the main path',
    'depth (op index along the main path)',
    'height, px (log₂)',
    'channels (log₂)'
  );
}

function barChart(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  cls: string,
  ox: number,
  data: StageTotal[],
  key: 'macs' | 'params',
  title: string,
  unit: string,
  pick: { stage: string | null; exact: boolean; onpick: (id: string) => void }
) {
  const w = 250;
  const h = 200;
  const g = panel(root, cls, ox, 330);
  const x = scaleBand()
    .domain(data.map((d) => d.stage))
    .range([0, w])
    .padding(0.25);
  const max = Math.max(1, ...data.map((d) => d[key]));
  const y = scaleLinear().domain([0, max]).nice().range([h, 0]);
  g.select<SVGGElement>('g.x').attr('transform', `translate(0,${h})`).call(axisBottom(x));
  g.select<SVGGElement>('g.y').call(
    axisLeft(y)
      .ticks(5)
      .tickFormat((v) => formatCompact(Number(v)))
  );
  g.select('g.marks')
    .selectAll<SVGGElement, StageTotal>('g.bar')
    .data(data, (d) => d.stage)
    .join((e) => {
      // Each bar is a button for its stage: click, or focus and Enter or Space.
      const b = e.append('g').attr('class', 'bar').attr('tabindex', 0).attr('role', 'button');
      b.append('rect');
      b.append('text');
      return b;
    })
    .classed('sel', (d) => d.stage === pick.stage)
    .attr('data-stage', (d) => d.stage)
    .attr('aria-pressed', (d) => String(pick.exact && d.stage === pick.stage))
    .attr('aria-label', (d) => `${d.stage}: ${formatCount(d[key])} ${unit}`)
    .on('click', (_e, d) => pick.onpick(d.stage))
    .on('keydown', (e: KeyboardEvent, d) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      pick.onpick(d.stage);
    })
    .call((b) =>
      b
        .select('rect')
        .attr('x', (d) => x(d.stage) ?? 0)
        .attr('width', x.bandwidth())
        .attr('y', (d) => y(d[key]))
        .attr('height', (d) => h - y(d[key]))
        .style('fill', (d) => stageColor(d.stage))
    )
    .call((b) =>
      b
        .select('text')
        .attr('x', (d) => (x(d.stage) ?? 0) + x.bandwidth() / 2)
        .attr('y', (d) => y(d[key]) - 4)
        .text((d) => (d[key] ? formatCompact(d[key]) : ''))
    );
  labels(g, w, h, title, 'stage', unit);
}

function rfChart(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  pts: DepthPoint[],
  inputSize: number,
  selected: number,
  onpick: (id: string) => void
) {
  const w = 250;
  const h = 200;
  const g = panel(root, 'rf', 690, 330);
  const x = scaleLinear()
    .domain([0, Math.max(1, pts.length - 1)])
    .range([0, w]);
  const max = Math.max(inputSize, ...pts.map((p) => p.rf));
  const y = scaleLinear().domain([0, max]).nice().range([h, 0]);
  g.select<SVGGElement>('g.x').attr('transform', `translate(0,${h})`).call(axisBottom(x).ticks(5));
  g.select<SVGGElement>('g.y').call(axisLeft(y).ticks(5));
  const rfLine = line<DepthPoint>()
    .x((p) => x(p.depth))
    .y((p) => y(p.rf));
  g.select('g.marks')
    .selectAll<SVGPathElement, string>('path.series')
    .data(['rf'])
    .join('path')
    .attr('class', 'series rf')
    .attr('d', rfLine(pts));
  g.select('g.marks')
    .selectAll<SVGLineElement, number>('line.ref')
    .data([inputSize])
    .join('line')
    .attr('class', 'ref')
    .attr('x1', 0)
    .attr('x2', w)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d));
  g.select('g.marks')
    .selectAll<SVGTextElement, number>('text.ref')
    .data([inputSize])
    .join('text')
    .attr('class', 'ref')
    .attr('x', 4)
    .attr('y', (d) => y(d) - 4)
    .text((d) => `input ${d} px`);
  pickAlong(g, pts, x, w, h, selected, onpick, 'receptive field');
  const last = pts[pts.length - 1];
  labels(
    g,
    w,
    h,
    `Receptive field (last: ${last ? last.rf : 'n/a'} px, stride ${last ? last.stride : 'n/a'})`,
    'depth',
    'receptive field, px'
  );
}

export interface ChartsDraw {
  /** The node that stands for the selection (an op, or a group's output), marked on the depth charts. */
  selected: string | null;
  /** The stage the selection is in, marked among the bars; `exact` when it is the stage itself. */
  stage: string | null;
  exact: boolean;
  onpick: (id: string) => void;
}

export function renderCharts(
  svg: SVGElement,
  { points: pts, stages, inputSize }: ChartsLayout,
  { selected, stage, exact, onpick }: ChartsDraw
): void {
  const root = select(svg as SVGSVGElement);
  const at = selected ? pts.findIndex((p) => p.id === selected) : -1;
  const pick = { stage, exact, onpick };
  depthChart(root, pts, inputSize, at, onpick);
  barChart(
    root,
    'macs',
    M.left,
    stages,
    'macs',
    'MACs per stage (FLOPs = 2 × MACs)',
    'multiply-accumulates',
    pick
  );
  barChart(root, 'params', 370, stages, 'params', 'Parameters per stage', 'parameters', pick);
  rfChart(root, pts, inputSize, at, onpick);
}

export const chartsDiagram: Diagram<Analysis, ChartsLayout, ChartsDraw> = {
  layout: layoutCharts,
  render: renderCharts
};
