import { expect, test } from '@playwright/test';

// Issue 10, items 6, 11 and 12: input-range messages, the skip link, field help, small things.

test('the first Tab reaches a skip link that moves focus to the main content', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // The next Tab lands inside the results, not in the configuration panel.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('the compare page has the skip link too', async ({ page }) => {
  await page.goto('/compare');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test("a focused field's help does not cover the next control", async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224');
  const pairs = [
    ['Depth', 'Downsampling placement'],
    ['Downsampling placement', 'Stem'],
    ['Neck', 'Head']
  ];
  for (const [field, next] of pairs) {
    await page.getByLabel(field, { exact: true }).focus();
    const help = page.locator(
      `[id="${await page.getByLabel(field, { exact: true }).getAttribute('id')}-help"]`
    );
    await expect(help).toBeVisible();
    const h = (await help.boundingBox())!;
    const n = (await page.getByLabel(next, { exact: true }).boundingBox())!;
    expect(h.y + h.height, `${field}'s help ends above ${next}`).toBeLessThanOrEqual(n.y);
  }
  await page.screenshot({ path: 'test-results/screenshots/field-help-focused.png' });
});

test('a typed size below the slider is used and said so; one outside 1..8192 is refused', async ({
  page
}) => {
  await page.goto('/?preset=retinanet_slim_v2_50&input=512x512');
  const height = page.getByLabel('Height', { exact: true });
  await height.fill('20');
  await height.press('Enter');
  await expect(page).toHaveURL(/input=20x512/);
  await expect(
    page.getByText("Height 20 is outside the slider's 32 to 2048; the typed size is used")
  ).toBeVisible();
  // The pyramid collapses at 20 px: P5..P7 are 1 px high (ceil(20/32) = 1), which is a warning.
  await expect(page.getByRole('list', { name: 'Diagnostics' })).toContainText('collapses P5, P6, P7');
  await height.fill('9000');
  await height.press('Enter');
  await expect(
    page.getByText(/Height 9000 is not allowed: each side is a whole number from 1 to 8192; kept 20/)
  ).toBeVisible();
  await expect(height).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/input=20x512/);
  await page.screenshot({ path: 'test-results/screenshots/input-out-of-range.png' });
});

test('the URL takes any side from 1 to 8192 and refuses 0 with a notice', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=0x10');
  await expect(page.getByRole('status')).toContainText('from 1 to 8192');
});

test('the size slider is a log scale: its middle is 256 (sqrt of 32 x 2048), arrows step one pixel', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=224x224');
  const slider = page.getByLabel('Height slider');
  await slider.fill('500'); // position 500 of 1000
  await expect(page.getByLabel('Height', { exact: true })).toHaveValue('256');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByLabel('Height', { exact: true })).toHaveValue('255');
  await expect(slider).toHaveAttribute('aria-valuetext', '255 pixels');
});

test('the subtitle separates the batch from the changed keys', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224&style=slim');
  await expect(page.locator('.subtitle')).toHaveText(/batch 1\s·\schanged: style=slim/);
});

test('compare leaves out rows neither side has (anchors of two classifiers)', async ({ page }) => {
  await page.goto('/compare');
  await expect(page.getByTestId('diff-count')).toBeVisible();
  await expect(page.locator('[data-row="totals:params"]')).toBeVisible();
  await expect(page.locator('[data-row^="anchors:"]')).toHaveCount(0);
  await page.goto(`/compare?a=${encodeURIComponent('preset=retinanet_slim_v2_50&input=512x512')}`);
  await expect(page.locator('[data-row="anchors:anchors, total"]')).toBeVisible();
});

test('a chunk that fails to load (a redeploy) gives a message and a working reload', async ({ page }) => {
  let block = true;
  await page.route(/\/_app\/immutable\/entry\/app\.[\w-]+\.js$/, (route) =>
    block ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()
  );
  await page.goto('/?preset=resnet50&input=224x224');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(alert).toContainText('Reload to get the current version');
  await page.screenshot({ path: 'test-results/screenshots/chunk-load-failed.png' });
  block = false;
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.locator('[data-testid="diff-count"], table').first()).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a lazily loaded chunk that fails on navigation also gives the message', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224');
  await expect(page.locator('table').first()).toBeVisible();
  // Everything not yet loaded is gone, as after a redeploy; what the page already has still works.
  const loaded = new Set(
    await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname))
  );
  await page.route(/\/_app\/immutable\/.*\.js$/, (route) =>
    loaded.has(new URL(route.request().url()).pathname)
      ? route.continue()
      : route.fulfill({ status: 404, body: 'gone' })
  );
  await page.getByRole('link', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toBeVisible();
});
