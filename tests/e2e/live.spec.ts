import { type Page, expect, test } from '@playwright/test';

// Node counts come from the architectures, counted by hand from torchvision's module lists:
// ResNet-50 = input 1 + stem 4 (conv1, bn1, relu, maxpool) + 16 bottlenecks x 8 (3 x conv/bn/relu
// minus the last relu... ) is easier to read off the page, so these tests compare the page's own node
// count with the number confirmed: every node of the graph must be confirmed by TensorFlow.js.
async function runLive(page: Page, url: string, backend?: string) {
  await page.goto(url);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  const nodes = Number((await page.getByTestId('node-count').textContent())!.split(' ')[0]);
  if (backend) await page.getByLabel('Backend').selectOption(backend);
  await page.getByRole('button', { name: 'Run live' }).click();
  return nodes;
}

test('resnet50 at 64x64 on WebGL: progress shown, every node confirmed, backend webgl', async ({ page }) => {
  const nodes = await runLive(page, '/dev/live?preset=resnet50&input=64x64');
  await expect(page.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuemax', String(nodes));
  const summary = page.getByTestId('live-summary');
  await expect(summary).toContainText(`${nodes}/${nodes} shapes confirmed on webgl`, { timeout: 60_000 });
  await expect(page.getByTestId('live-backend')).toContainText('WebGL 2');
  await expect(page.getByTestId('live-backend')).toContainText('SwiftShader');
  await expect(page.getByTestId('node-status')).toContainText(`${nodes} ok, 0 mismatch`);
});
