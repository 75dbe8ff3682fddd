import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const chip = (page: import('@playwright/test').Page, tap: string) =>
  page.locator(`button[data-tap="${tap}"]`);

test('changing the input size changes C5 (torchvision resnet50: 224 -> 7x7, 512 -> 16x16)', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=224x224');
  await expect(chip(page, 'C5')).toContainText('7×7');
  await page.getByLabel('Height', { exact: true }).fill('512');
  await page.getByLabel('Width', { exact: true }).fill('512');
  // 512 / 32 = 16
  await expect(chip(page, 'C5')).toContainText('16×16');
  await expect(chip(page, 'C5')).toContainText('2048 ch');
  await expect(page).toHaveURL(/input=512x512/);
});

test('TF-slim placement moves the downsampling: C2 becomes 64x64 at stride 8 (seed 002)', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=512x512');
  await expect(chip(page, 'C2')).toContainText('128×128');
  await expect(chip(page, 'C2')).toContainText('/4');
  await page.getByLabel('Downsampling placement').selectOption('slim');
  // Seed 002: block1..4 outputs 64x64x256, 32x32x512, 16x16x1024, 16x16x2048.
  await expect(chip(page, 'C2')).toContainText('64×64');
  await expect(chip(page, 'C2')).toContainText('/8');
  await expect(chip(page, 'C4')).toContainText('16×16');
  await expect(chip(page, 'C5')).toContainText('16×16');
  await expect(page).toHaveURL(/style=slim/);
  // The title still names the preset, and says what was changed from it.
  await expect(page.locator('.subtitle')).toContainText('changed: style=slim');
  // The table marks the tap row with the same shape.
  await expect(page.locator('tr[data-id="C2/unit3/add"]')).toContainText('[1, 256, 64, 64]');
});

test('selecting a tap fills the details panel; sorting by params puts the 3x3 conv of C5 first', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=224x224');
  await chip(page, 'C3').click();
  await expect(page.getByTestId('details-id')).toHaveText(/^C3\/unit4\//);
  await expect(page.locator('.details')).toContainText('identity block');
  await page.getByRole('button', { name: /^Params/ }).click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Params');
  // Largest single layers of ResNet-50 (hand calculation): C5's 3x3 convs, 512 x 512 x 3 x 3 = 2,359,296
  // each, ahead of C5's 1x1 projection 1024 x 2048 = 2,097,152 and the fc 2048 x 1000 + 1000 = 2,049,000.
  const first = page.locator('tbody tr').first();
  await expect(first).toContainText('C5/unit1/conv2');
  await expect(first).toContainText('2,359,296');
});

test('a list field refuses bad text inline and keeps the last valid config; a level change shows the warning', async ({
  page
}) => {
  await page.goto('/?preset=retinanet_slim_v2_50&input=512x512');
  await expect(page.getByTestId('summary-anchors')).toHaveText('49,104');
  const sizes = page.getByLabel('Sizes per level');
  await sizes.fill('8,16,abc');
  await expect(page.getByText('anchorSizes="8,16,abc" is not allowed')).toBeVisible();
  await expect(page.getByTestId('summary-anchors')).toHaveText('49,104');
  await sizes.blur();
  // Unchecking C2 leaves 4 levels (P4..P7) for 5 anchor sizes: the engine warns, nothing is rewritten.
  await page.locator('fieldset.taps label', { hasText: 'C2' }).click();
  await expect(page.locator('.diags')).toContainText('anchorSizes gives 5 sizes for 4 pyramid levels');
});

test('exports JSON (the CLI schema), CSV and Markdown', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224');
  const grab = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name, exact: true }).click()
    ]);
    return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
  };
  const json = await grab('JSON');
  expect(json.name).toBe('resnet50_224x224.json');
  const report = JSON.parse(json.text);
  expect(report.taps.C5.shape).toEqual([1, 2048, 7, 7]);
  expect(report.totals.params).toBe(25_557_032); // torchvision resnet50
  const csv = await grab('CSV');
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^stage,name,op,/);
  expect(lines.length).toBe(report.layers.length + 1);
  const md = await grab('Markdown');
  expect(md.name).toBe('resnet50_224x224.md');
  expect(md.text).toMatch(/\| \[1, 2048, 7, 7\] \|.*\| C5 \|/);
});

test('while the height slider is held, views below the fold wait for the release, then catch up', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=224x224');
  // The per-layer table is far below the fold at 1280x800; C2's last add is [1, 256, 56, 56] at 224 (stride 4).
  const row = page.locator('tbody tr[data-id="C2/unit3/add"]');
  await expect(row).toContainText('[1, 256, 56, 56]');
  const slider = page.getByLabel('Height slider');
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 5 });
  // The visible config follows the drag at once ...
  await expect(page).not.toHaveURL(/input=224x224/);
  // ... and the table does not, even after longer than the idle catch-up (150 ms) of a keyboard change.
  await page.waitForTimeout(600);
  await expect(row).toContainText('[1, 256, 56, 56]');
  await page.mouse.up();
  // Read after the release: during a drag the address bar is written at most every 250 ms, so it can
  // lag the last tick; the release writes the final state.
  const height = Number(/input=(\d+)x/.exec(page.url())![1]);
  // conv1 (7x7, stride 2, padding 3) and the max-pool (3x3, stride 2, padding 1) each give
  // floor((h - 1) / 2) + 1 rows; C2 keeps the max-pool's.
  const half = (h: number) => Math.floor((h - 1) / 2) + 1;
  await expect(row).toContainText(`[1, 256, ${half(half(height))}, 56]`);
});
