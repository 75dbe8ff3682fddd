import { type BrowserContextOptions, type Page, test } from '@playwright/test';

/**
 * One page for a spec file's serial steps (one page load instead of one per test, for CI's time), in a
 * browser context of its own: axe's Playwright builder needs one. Call at the top of the file or of a
 * describe block; the returned function gives the page inside the tests.
 */
export function sharedPage(options: BrowserContextOptions = {}): () => Page {
  test.describe.configure({ mode: 'serial' });
  let page: Page | undefined;
  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext(options)).newPage();
  });
  test.afterAll(async () => {
    await page?.context().close();
  });
  return () => {
    if (!page) throw new Error('the shared page is made in beforeAll');
    return page;
  };
}
