import type { Locator } from '@playwright/test';

/** The layer graph's zoom as d3-zoom set it on its zoom layer: [x, y, k]. */
export const zoomOf = (graph: Locator): Promise<number[]> =>
  graph.locator('g[data-zoom-layer]').evaluate((g) => {
    const m = (g as SVGGElement).transform.baseVal.consolidate()?.matrix;
    return m ? [m.e, m.f, m.a] : [0, 0, 1];
  });
