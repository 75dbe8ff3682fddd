import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// Laptop for every page; the phone and tablet layouts (one column, panel on top) for the two main ones.
const CASES = [
  ...['/?preset=retinanet_slim_v2_50&input=512x512', '/compare', '/?preset=nope'].map((url) => ({
    url,
    width: 1280,
    height: 800
  })),
  ...['/?preset=retinanet_slim_v2_50&input=512x512', '/compare'].flatMap((url) => [
    { url, width: 390, height: 844 },
    { url, width: 768, height: 1024 }
  ])
];

// Both colour schemes on one page load: the scheme is a media emulation, so the second check needs no
// reload (half the page loads of one test per scheme).
for (const { url, width, height } of CASES) {
  test(`no serious or critical axe violations on ${url} at ${width}x${height} (light and dark)`, async ({
    page
  }) => {
    // Two axe passes over the largest page took 2.2 min once on a loaded 2-core machine.
    test.setTimeout(300_000);
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      if (scheme === 'light') await page.goto(url);
      await expect(page.locator('main')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${scheme}: ${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`
        );
      expect(bad).toEqual([]);
    }
  });
}
