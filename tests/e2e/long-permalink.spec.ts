import { expect, test } from '@playwright/test';

// Vite's preview server answers 431 to a query over ~16 kB, as many servers do, so the page itself
// is fetched without its query and handed to the browser under the long address: the app reads the
// query from location, exactly as it would from a static host that accepts long URLs.
async function serveWithoutQuery(page: import('@playwright/test').Page, path: string) {
  await page.route(
    (url) => url.pathname === path && url.search.length > 1000,
    async (route) => {
      const url = new URL(route.request().url());
      url.search = '';
      await route.fulfill({ response: await route.fetch({ url: url.href }) });
    }
  );
}

test('a 100 kB permalink (11,112 depth=50 pairs) opens, names the repeated key and stays interactive', async ({
  page
}) => {
  await serveWithoutQuery(page, '/');
  const query = Array(11_112).fill('depth=50').join('&');
  expect(query.length).toBeGreaterThan(100_000);
  await page.goto(`/?${query}`);
  const notice = page.locator('[role="status"]');
  await expect(notice).toContainText('11,111 link parameters were ignored');
  await expect(notice).toContainText('"depth" is given 11,112 times; the last, "50", applies');
  // ResNet-50 at 224x224: C5 is 7x7; at 512x512 it is 16x16 (stride 32).
  await expect(page.locator('button[data-tap="C5"]')).toContainText('7×7');
  await page.getByLabel('Height', { exact: true }).fill('512');
  await page.getByLabel('Width', { exact: true }).fill('512');
  await expect(page.locator('button[data-tap="C5"]')).toContainText('16×16');
  await notice.getByRole('button', { name: /Dismiss/ }).click();
  await expect(notice).toHaveCount(0);
});

test('a repeated preset: the last one applies and the notice says so', async ({ page }) => {
  await page.goto('/?preset=resnet18&preset=pspnet_r50');
  await expect(page.getByLabel('Preset')).toHaveValue('pspnet_r50');
  const notice = page.locator('[role="status"]');
  await expect(notice).toContainText('One link parameter was ignored');
  await expect(notice).toContainText('"preset" is given 2 times; the last, "pspnet_r50", applies');
});

test('an unencoded compare side: the stray parameter is named with the encoded link to use', async ({
  page
}) => {
  await page.goto('/compare?a=preset=resnet18&input=64x64&b=preset=resnet50');
  const notice = page.locator('[role="status"]');
  await expect(notice).toContainText('"input=64x64" is outside a and b');
  await expect(notice).toContainText('write a=preset%3Dresnet18%26input%3D64x64');
});

test('an escape sequence in a parameter is shown written out, on one line', async ({ page }) => {
  await page.goto('/?depth=%1B%5B31mRED%0Anext');
  const item = page.locator('[role="status"] li');
  await expect(item).toHaveText(/^depth="\\x1b\[31mRED\\nnext" is not allowed/);
});
