/**
 * Backends and execution plans in one page load (ResNet-18 at 64x64, live runs in the worker):
 * the preview server makes the page cross-origin isolated, so wasm runs tfjs's threaded build (the
 * minified one: a ReferenceError in its pthread workers would fail the run) and the backend line says
 * how many threads ran; WebGPU runs on Chromium's software adapter when chosen by name (this spec
 * launches Chromium with --enable-unsafe-webgpu, docs/platform.md) and 'auto' skips that adapter and
 * says why; the fused plan names what it folded and strict folds nothing; tensors return to baseline.
 */
import { type Page, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

test.use({
  launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] }
});
test.describe.configure({ mode: 'serial' });

interface LiveHooks {
  memory: () => Promise<{ numTensors: number | null }>;
  release: () => void;
}

let page: Page;
let nodes = 0;
const requests: string[] = [];
const errors: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/dev/live?preset=resnet18&input=64x64');
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  nodes = Number((await page.getByTestId('node-count').textContent())!.split(' ')[0]);
});

test.afterAll(() => page.close());

async function run(backend: string, execution: string) {
  await page.getByLabel('Backend').selectOption(backend);
  await page.getByTestId('live-execution').selectOption(execution);
  await page.getByRole('button', { name: 'Run live' }).click();
  await expect(page.getByTestId('live-summary')).toContainText(`${nodes}/${nodes} shapes confirmed`, {
    timeout: 90_000
  });
}

test('wasm: cross-origin isolated, the threaded build runs in the worker and the line says how many threads', async () => {
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await run('wasm', 'fused');
  await expect(page.getByTestId('live-backend')).toHaveText(/wasm \(in a worker, \d+ threads?\)/);
  expect(requests.some((u) => u.includes('tfjs-backend-wasm-threaded-simd'))).toBe(true);
  expect(errors.filter((e) => /ReferenceError|is not defined/.test(e))).toEqual([]);
  // ResNet-18: 20 conv + BN pairs (stem, 8 blocks x 2, 3 shortcuts) and the 9 ReLUs right after a
  // BN (stem, one per block); the ReLU after each residual add runs on its own.
  const folded = page.getByTestId('live-folded');
  await expect(folded).toContainText(
    '20 batch norms folded into their convs and 9 ReLUs fused: those 29 shapes were confirmed through the fused op'
  );
  await folded.locator('summary').click();
  await expect(folded.getByRole('row', { name: /C2\/unit1\/bn1 bn1 folded into conv1/ })).toBeVisible();
});

test('strict runs every node on its own, and the tensors come back to the baseline', async () => {
  await run('wasm', 'strict');
  await expect(page.getByTestId('live-folded')).toHaveText('Strict execution: every node ran as its own op.');
  await page.evaluate(() => (window as unknown as { __archscopeLive: LiveHooks }).__archscopeLive.release());
  const { numTensors } = await page.evaluate(() =>
    (window as unknown as { __archscopeLive: LiveHooks }).__archscopeLive.memory()
  );
  // Released: no weight tensor is held and every intermediate was freed.
  expect(numTensors).toBe(0);
});

test('WebGPU on the software adapter when chosen by name; auto skips it and says why', async () => {
  await run('webgpu', 'fused');
  await expect(page.getByTestId('live-backend')).toHaveText(/webgpu \(in a worker, google swiftshader\)/);
  await page.getByLabel('Backend').selectOption('auto');
  await page.getByRole('button', { name: 'Run live' }).click();
  await expect(page.getByTestId('live-backend')).toContainText(
    'WebGPU has only a software adapter here (google swiftshader), slower than wasm',
    { timeout: 90_000 }
  );
});
