/**
 * ArchScope against onnxruntime-web in one headless Chromium page: torchvision's ResNet-50 at 224x224
 * on wasm with one thread (SIMD), ArchScope fused, ArchScope strict and onnxruntime-web (devDependency)
 * on the same weights, interleaved, as medians and ratios. The model is exported at bench time by
 * scripts/bench/export_onnx.py with Debian's python3-torch into .cache/bench/ (ignored; about 300 MB),
 * and served to the page with onnxruntime-web's own files under /__bench/ by the preview server (links
 * in the test build's client folder, made here; Playwright's request interception cannot carry a
 * 100 MB body), so none of it is in the site. Standalone: npx tsx scripts/bench/runtimes.ts [runs]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuntimesReport } from '../../src/test-routes/dev/live/runtimes';
import { BASE_URL, openSession } from './browser';

export const CACHE_DIR = '.cache/bench';
const ORT_DIR = 'node_modules/onnxruntime-web/dist';
const PYTHON = '/usr/bin/python3';
const FILES = ['resnet50.onnx', 'resnet50.safetensors', 'resnet50_io.safetensors'];
// What `vite preview` serves static files from for the test build (svelte.config.js outDir).
const SERVED = '.svelte-kit-test/output/client/__bench';

/** /__bench/ort -> onnxruntime-web's dist, /__bench/cache -> the export (the test build is rebuilt each bench). */
function linkServed(): void {
  rmSync(SERVED, { recursive: true, force: true });
  mkdirSync(SERVED, { recursive: true });
  symlinkSync(resolve(ORT_DIR), join(SERVED, 'ort'));
  symlinkSync(resolve(CACHE_DIR), join(SERVED, 'cache'));
}

/** Why the comparison cannot run here, or null. Exports the model first when it is missing. */
export function prepareRuntimes(): string | null {
  if (!existsSync(join(ORT_DIR, 'ort.wasm.min.mjs'))) return 'onnxruntime-web is not installed (npm ci)';
  if (!existsSync('.svelte-kit-test/output/client')) return 'no test build (npm run build:test)';
  if (!FILES.every((f) => existsSync(join(CACHE_DIR, f)))) {
    if (!existsSync(PYTHON)) return `no ${PYTHON} (apt-get install python3-torch python3-torchvision)`;
    try {
      execFileSync(PYTHON, ['scripts/bench/export_onnx.py', CACHE_DIR], { stdio: 'inherit' });
    } catch (err) {
      return `the ONNX export failed (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  linkServed();
  return null;
}

export async function benchRuntimes(runs = 10): Promise<RuntimesReport> {
  const session = await openSession();
  try {
    const page = await session.browser.newPage();
    page.on('crash', () => console.error('runtimes: the page crashed (out of memory?)'));
    page.on('pageerror', (e) => console.error(`runtimes: ${e.message}`));
    page.on('console', (m) => console.error(m.text()));
    await page.goto(`${BASE_URL}/dev/live?preset=resnet50&input=224x224`);
    await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
    return (await page.evaluate(
      (o) =>
        (window as unknown as { __archscopeRuntimes: (o: unknown) => Promise<unknown> }).__archscopeRuntimes(
          o
        ),
      {
        weightsUrl: '/__bench/cache/resnet50.safetensors',
        ioUrl: '/__bench/cache/resnet50_io.safetensors',
        onnxUrl: '/__bench/cache/resnet50.onnx',
        ortUrl: '/__bench/ort/ort.wasm.min.mjs',
        ortDir: '/__bench/ort/',
        runs
      }
    )) as RuntimesReport;
  } finally {
    await session.close();
  }
}

export function printRuntimes(r: RuntimesReport): void {
  const ort = r.results.find((x) => x.name === 'onnxruntime-web')!;
  console.log(
    `ResNet-50 (torchvision, random weights, same for all three) at 224x224, wasm SIMD, ` +
      `tfjs ${r.threads.tfjs} thread, onnxruntime-web ${r.threads.ort} thread, ${ort.all.length} interleaved runs`
  );
  const targets: Record<string, number> = { 'ArchScope fused': 1.0, 'ArchScope strict': 1.2 };
  for (const x of r.results) {
    const ratio = x.medianMs / ort.medianMs;
    const target = targets[x.name];
    const verdict = target ? ` (target <= ${target.toFixed(1)}x: ${ratio <= target ? 'met' : 'MISSED'})` : '';
    console.log(
      `  ${x.name}: median ${x.medianMs.toFixed(0)} ms, ${ratio.toFixed(2)}x onnxruntime-web${verdict}; ` +
        `first run ${x.firstMs.toFixed(0)} ms; logits vs PyTorch ${x.errorVsTorch.toExponential(1)} relative`
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const why = prepareRuntimes();
  if (why) console.log(`runtimes: skipped (${why})`);
  else
    benchRuntimes(process.argv[2] ? Number(process.argv[2]) : 10)
      .then(printRuntimes)
      .catch((err) => {
        console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      });
}
