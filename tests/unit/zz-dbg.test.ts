import { it } from 'vitest';
import { createErfEngine } from '../../src/lib/erf/engine';
import { loadGradients } from '../../src/lib/erf/gradients';
import { loadBackend } from '../../src/lib/exec/backend';
import { buildModel } from '../../src/lib/models/build';
import { presetConfig } from '../../src/lib/models/presets';
import { loadWeights } from '../../src/lib/weights/load';
import { parseSafetensors, readFloat32 } from '../../src/lib/weights/safetensors';
import { fixtureBuffer } from '../fixtures/weights/writer';
import { relativeError } from '../parity';
it('dbg', async () => {
  const { tf } = await loadBackend(['wasm']);
  await loadGradients();
  const model = buildModel({ ...presetConfig('fasterrcnn_resnet50_fpn_backbone')!, width: 8, fpnChannels: 32 });
  const g = model.graph;
  const { source } = loadWeights(fixtureBuffer('fasterrcnn_w8.safetensors'), model);
  const io = parseSafetensors(fixtureBuffer('erf_io.safetensors'));
  const x = readFloat32(io, io.byName.get('input/fasterrcnn_w8/64x64')!);
  const ref = readFloat32(io, io.byName.get('grad/fasterrcnn_w8/64x64/P6/0,0')!);
  const e = createErfEngine(tf, g, { weights: source! });
  for (const set of [['P6'], ['P5'], ['P4', 'P6'], ['C5', 'P6'], ['P6', 'P4'], ['P2', 'P6']]) {
    const cells: Record<string, [number, number]> = { P6: [0, 0], P5: [0, 0], P4: [2, 2], C5: [1, 1], P2: [5, 9] };
    const r = await e.run({ input: [1, 3, 64, 64], data: [x], targets: set.map((t) => ({ node: g.taps[t], cell: cells[t] })), keepRaw: true });
    const k = set.includes('P6') ? set.indexOf('P6') : 0;
    console.log('SET', set.join(','), relativeError(r.maps[k].raw!, ref));
  }
});
