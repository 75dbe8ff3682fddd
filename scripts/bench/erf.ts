/**
 * Effective receptive field benchmark in headless Chromium (Debian's, SwiftShader WebGL): for ResNet-18
 * and ResNet-50 at 224x224 with seeded weights, the side of the smallest centred square holding 20, 50,
 * 90 and 99 % of the gradient of C2..C5's centre cells (seeded-noise inputs), and the median time of one
 * backward pass per tap on webgl, wasm and cpu. Driven through /dev/erf's window.__archscopeErfBench;
 * needs the test build. Standalone: npx tsx scripts/bench/erf.ts [samples]
 */
import { pathToFileURL } from 'node:url';
import type { ErfBackendBench } from '../../src/test-routes/dev/erf/hooks';
import { BASE_URL, openSession } from './browser';

export interface ErfBench {
  case: string;
  results: ErfBackendBench[];
}

/** Samples per backend: the sizes are averaged over wasm's (the fastest here); the others time 2. */
export async function benchErf(presets = ['resnet18', 'resnet50'], wasmSamples = 8): Promise<ErfBench[]> {
  const session = await openSession();
  const out: ErfBench[] = [];
  try {
    const page = await session.browser.newPage();
    page.setDefaultTimeout(0);
    await page.goto(`${BASE_URL}/dev/erf?preset=resnet18&input=32x32`);
    await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
    for (const preset of presets) {
      const results = (await page.evaluate(
        (args) =>
          (
            window as unknown as { __archscopeErfBench: (o: unknown) => Promise<unknown> }
          ).__archscopeErfBench(args),
        {
          preset,
          size: '224x224',
          backends: ['wasm', 'webgl', 'cpu'],
          samples: { wasm: wasmSamples, webgl: 2, cpu: 2 }
        }
      )) as ErfBackendBench[];
      out.push({ case: `${preset} at 224x224, seeded weights, centre cells`, results });
    }
  } finally {
    await session.close();
  }
  return out;
}

export function printErf(benches: ErfBench[]): void {
  for (const b of benches) {
    console.log(`effective receptive field in Chromium: ${b.case}`);
    const sizes = b.results[0];
    for (const r of sizes.rows) {
      const sq = (['20', '50', '90', '99'] as const)
        .map((k) => `${k}% ${r.squares[k]} px (${r.ratios[k]})`)
        .join(', ');
      console.log(
        `  ${r.tap} (theoretical ${Math.max(...r.theoretical.size)} px, ${sizes.backend}, ${r.samples} samples): ${sq}`
      );
    }
    for (const r of b.results) {
      const name = r.renderer ? `${r.backend} (${r.renderer})` : r.backend;
      const times = Object.entries(r.backwardMs)
        .map(([tap, ms]) => `${tap} ${ms.toFixed(0)} ms`)
        .join(', ');
      console.log(`  ${name}: forward ${r.forwardMs.toFixed(0)} ms per sample; backward per tap: ${times}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchErf(undefined, Number(process.argv[2] ?? 8))
    .then(printErf)
    .catch((err) => {
      console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
