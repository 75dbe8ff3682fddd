import { expect, test, type Page } from '@playwright/test';

// Phones, tablets and laptops (issue 10, item 1): no sideways scrolling, every control reachable.
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'laptop', width: 1280, height: 800 }
];
const PAGES = [
  { name: 'explorer', url: '/?preset=retinanet_slim_v2_50&input=512x512', panel: 'aside form' },
  { name: 'compare', url: '/compare', panel: '.sides' }
];

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth
  }));

for (const vp of VIEWPORTS) {
  for (const p of PAGES) {
    test(`${p.name} at ${vp.width}x${vp.height}: no horizontal scroll, every control reachable`, async ({
      page
    }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.goto(p.url);
      await expect(page.locator('main')).toBeVisible();
      await expect(page.locator('table').first()).toBeVisible();
      const { scrollWidth, innerWidth } = await noSidewaysScroll(page);
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      await page.screenshot({ path: `test-results/screenshots/${p.name}-${vp.name}-top.png` });

      const controls = page.locator(`${p.panel} :is(input, select, button)`);
      const n = await controls.count();
      expect(n).toBeGreaterThan(p.name === 'explorer' ? 15 : 20);
      for (let i = 0; i < n; i++) {
        const c = controls.nth(i);
        await c.scrollIntoViewIfNeeded();
        await expect(c).toBeVisible();
        const box = (await c.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
        // Not under the sticky header or anything else: the control itself takes a click at its centre.
        const hit = await c.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return !!at && (at === el || el.contains(at) || (el as HTMLInputElement).labels?.[0] === at);
        });
        expect(hit, `control ${i} of ${n} is covered`).toBe(true);
      }
      await page.locator('table').last().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/${p.name}-${vp.name}-results.png` });
      expect((await noSidewaysScroll(page)).scrollWidth).toBeLessThanOrEqual(vp.width);
    });
  }
}

test('on a phone the configuration sits above the results and folds away', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?preset=resnet50&input=224x224');
  const toggle = page.getByRole('button', { name: 'Hide configuration' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const depth = page.getByLabel('Depth', { exact: true });
  const panelBottom = (await depth.boundingBox())!.y;
  expect(panelBottom).toBeLessThan((await page.locator('main h1').boundingBox())!.y);
  await toggle.click();
  await expect(depth).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show configuration' })).toHaveAttribute(
    'aria-expanded',
    'false'
  );
  await page.getByRole('button', { name: 'Show configuration' }).click();
  await expect(depth).toBeVisible();
});

test('on a laptop the panel is a sidebar beside the results and has no fold button', async ({ page }) => {
  await page.goto('/?preset=resnet50&input=224x224');
  await expect(page.getByRole('button', { name: /configuration/ })).toBeHidden();
  const aside = (await page.locator('aside').boundingBox())!;
  const main = (await page.locator('main').boundingBox())!;
  expect(aside.x + aside.width).toBeLessThanOrEqual(main.x + 1);
});

test('compare at 390 px stacks B under A', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/compare');
  const a = (await page.getByRole('region', { name: 'Configuration A' }).boundingBox())!;
  const b = (await page.getByRole('region', { name: 'Configuration B' }).boundingBox())!;
  expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
  expect(b.x + b.width).toBeLessThanOrEqual(390);
});
