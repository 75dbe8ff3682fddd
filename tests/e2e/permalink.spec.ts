import { expect, test } from '@playwright/test';

test('a permalink opens the configuration: seed 002 RetinaNet at 512x512 has 49,104 anchors', async ({
  page
}) => {
  await page.goto('/?preset=retinanet_slim_v2_50&input=512x512');
  // (64² + 32² + 16² + 8² + 4²) x 9 = 49104 (seed 002)
  await expect(page.getByTestId('summary-anchors')).toHaveText('49,104');
  await expect(page.getByLabel('Preset')).toHaveValue('retinanet_slim_v2_50');
  await expect(page.locator('[role="status"]')).toHaveCount(0);
});

test('malformed parameters show a dismissible notice and the page still works', async ({ page }) => {
  await page.goto('/?preset=nope&input=abc&depth=77');
  const notice = page.locator('[role="status"]');
  await expect(notice).toContainText('3 link parameters were ignored');
  await expect(notice).toContainText('preset "nope" is not known');
  await expect(notice).toContainText('input "abc" is not allowed');
  await expect(notice).toContainText('depth="77" is not allowed');
  await expect(page.locator('button[data-tap="C5"]')).toContainText('7×7');
  await notice.getByRole('button', { name: /Dismiss/ }).click();
  await expect(notice).toHaveCount(0);
  await page.getByLabel('Height', { exact: true }).fill('512');
  await page.getByLabel('Width', { exact: true }).fill('512');
  await expect(page.locator('button[data-tap="C5"]')).toContainText('16×16');
});

test('back and forward walk through configuration changes; reload keeps the state', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=512x512');
  const placement = page.getByLabel('Downsampling placement');
  await placement.selectOption('slim');
  await expect(page).toHaveURL(/style=slim/);
  await page.getByLabel('Output stride').selectOption('8');
  await expect(page).toHaveURL(/outputStride=8/);
  await page.goBack();
  await expect(page.getByLabel('Output stride')).toHaveValue('32');
  await expect(placement).toHaveValue('slim');
  await page.goBack();
  await expect(placement).toHaveValue('torchvision');
  await expect(page.locator('button[data-tap="C2"]')).toContainText('128×128');
  await page.goForward();
  await expect(placement).toHaveValue('slim');
  await page.reload();
  await expect(placement).toHaveValue('slim');
  await expect(page.locator('button[data-tap="C2"]')).toContainText('64×64');
});

test('the height slider works from the keyboard and updates the URL', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224');
  const slider = page.getByLabel('Height slider');
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/input=229x224/);
});
