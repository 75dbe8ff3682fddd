import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { zoomOf } from './graph-zoom';

// Issue 10, item 2 on a touch screen: the layer graph pinches and pans with two fingers, and one finger
// leaves it alone (it scrolls the page) outside full screen. Real touch input through Chromium's
// input pipeline (CDP Input.dispatchTouchEvent), on a 390 px phone.
test.describe.configure({ mode: 'serial' });

let page: Page;
let cdp: CDPSession;
const svg = () => page.locator('.as-viz.layer-graph svg.graph-svg');
const zoom = () => zoomOf(svg());

type Point = { x: number; y: number };
/** Fingers from `from` to `to` in `steps` moves, then lifted. */
async function gesture(from: Point[], to: Point[], steps = 8) {
  const at = (t: number) =>
    from.map((p, i) => ({ x: p.x + (to[i].x - p.x) * t, y: p.y + (to[i].y - p.y) * t, id: i }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let s = 1; s <= steps; s++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(s / steps) });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function centre(): Promise<Point> {
  const b = (await svg().boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true
  });
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await page.goto('/?preset=retinanet_slim_v2_50&input=512x512');
  await expect(svg().locator('g.node[data-id="neck/P7"]')).toBeAttached();
  await svg().scrollIntoViewIfNeeded();
});
test.afterAll(() => page.context().close());

test('two fingers spread apart zoom the graph in', async () => {
  const c = await centre();
  const [, , k0] = await zoom();
  await gesture(
    [
      { x: c.x - 20, y: c.y },
      { x: c.x + 20, y: c.y }
    ],
    [
      { x: c.x - 80, y: c.y },
      { x: c.x + 80, y: c.y }
    ]
  );
  // The fingers end 4x as far apart: d3-zoom scales by that ratio (within the zoom's extent).
  await expect.poll(async () => (await zoom())[2]).toBeGreaterThan(k0 * 2);
});

test('two fingers moved together pan the graph without zooming', async () => {
  const c = await centre();
  const [x0, , k0] = await zoom();
  await gesture(
    [
      { x: c.x - 40, y: c.y },
      { x: c.x + 40, y: c.y }
    ],
    [
      { x: c.x - 100, y: c.y },
      { x: c.x - 20, y: c.y }
    ]
  );
  const [x1, , k1] = await zoom();
  expect(x1).toBeLessThan(x0 - 20);
  expect(k1).toBeCloseTo(k0, 5);
});

test('one finger leaves the graph where it is (outside full screen it scrolls the page)', async () => {
  const c = await centre();
  const before = await zoom();
  const y0 = await page.evaluate(() => window.scrollY);
  await gesture([{ x: c.x, y: c.y + 60 }], [{ x: c.x, y: c.y - 60 }]);
  // The swipe up scrolls the page down (touch-action pan-x pan-y on the graph leaves it to the browser).
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y0 + 30);
  expect(await zoom()).toEqual(before);
});

test('in full screen, where there is no page to scroll, one finger pans the graph', async () => {
  await page.getByRole('button', { name: 'Full screen' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  const c = await centre();
  const [x0, y0] = await zoom();
  await gesture([{ x: c.x + 60, y: c.y + 60 }], [{ x: c.x - 20, y: c.y - 20 }]);
  await expect.poll(async () => (await zoom())[0]).toBeLessThan(x0 - 20);
  expect((await zoom())[1]).toBeLessThan(y0 - 20);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
