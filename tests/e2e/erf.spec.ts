import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';

// Window hooks typed in live.spec.ts (window.__archscopeLive). One page per test; one sample on a small
// ResNet-18 input keeps the WebGL run short on SwiftShader (about 20 s, mostly shader compilation).
test.describe.configure({ mode: 'serial' });

let page: Page;
test.beforeAll(async ({ browser }) => {
  // A context of its own: axe needs one.
  page = await (await browser.newContext()).newPage();
});
test.afterAll(() => page.context().close());

test('pick a tap and a cell, run on WebGL: heatmap, contours, table and chart; tensors back to baseline', async () => {
  await page.goto('/dev/erf?preset=resnet18&input=64x64');
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  const base = await page.evaluate(() => window.__archscopeLive.load(['webgl']));
  expect(base.backend).toBe('webgl');

  const view = page.locator('.erf-view');
  await view.getByLabel('Receptive-field tap').selectOption('C3');
  const image = page.getByTestId('erf-image');
  // C3 of ResNet-18 at 64x64 is 8x8: the centre cell is (4, 4); one step right is (4, 5).
  await expect(image).toHaveAttribute('data-cell', '4,4');
  await page.getByRole('application').press('ArrowRight');
  await expect(image).toHaveAttribute('data-cell', '4,5');
  // By hand: C3's field is 99 px at stride 8 (conv1 7, max-pool +2 x 2, layer1 +4 x 2 x 4, layer2
  // +2 x 4 + 3 x 2 x 8); the paddings centre cell 0 on pixel 0, so cell (4, 5) on (32, 40), and its
  // rows -17..81 reach the padding.
  await expect(page.getByTestId('erf-theoretical')).toContainText('theoretical field 99 px at stride 8');
  await expect(page.getByTestId('erf-theoretical')).toContainText('centred at (32, 40), rows -17–81');
  await expect(page.getByTestId('erf-padding')).toBeVisible();

  await page.getByLabel('Backend').selectOption('webgl');
  await view.getByLabel('Receptive-field samples').fill('1');
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('erf-done')).toContainText('webgl (in a worker', { timeout: 90_000 });
  await expect(page.getByTestId('erf-heatmap')).toBeVisible();
  await expect(image.locator('path.contour')).toHaveCount(4);
  const row = page.getByTestId('erf-table').locator('tr[data-tap="C3"]');
  await expect(row).toBeVisible();
  const sides = await row
    .locator('td[data-fraction]')
    .evaluateAll((cells) => cells.map((c) => Number.parseInt(c.textContent!, 10)));
  // Nested squares: each share needs at least the previous one's side, none more than the image plus
  // the padding its field reaches.
  expect(sides).toHaveLength(4);
  for (let i = 1; i < 4; i++) expect(sides[i]).toBeGreaterThanOrEqual(sides[i - 1]);
  expect(sides[0]).toBeGreaterThan(0);

  // Every stage at its centre cell, for the table and the chart: on wasm, which takes a second here
  // where SwiftShader's WebGL takes a minute.
  await page.getByLabel('Backend').selectOption('wasm');
  await view.getByRole('button', { name: /^Measure C2–C5/ }).click();
  await expect(page.getByTestId('erf-done')).toContainText('wasm (in a worker', { timeout: 60_000 });
  await expect(page.getByTestId('erf-table').locator('tbody tr')).toHaveCount(4, { timeout: 90_000 });
  await expect(page.getByTestId('erf-chart').locator('path.series')).toHaveCount(2);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const axe = await new AxeBuilder({ page }).include('.erf-view').analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      []
    );
  }

  await page.evaluate(() => window.__archscopeLive.release());
  await expect
    .poll(() => page.evaluate(async () => (await window.__archscopeLive.memory()).numTensors))
    .toBe(base.numTensors);
});

test('on the explorer, a pyramid block and an anchors-view cell choose what the view draws', async () => {
  await page.goto('/?preset=retinanet_resnet50_fpn&input=256x256&transform=none');
  const image = page.getByTestId('erf-image');
  await expect(image).toHaveAttribute('data-tap', 'C4');
  await page.locator('.as-viz.pyramid g.block[data-id="P5"]').click();
  await expect(image).toHaveAttribute('data-tap', 'P5');
  // The anchors view's arrow keys move its cell: P5 at 256x256 is 8x8, its centre (4, 4) one row up.
  const anchors = page.locator('.anchors-view');
  await anchors.getByLabel('Level').selectOption('P5');
  await anchors.getByRole('application').press('ArrowUp');
  await expect(image).toHaveAttribute('data-tap', 'P5');
  await expect(image).toHaveAttribute('data-cell', '3,4');
});
