import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

for (const url of ['/?preset=retinanet_slim_v2_50&input=512x512', '/compare', '/?preset=nope']) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`no serious or critical axe violations on ${url} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      await expect(page.locator('main')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`
        );
      expect(bad).toEqual([]);
    });
  }
}
