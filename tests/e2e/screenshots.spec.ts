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
  {
    name: 'explorer-maskrcnn',
    url: '/?preset=maskrcnn_resnet50_fpn&input=375x500',
    ready: '[data-testid="summary-transform"]'
  },
  {
    name: 'explorer-maskrcnn-pyramid',
    url: '/?preset=maskrcnn_resnet50_fpn&input=375x500',
    ready: '.as-viz.pyramid g.block[data-id="mask_logits"]',
    scroll: '.as-viz.pyramid'
  },
  {
    name: 'explorer-retinanet-v2',
    url: '/?preset=retinanet_resnet50_fpn_v2&input=800x800',
    ready: '.as-viz.pyramid g.block[data-id="cls_logits/P7"]',
    scroll: '.as-viz.pyramid'
  },
  {
    name: 'compare-faster-v1-v2',
    url: `/compare?a=${encodeURIComponent('preset=fasterrcnn_resnet50_fpn&input=800x800')}&b=${encodeURIComponent('preset=fasterrcnn_resnet50_fpn_v2&input=800x800')}`,
    ready: '[data-testid="diff-count"]',
    scroll: '#align-title'
  },
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
