import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/models/build';
import { PRESETS, presetConfig } from '../../src/lib/models/presets';
import { defaultExpanded, visibleGraph } from '../../src/lib/viz/graph-collapse';
import { layoutGraph } from '../../src/lib/viz/graph-layout';
import { MIN_SCALE } from '../../src/lib/viz/graph-view';

// The explorer's graph area at a 1280 px window: 1280 - 300 (panel) - 2 x 20 (page padding)
// - 2 x 9 (diagram frame) - 17 (a classic scrollbar) = 905 px (src/routes/+page.svelte, viz.css).
const CONTENT_AT_1280 = 905;
const FOLDED = new Set(['neck', 'head', 'roi']);
/** The straight runs (H and V) of an edge path as [x0, y0, x1, y1]; curves only turn in the gaps. */
function straightRuns(d: string): number[][] {
  const runs: number[][] = [];
  let [x, y] = [0, 0];
  for (const [, cmd, args] of d.matchAll(/([MHVCq])([^MHVCq]*)/g)) {
    const n = args.trim().split(/[ ,]+/).map(Number);
    if (cmd === 'M') [x, y] = n;
    else if (cmd === 'H') runs.push([x, y, (x = n[0]), y]);
    else if (cmd === 'V') runs.push([x, y, x, (y = n[0])]);
    else if (cmd === 'C') [x, y] = n.slice(4);
    else [x, y] = [x + n[2], y + n[3]]; // q: relative
  }
  return runs;
}

const all = PRESETS.map((p) => ({ id: p.id, graph: buildModel(presetConfig(p.id)!).graph }));

describe('the neck and heads fold under the backbone', () => {
  it('is safe: nothing in the neck or heads feeds the backbone, collapsed or fully open', () => {
    for (const { id, graph } of all)
      for (const open of [defaultExpanded(graph), new Set(graph.groups.map((g) => g.path))]) {
        const vg = visibleGraph(graph, open);
        const band = new Map(vg.items.map((i) => [i.id, i.band]));
        const back = vg.edges.filter(
          (e) => FOLDED.has(band.get(e.source)!) && !FOLDED.has(band.get(e.target)!)
        );
        expect(
          back.map((e) => e.id),
          id
        ).toEqual([]);
      }
  });

  it('starts the neck at the left edge; edges run left to right except the laterals, which drop', () => {
    const graph = all.find((p) => p.id === 'maskrcnn_resnet50_fpn')!.graph;
    const vg = visibleGraph(graph, defaultExpanded(graph));
    const { boxes } = layoutGraph(vg);
    expect(boxes.get('neck/P5')!.x).toBeLessThan(boxes.get('C2')!.x);
    expect(boxes.get('neck/P5')!.y).toBeGreaterThan(boxes.get('C5')!.y);
    for (const e of vg.edges) {
      const [a, b] = [boxes.get(e.source)!, boxes.get(e.target)!];
      if (e.kind === 'lateral') expect(b.y, e.id).toBeGreaterThan(a.y);
      else expect(b.x, e.id).toBeGreaterThan(a.x);
    }
  });

  it('draws no edge through a box: every preset collapsed, and with each top-level group opened', () => {
    const crossings: string[] = [];
    for (const { id, graph } of all) {
      const tops = graph.groups.filter((g) => !g.path.includes('/')).map((g) => g.path);
      for (const open of [[], ...tops.map((t) => [t])]) {
        const { boxes, edges } = layoutGraph(
          visibleGraph(graph, new Set([...defaultExpanded(graph), ...open]))
        );
        for (const e of edges)
          for (const [x0, y0, x1, y1] of straightRuns(e.d))
            for (const b of boxes.values()) {
              if (b.id === e.source || b.id === e.target) continue;
              const inX = Math.max(x0, x1) > b.x + 1 && Math.min(x0, x1) < b.x + b.w - 1;
              const inY = Math.max(y0, y1) > b.y + 1 && Math.min(y0, y1) < b.y + b.h - 1;
              if (inX && inY) crossings.push(`${id} [${open}] ${e.id} through ${b.id}`);
            }
      }
    }
    expect(crossings).toEqual([]);
  });

  it('lets the collapsed view of every preset fit the 1280 px page at a readable scale', () => {
    const wide = all
      .filter(
        ({ graph }) =>
          layoutGraph(visibleGraph(graph, defaultExpanded(graph))).width * MIN_SCALE > CONTENT_AT_1280
      )
      .map((p) => p.id);
    expect(wide).toEqual([]);
  });

  it("folds PSPNet's pooling pyramid, its head and the auxiliary head under the backbone", () => {
    // Unfolded, the four bins and the head after them were three columns past C5: 1338 px, which
    // panned at 0.8x (1338 x 0.8 = 1070 > 905).
    const graph = all.find((p) => p.id === 'pspnet_r50')!.graph;
    const { boxes } = layoutGraph(visibleGraph(graph, defaultExpanded(graph)));
    for (const id of ['ppm/bin1', 'ppm/bin6', 'ppm/concat', 'head', 'aux']) {
      expect(boxes.get(id)!.y, id).toBeGreaterThan(boxes.get('C5')!.y + boxes.get('C5')!.h);
      expect(boxes.get(id)!.x, id).toBeLessThan(boxes.get('C5')!.x);
    }
    // The head reads the concatenation: it stays to its right on the second line.
    expect(boxes.get('head')!.x).toBeGreaterThan(boxes.get('ppm/concat')!.x);
  });
});
