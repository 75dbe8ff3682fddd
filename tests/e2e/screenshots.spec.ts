import { expect, test } from '@playwright/test';

// Artifacts for a designer's eye (not assertions about pixels): each view at 1280x800, light and dark.
const VIEWS = [
  {
    name: 'explorer',
    url: '/?preset=retinanet_slim_v2_50&input=512x512',
    ready: '[data-testid="summary-anchors"]'
  },
  { name: 'explorer-table', url: '/?preset=resnet50&input=224x224', ready: 'table', scroll: '#layers-title' },
  { name: 'compare', url: '/compare', ready: '[data-testid="diff-count"]' },
  { name: 'notice', url: '/?preset=nope&input=abc&depth=77', ready: '[role="status"]' }
];

for (const scheme of ['light', 'dark'] as const) {
  for (const v of VIEWS) {
    test(`screenshot ${v.name} ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(v.url);
      await expect(page.locator(v.ready).first()).toBeVisible();
      if (v.scroll) await page.locator(v.scroll).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/${v.name}-${scheme}.png` });
    });
  }
}
