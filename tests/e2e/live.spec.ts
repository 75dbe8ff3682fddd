import { type Page, expect, test } from '@playwright/test';

declare global {
  interface Window {
    __archscopeParity: () => Promise<{
      backends: string[];
      errors: Record<string, number>;
      shapes: Record<string, string[]>;
    }>;
    __archscopeLive: {
      memory: () => Promise<{ numTensors: number | null }>;
      release: () => void;
      load: (pref?: string[]) => Promise<{ backend: string; numTensors: number }>;
      loseContext: () => Promise<boolean>;
      thread: () => string | null;
    };
  }
}

/** Opens the dev live route and returns the graph's node count as the page reports it. */
async function open(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  return Number((await page.getByTestId('node-count').textContent())!.split(' ')[0]);
}

const runButton = (page: Page) => page.getByRole('button', { name: 'Run live' });
// Headless Chromium renders WebGL with SwiftShader, which "auto" passes over for wasm: the WebGL tests
// choose it explicitly.
const chooseWebgl = (page: Page) => page.getByLabel('Backend').selectOption('webgl');

// Whole models, heads included, with the transform off and few regions: every node of the preset's
// graph (ResNet-50's depth, the whole neck and heads), at narrow widths. SwiftShader renders on the
// CPU; full widths took 16-28 s a model there and added no op, node or shader kind the narrow run lacks.
for (const preset of ['retinanet_resnet50_fpn', 'maskrcnn_resnet50_fpn']) {
  test(`${preset}, heads included, at 64x64 and narrow widths on WebGL: every node confirmed`, async ({
    page
  }) => {
    test.setTimeout(300_000);
    const nodes = await open(
      page,
      `/dev/live?preset=${preset}&input=64x64&transform=none&proposals=8&detections=4&width=16&fpnChannels=32&boxFcDim=64&maskConvDim=16`
    );
    await chooseWebgl(page);
    await runButton(page).click();
    await expect(page.getByTestId('live-summary')).toContainText(
      `${nodes}/${nodes} shapes confirmed on webgl`,
      { timeout: 270_000 }
    );
    await expect(page.getByTestId('node-status')).toContainText(`${nodes} ok, 0 mismatch`);
    const mask = preset.startsWith('mask');
    for (const tap of mask ? ['box_regression', 'mask_logits'] : ['cls_logits/P7', 'bbox_regression/P3'])
      await expect(page.locator(`tr[data-tap="${tap}"]`)).toBeVisible();
    if (mask)
      await expect(page.getByTestId('live-regions')).toContainText(
        'The RoI heads run on 8 boxes per image (4 for the mask or keypoint head) that the run chooses deterministically'
      );
    else await expect(page.getByTestId('live-regions')).toHaveCount(0);
  });
}

test('zero detections: the mask head runs on an empty batch and every node is confirmed', async ({
  page
}) => {
  // A narrow Mask R-CNN (one unit per stage, width 8) keeps this quick; the heads are the same ops.
  const narrow = 'depth=0&layers=1,1,1,1&block=bottleneck&width=8&fpnChannels=16&boxFcDim=32&maskConvDim=16';
  const nodes = await open(
    page,
    `/dev/live?preset=maskrcnn_resnet50_fpn&input=64x64&transform=none&proposals=4&detections=0&${narrow}`
  );
  await expect(page.getByTestId('live-regions')).toContainText(
    'With 0 detections that head runs on an empty batch'
  );
  await chooseWebgl(page);
  await runButton(page).click();
  await expect(page.getByTestId('live-summary')).toContainText(
    `${nodes}/${nodes} shapes confirmed on webgl`,
    {
      timeout: 90_000
    }
  );
  // The empty taps have no statistics row; the box branch's do.
  await expect(page.locator('tr[data-tap="class_logits"]')).toBeVisible();
  await expect(page.locator('tr[data-tap="mask_logits"]')).toHaveCount(0);
});

// Makes getContext refuse WebGL on both canvas kinds; serialised into the page and the worker script.
function blockWebgl() {
  const block = (proto: { getContext: (...a: unknown[]) => unknown }) => {
    const orig = proto.getContext;
    proto.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
      return /webgl/i.test(String(type)) ? null : orig.call(this, type, ...rest);
    };
  };
  if (typeof HTMLCanvasElement !== 'undefined') block(HTMLCanvasElement.prototype as never);
  if (typeof OffscreenCanvas !== 'undefined') block(OffscreenCanvas.prototype as never);
}

test('without WebGL the run falls back to wasm, says why, and completes', async ({ page }) => {
  await page.addInitScript(blockWebgl);
  // Init scripts do not reach workers: the live-run worker's script gets the same patch in front.
  await page.route('**/workers/live.worker-*.js', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: `(${blockWebgl.toString()})();\n${await res.text()}` });
  });
  const nodes = await open(page, '/dev/live?preset=resnet18&input=64x64');
  await chooseWebgl(page);
  await runButton(page).click();
  await expect(page.getByTestId('live-backend')).toContainText(
    'WebGL is not available in this browser; running on wasm',
    { timeout: 60_000 }
  );
  await expect(page.getByTestId('live-summary')).toContainText(`${nodes}/${nodes} shapes confirmed on wasm`);
});

