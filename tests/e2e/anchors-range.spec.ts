import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { sharedPage } from './shared-page';

// Issue 10: "all cells" of one region of P3. RetinaNet (TF-slim) at 512x512: P3 at stride 8 is
// 512 / 8 = 64 x 64 cells, 9 boxes per location (3 ratios x 3 scales), so 3 boxes per ratio path.
const page = sharedPage({ viewport: { width: 1280, height: 800 } });

const view = () => page().locator('.as-viz.anchors-view');
const caption = () => view().getByTestId('anchors-cells');
const note = () => view().getByTestId('anchors-range-note');
/** Boxes drawn for the first ratio: one `M` per box. */
const boxesOfRatio0 = () =>
  view()
    .locator('path.ratio.r0')
    .evaluate((p) => ((p.getAttribute('d') ?? '').match(/M/g) ?? []).length);

async function setRange(rows: [string, string], cols: [string, string]) {
  for (const [label, v] of [
    ['first row', rows[0]],
    ['last row', rows[1]],
    ['first column', cols[0]],
    ['last column', cols[1]]
  ]) {
    const f = view().getByLabel(label, { exact: true });
    await f.fill(v);
    await f.press('Enter');
  }
}

test('a cell range draws every cell of one region of P3', async () => {
  await page().goto('/?preset=retinanet_slim_v2_50&input=512x512');
  await view().scrollIntoViewIfNeeded();
  await view().getByLabel('Level').selectOption('P3');
  await view().getByLabel('all cells').check();
  await view().getByLabel('cell step').fill('1');
  await view().getByLabel('cell step').press('Enter');
  await setRange(['8', '15'], ['16', '23']);
  // 8 rows x 8 columns = 64 cells, 3 boxes of each ratio per cell.
  await expect(caption()).toContainText(
    'Boxes of all 64 cells in rows 8–15, columns 16–23, of 4,096 in the level.'
  );
  expect(await boxesOfRatio0()).toBe(64 * 3);
  await expect(note()).toHaveCount(0);
  await view().screenshot({ path: 'test-results/screenshots/anchors-range-p3-1280.png' });
  for (const scheme of ['light', 'dark'] as const) {
    await page().emulateMedia({ colorScheme: scheme });
    const r = await new AxeBuilder({ page: page() }).include('.as-viz.anchors-view').analyze();
    expect(
      r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      scheme
    ).toEqual([]);
  }
  await page().emulateMedia({ colorScheme: 'light' });
});

test('an end outside the grid is clamped and said; an empty range draws nothing and says why', async () => {
  await setRange(['60', '99'], ['0', '3']);
  // Rows 60-63 (clamped) x columns 0-3 = 16 cells.
  await expect(note()).toHaveText('Rows 60 to 99 clamped to 60 to 63: P3 has rows 0 to 63.');
  await expect(caption()).toContainText('Boxes of all 16 cells in rows 60–63, columns 0–3');
  expect(await boxesOfRatio0()).toBe(16 * 3);

  await setRange(['20', '10'], ['', '']);
  await expect(note()).toHaveText('No cells: the rows range starts at 20, after its end 10.');
  await expect(caption()).toContainText('No boxes: the cell range holds no cells.');
  expect(await boxesOfRatio0()).toBe(0);

  await view().getByRole('button', { name: 'whole level' }).click();
  await expect(note()).toHaveCount(0);
  await expect(view().getByLabel('first row', { exact: true })).toHaveValue('');
  // The whole level at step 1 is capped at every 2nd cell (32 x 32 = 1,024 cells, under 12,000 boxes).
  await expect(caption()).toContainText('(1,024 of 4,096 cells)');
});

test('on a 390 px phone the range fields fit and work', async () => {
  await page().setViewportSize({ width: 390, height: 844 });
  await view().scrollIntoViewIfNeeded();
  await setRange(['0', '3'], ['0', '3']);
  await expect(caption()).toContainText('Boxes of all 16 cells in rows 0–3, columns 0–3');
  expect(await page().evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
  // Every range control lies inside the card (the toolbar wraps rather than clipping them).
  const card = (await view().boundingBox())!;
  for (const c of await view().locator('.cell-range input, .cell-range button').all()) {
    const b = (await c.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(card.x + card.width);
  }
  await view().screenshot({ path: 'test-results/screenshots/anchors-range-p3-390.png' });
  await page().setViewportSize({ width: 1280, height: 800 });
});
