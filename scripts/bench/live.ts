/**
 * Live-run benchmark in headless Chromium (Debian's, SwiftShader WebGL): median forward time of
 * ResNet-50 at 224x224 on webgl, wasm and cpu, and the cost of shape capture (per-node shapes, timings,
 * tap min/mean/max) against a plain forward of the same graph. Driven through the dev route's
 * window.__archscopeBench hook; needs the built site. Standalone: npx tsx scripts/bench/live.ts
 */
import { pathToFileURL } from 'node:url';
import type { BackendBench } from '../../src/test-routes/dev/live/hooks';
import { BASE_URL, openSession } from './browser';

export interface LiveBackendBench {
  backend: string;
  renderer?: string;
  threads?: number;
  runs: number;
  /** Shader precompilation before the first pass (WebGL, WebGPU). */
  compileMs: number;
  /** First pass after it (weight upload included). */
  firstMs: number;
  plainMs: number;
  captureMs: number;
  /** captureMs / plainMs - 1 (target <= 0.10). */
  captureOverhead: number;
}

export interface LiveBench {
  case: string;
  results: LiveBackendBench[];
}

/** What the dev route's window.__archscopeBench returns per backend. */
type HookResult = BackendBench;

// cpu takes about 5 s a pass at 224 here (docs/platform.md), webgl on SwiftShader about 6 s: 3 timed
// runs per mode there, 5 on wasm; WebGPU (SwiftShader's software adapter, where Chromium gives one) 3.
const RUNS = { webgpu: 3, webgl: 3, wasm: 5, cpu: 3 };

export async function benchLive(preset = 'resnet50', size = '224x224'): Promise<LiveBench> {
  const session = await openSession();
  try {
    const page = await session.browser.newPage();
    await page.goto(`${BASE_URL}/dev/live?preset=${preset}&input=${size}`);
    await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
    const raw = (await page.evaluate(
      (args) =>
        (window as unknown as { __archscopeBench: (o: unknown) => Promise<unknown> }).__archscopeBench(args),
      { preset, size, backends: ['webgpu', 'webgl', 'wasm', 'cpu'], runs: RUNS }
    )) as HookResult[];
    return {
      case: `${preset} at ${size}, batch 1, seeded weights`,
      results: raw.map((r) => ({
        backend: r.backend,
        renderer: r.renderer,
        threads: r.threads,
        runs: r.runs,
        compileMs: r.compileMs,
        firstMs: r.firstMs,
        plainMs: r.plainMs,
        captureMs: r.captureMs,
        captureOverhead: r.captureMs / r.plainMs - 1
      }))
    };
  } finally {
    await session.close();
  }
}

export function printLive(b: LiveBench): void {
  console.log(`live run in Chromium: ${b.case}`);
  for (const r of b.results) {
    const name = r.renderer
      ? `${r.backend} (${r.renderer})`
      : r.threads
        ? `${r.backend} (${r.threads} thread)`
        : r.backend;
    const ratio = r.firstMs / r.plainMs;
    const gpu = r.backend === 'webgl' || r.backend === 'webgpu';
    console.log(
      `  ${name}: median ${r.plainMs.toFixed(0)} ms plain, ${r.captureMs.toFixed(0)} ms with capture ` +
        `(overhead ${(100 * r.captureOverhead).toFixed(1)}%, target <= 10%: ${r.captureOverhead <= 0.1 ? 'met' : 'MISSED'}); ` +
        `first pass ${r.firstMs.toFixed(0)} ms = ${ratio.toFixed(2)}x steady` +
        (gpu
          ? ` (target <= 2x: ${ratio <= 2 ? 'met' : 'MISSED'}) after ${r.compileMs.toFixed(0)} ms of shader precompilation`
          : '') +
        `; ${r.runs} runs each`
    );
  }
  for (const name of ['webgpu', 'webgl', 'wasm', 'cpu'])
    if (!b.results.some((r) => r.backend === name)) console.log(`  ${name}: not available in this browser`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchLive(process.argv[2], process.argv[3])
    .then(printLive)
    .catch((err) => {
      console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