test('an oversized run is refused before tfjs loads, with a smaller size that fits', async ({ page }) => {
  await open(page, '/dev/live?preset=pspnet_r50&input=2048x2048');
  await runButton(page).click();
  const msg = page.getByTestId('live-message');
  await expect(msg).toContainText('A live run at 2048x2048 was not started');
  const text = (await msg.textContent())!;
  const m = /Try (\d+)x(\d+)/.exec(text);
  expect(m, text).not.toBeNull();
  expect(Number(m![1])).toBeLessThan(2048);
  expect(Number(m![1])).toBe(Number(m![2]));
  // Refused from the engine's numbers alone: TensorFlow.js was never loaded.
  expect(await page.evaluate(async () => (await window.__archscopeLive.memory()).numTensors)).toBeNull();
});

test('WebGL output equals the cpu backend within 1e-3 relative at every tap', async ({ page }) => {
  await open(page, '/dev/live');
  const r = await page.evaluate(() => window.__archscopeParity());
  expect(r.backends).toEqual(['webgl', 'cpu']);
  // PSPNet-like, Mask R-CNN with the transform, Keypoint R-CNN, RetinaNet v2 (GroupNorm).
  expect(Object.keys(r.shapes)).toEqual(['pspnet', 'maskrcnn', 'keypointrcnn', 'retinanet_v2']);
  for (const [model, verdicts] of Object.entries(r.shapes))
    for (const v of verdicts) expect(v, model).toMatch(/^(\d+) of \1 shapes confirmed/);
  for (const tap of ['maskrcnn:box_roi_pool', 'maskrcnn:mask_logits', 'keypointrcnn:keypoint_logits'])
    expect(Object.keys(r.errors)).toContain(tap);
  for (const [tap, err] of Object.entries(r.errors)) expect(err, tap).toBeLessThan(1e-3);
});

test('tensor count returns to baseline after runs, and repeated runs do not grow it', async ({ page }) => {
  await open(page, '/dev/live?preset=resnet18&input=64x64');
  const base = await page.evaluate(() => window.__archscopeLive.load(['wasm']));
  expect(base.backend).toBe('wasm');
  await page.getByLabel('Backend').selectOption('wasm');
  await runButton(page).click();
  await expect(page.getByTestId('live-summary')).toContainText('shapes confirmed on wasm', {
    timeout: 60_000
  });
  const afterOne = await page.evaluate(async () => (await window.__archscopeLive.memory()).numTensors);
  await runButton(page).click();
  await expect(page.getByTestId('live-summary')).toContainText('shapes confirmed on wasm', {
    timeout: 60_000
  });
  expect(await page.evaluate(async () => (await window.__archscopeLive.memory()).numTensors)).toBe(afterOne);
  await page.evaluate(() => window.__archscopeLive.release());
  expect(await page.evaluate(async () => (await window.__archscopeLive.memory()).numTensors)).toBe(
    base.numTensors
  );
});

test('the explorer and the dev route load no TensorFlow.js code until a run is asked for', async ({
  page
}) => {
  const scripts: string[] = [];
  page.on('response', async (res) => {
    if (res.url().endsWith('.js')) scripts.push(await res.text().catch(() => ''));
  });
  await page.goto('/?preset=resnet50&input=224x224');
  await page.waitForLoadState('networkidle');
  await page.goto('/dev/live?preset=resnet50&input=64x64');
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.length).toBeGreaterThan(3);
  // 'IS_BROWSER' is a tfjs-core environment flag name; no code of ours uses it.
  expect(scripts.filter((s) => s.includes('IS_BROWSER'))).toEqual([]);
});

test('a run can be cancelled and the next one starts cleanly', async ({ page }) => {
  const nodes = await open(page, '/dev/live?preset=resnet50&input=224x224');
  await page.getByLabel('Backend').selectOption('cpu');
  await runButton(page).click();
  await expect(page.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('live-message')).toContainText(/Run cancelled after \d+ of \d+ layers/);
  await expect(page.getByTestId('node-status')).toContainText('0 ok, 0 mismatch, 0 running');
  await page.goto('/dev/live?preset=resnet50&input=64x64');
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await page.getByLabel('Backend').selectOption('wasm');
  await runButton(page).click();
  const n64 = Number((await page.getByTestId('node-count').textContent())!.split(' ')[0]);
  expect(n64).toBe(nodes);
  await expect(page.getByTestId('live-summary')).toContainText(`${nodes}/${nodes} shapes confirmed on wasm`, {
    timeout: 60_000
  });
});

test('a repeated bad key on the dev live page shows each message instead of a blank page', async ({
  page
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/dev/live?depth=7&depth=7');
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  // resolveConfig reports the bad value once per occurrence; the allowed depths are the presets'.
  await expect(page.getByRole('alert')).toHaveText([
    /^depth="7" is not allowed/,
    /^depth="7" is not allowed/
  ]);
  expect(errors).toEqual([]);
});
