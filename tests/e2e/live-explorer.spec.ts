import { expect, test } from '@playwright/test';

test('the explorer has a live section that confirms every shape, and the layer graph marks every node', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=64x64');
  const live = page.locator('section#live');
  await live.getByLabel('Backend').selectOption('wasm');
  await live.getByRole('button', { name: 'Run live' }).click();
  const summary = live.getByTestId('live-summary');
  await expect(summary).toContainText('shapes confirmed on wasm', { timeout: 60_000 });
  // Every node: the confirmed count equals the total.
  const m = /(\d+)\/(\d+) shapes confirmed/.exec((await summary.textContent())!);
  expect(m![1]).toBe(m![2]);

  // The layer graph shows a mark on every visible box, all checks, none crosses.
  const graph = page.locator('.layer-graph');
  await graph.scrollIntoViewIfNeeded();
  const nodes = graph.locator('g.node');
  const marks = graph.locator('g.live-mark');
  await expect(marks.first()).toBeVisible();
  expect(await marks.count()).toBe(await nodes.count());
  await expect(graph.locator('g.live-mark[data-live="mismatch"]')).toHaveCount(0);
  await expect(marks.first().locator('title')).toContainText('confirmed by TensorFlow.js');
});
