/**
 * `--erf TAP [--cell R,C] [--samples N]` for the CLI: the effective field of one cell with seeded
 * weights, averaged over seeded-noise samples, on tfjs's wasm backend in Node (cpu where wasm cannot
 * start). Loaded by the CLI only when asked, so the shape calculator itself never loads tfjs.
 */
import { loadBackend } from '../exec/backend';
import { quoteInput } from '../quote-input';
import type { Pair } from '../core/types';
import type { Analysis } from '../models/analyze';
import { createErfEngine } from './engine';
import { centreCell, erfTaps } from './field';
import { loadGradients } from './gradients';
import { type ErfSummary, summarizeErf } from './summary';
import { singleSample } from './sample';

export interface ErfRequestCli {
  tap: string;
  cell: Pair | null;
  samples: number;
}

/** Throws in the user's terms (an unknown tap, a cell off the grid); the summary otherwise. */
export async function measureErf(
  analysis: Analysis,
  req: ErfRequestCli
): Promise<ErfSummary & { backend: string }> {
  const result = singleSample(analysis);
  const taps = erfTaps(analysis.model.graph, result);
  const tap = taps.find((t) => t.tap === req.tap);
  if (!tap)
    throw new Error(
      `--erf ${quoteInput(req.tap)}: not a tap of this model with a fixed receptive field; choose one of ${taps.map((t) => t.tap).join(', ')}`
    );
  const cell = req.cell ?? centreCell(tap.grid[0], tap.grid[1]);
  if (cell[0] >= tap.grid[0] || cell[1] >= tap.grid[1])
    throw new Error(
      `--cell ${cell.join(',')}: ${tap.tap} is ${tap.grid[0]}x${tap.grid[1]}, so rows 0..${tap.grid[0] - 1} and columns 0..${tap.grid[1] - 1}`
    );
  // Production mode before any backend loads: tfjs's console notes (the second tfjs-core the wasm
  // backend brings along, the cpu backend's tfjs-node advert) would clutter stderr.
  (await import('@tensorflow/tfjs-core')).env().set('PROD', true);
  const { tf, info } = await loadBackend(['wasm', 'cpu']);
  await loadGradients();
  const engine = createErfEngine(tf, analysis.model.graph);
  try {
    const r = await engine.run({
      input: result.input,
      targets: [{ node: tap.node, cell }],
      samples: req.samples
    });
    return { ...summarizeErf(tap.tap, cell, tap.rf, r.maps[0], r.samples), backend: info.backend };
  } finally {
    engine.dispose();
  }
}
