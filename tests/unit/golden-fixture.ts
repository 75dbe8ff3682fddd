/**
 * Loads the PyTorch/torchvision golden fixtures (tests/fixtures/torchvision, made by
 * scripts/fixtures/torchvision_golden.py) and reads the engine's tap shapes in the same form.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Shape } from '../../src/lib/core/types';
import { type Analysis, analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';

const DIR = fileURLToPath(new URL('../fixtures/torchvision/', import.meta.url));

export type TapShapes = Record<string, number[]>;

export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as T;
}

/** "375x500" -> [375, 500] */
export function parseSize(key: string): [number, number] {
  const [h, w] = key.split('x').map(Number);
  return [h, w];
}

export function analyzePreset(id: string, size: [number, number]): Analysis {
  const cfg = presetConfig(id);
  if (!cfg) throw new Error(`unknown preset ${id}`);
  return analyze(cfg, size);
}

/**
 * The engine's shapes for the named taps. torchvision's logits are [N, K]; the engine keeps every
 * node 4-d, so a 2-d fixture shape is compared as [N, K, 1, 1].
 */
export function engineTaps(a: Analysis, names: string[]): Record<string, Shape | null> {
  const out: Record<string, Shape | null> = {};
  for (const t of names) {
    const id = a.model.graph.taps[t];
    out[t] = id ? (a.result.stats.get(id)?.shape ?? null) : null;
  }
  return out;
}

export function as4d(shapes: TapShapes): Record<string, number[]> {
  return Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, s.length === 2 ? [...s, 1, 1] : s]));
}
