import { expect, test } from '@playwright/test';

import { sharedPage } from './shared-page';

// Issue 10, item 9: "auto" on a software renderer. Headless Chromium here renders WebGL with
// SwiftShader, so auto must pass over it for wasm, say why, name the renderer once, and remember the
// run's speed to forecast the next long run. One page, serial steps.
const page = sharedPage();

/** The renderer as WebGL reports it to any page, read here without the app's code. */
const renderer = () =>
  page().evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2')!;
    const ext = gl.getExtension('WEBGL_debug_renderer_info')!;
    return String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL));
  });

let firstSeconds = 0;

test('auto passes over SwiftShader for wasm, says why and names the renderer once', async () => {
  await page().goto('/dev/live?preset=resnet18&input=64x64');
  await expect(page().locator('main[data-ready="true"]')).toBeVisible();
  const name = await renderer();
  expect(name).toContain('SwiftShader');
  // Nothing measured yet in this fresh context: no forecast.
  await expect(page().getByTestId('live-forecast')).toHaveCount(0);
  await expect(page().getByLabel('Backend')).toHaveValue('auto');
  await page().getByRole('button', { name: 'Run live' }).click();
  const summary = page().getByTestId('live-summary');
  await expect(summary).toContainText(
    /(\d+)\/\1 shapes confirmed on wasm \(in a worker, 1 thread\) in [\d.]+ s/,
    {
      timeout: 60_000
    }
  );
  const line = page().getByTestId('live-backend');
  await expect(line).toContainText(
    `WebGL renders on the CPU here (SwiftShader: ${name}), where wasm is faster (choose WebGL above to use it anyway); running on wasm`
  );
  const panel = (await page().locator('.live-panel').textContent())!;
  expect(panel.split(name).length - 1).toBe(1);
  firstSeconds = Number(/in ([\d.]+) s/.exec((await summary.textContent())!)![1]);
  await page().screenshot({ path: 'test-results/screenshots/live-auto-software-renderer.png' });
});

test('a long run is forecast from the last run on the same backend', async () => {
  // ResNet-50 at 512x512 against ResNet-18 at 64x64: torchvision's published 4.09 and 1.81 GMACs at
  // 224x224 scaled by (512 / 64)^2 make it about 145 times the work.
  await page().goto('/dev/live?preset=resnet50&input=512x512');
  await expect(page().locator('main[data-ready="true"]')).toBeVisible();
  const note = page().getByTestId('live-forecast');
  await expect(note).toContainText(
    /^A run of this model takes about [\d.]+ (s|min)( \d+ s)? on wasm \(the last wasm run went at [\d.]+ [GM]MAC\/s\)\.$/
  );
  const m = /about (\d+(?:\.\d+)?) (s|min)(?: (\d+) s)?/.exec((await note.textContent())!)!;
  const seconds = m[2] === 'min' ? Number(m[1]) * 60 + Number(m[3] ?? 0) : Number(m[1]);
  // The first run's own wall time, as the page stored it (the summary rounds it to 0.1 s).
  const stored = await page().evaluate(
    () => JSON.parse(localStorage.getItem('archscope.live-speed')!).speeds.wasm.seconds as number
  );
  expect(Math.abs(stored - firstSeconds)).toBeLessThanOrEqual(0.05 + 1e-9);
  // Two significant figures in the text, and 4.09 / 1.81 rounded: 10% covers both.
  expect(seconds / stored).toBeGreaterThan(145 * 0.9);
  expect(seconds / stored).toBeLessThan(145 * 1.1);
  // Choosing a backend with no measured run drops the forecast.
  await page().getByLabel('Backend').selectOption('cpu');
  await expect(note).toHaveCount(0);
});
