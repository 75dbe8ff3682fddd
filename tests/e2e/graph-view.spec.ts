import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { zoomOf } from './graph-zoom';
import { readFile } from 'node:fs/promises';

// Issue 10, items 2 and 3: the layer graph's room, wheel, minimap, search, full screen and whole-graph
// export, on the explorer itself. One page per model: Mask R-CNN (1280 px), an FPN backbone (390 px)
// and a classifier; screenshots go to test-results/screenshots.
test.describe.configure({ mode: 'serial' });

let page: Page;
const graph = () => page.locator('.as-viz.layer-graph');
const svg = () => graph().locator('svg.graph-svg');
const layer = () => svg().locator('g[data-zoom-layer]');
const zoom = () => zoomOf(svg());
const scrollY = () => page.evaluate(() => window.scrollY);

/** True when the node's box lies inside the graph's visible area. */
async function onScreen(id: string) {
  const box = (await graph().locator(`g.node[data-id="${id}"]`).boundingBox())!;
  const area = (await svg().boundingBox())!;
  return (
    box.x >= area.x - 1 &&
    box.y >= area.y - 1 &&
    box.x + box.width <= area.x + area.width + 1 &&
    box.y + box.height <= area.y + area.height + 1
  );
}

async function open(url: string, ready: string) {
  await page.goto(url);
  await expect(graph().locator(`g.node[data-id="${ready}"]`)).toBeAttached();
  await graph().scrollIntoViewIfNeeded();
}

test.beforeAll(async ({ browser }) => {
  // A context of its own: axe's Playwright builder needs one.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
});
test.afterAll(() => page.context().close());

test('Mask R-CNN at 1280 px: the whole network in the full content width, labels readable', async () => {
  await open('/?preset=maskrcnn_resnet50_fpn&input=375x500', 'roi_heads');
  const content = await page.locator('main').evaluate((m) => m.clientWidth - 40); // 20 px padding each side
  expect((await graph().boundingBox())!.width).toBeGreaterThanOrEqual(content - 1);
  // Backbone, FPN levels and both heads on screen at once, at 0.8x or more (labels of 8.8 px and up).
  for (const id of ['input', 'C5', 'neck/P2', 'neck/P6', 'rpn', 'roi_heads'])
    expect(await onScreen(id), id).toBe(true);
  expect((await zoom())[2]).toBeGreaterThanOrEqual(0.8);
  await expect(graph().getByTestId('graph-minimap')).toHaveCount(0); // nothing off screen
  await page.screenshot({ path: 'test-results/screenshots/graph-maskrcnn-1280.png' });
});

test('a plain wheel scrolls the page and says how to zoom; Ctrl+wheel zooms', async () => {
  const box = (await svg().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const [before, y0] = [await zoom(), await scrollY()];
  await page.mouse.wheel(0, 200);
  await expect.poll(scrollY).toBeGreaterThan(y0);
  await expect(graph().locator('.wheel-hint')).toHaveText('Ctrl+wheel to zoom');
  expect(await zoom()).toEqual(before);

  const y1 = await scrollY();
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await zoom())[2]).toBeGreaterThan(before[2] * 1.2);
  expect(await scrollY()).toBe(y1);
});

test('zoomed in, the minimap shows the view and a click on it pans there', async () => {
  const minimap = graph().getByTestId('graph-minimap');
  await expect(minimap).toBeVisible();
  await expect(minimap.locator('rect.seen')).toHaveCount(1);
  const [x0] = await zoom();
  const m = (await minimap.boundingBox())!;
  await page.mouse.click(m.x + m.width - 4, m.y + m.height / 2); // the graph's right end
  await expect.poll(async () => (await zoom())[0]).toBeLessThan(x0 - 100);
});

test('search by module path selects, reveals and centres the layer', async () => {
  const find = graph().getByRole('combobox', { name: /find a layer/i });
  await find.fill('layer3.2.conv2');
  await expect(graph().getByRole('option').first()).toContainText('C4/unit3/conv2');
  await find.press('Enter');
  await expect(graph().locator('g.node.selected')).toHaveAttribute('data-id', 'C4/unit3/conv2');
  // Its stage and unit were closed: both opened to show it.
  await expect(graph().locator('g.frame[data-path="C4/unit3"]')).toHaveCount(1);
  await expect.poll(() => onScreen('C4/unit3/conv2')).toBe(true);
});

test('full screen fills the window, pans on a plain wheel, passes axe, and Escape leaves', async () => {
  await graph().getByRole('button', { name: 'Full screen' }).click();
  await expect(page.locator('.as-viz.layer-graph.fullscreen')).toBeVisible();
  expect(await graph().boundingBox()).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
  const box = (await svg().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const [, y0] = await zoom();
  await page.mouse.wheel(0, 120);
  await expect.poll(async () => (await zoom())[1]).toBeLessThan(y0);
  await page.screenshot({ path: 'test-results/screenshots/graph-maskrcnn-fullscreen-1280.png' });
  await graph()
    .getByRole('combobox', { name: /find a layer/i })
    .fill('rpn');
  const results = await new AxeBuilder({ page }).include('.as-viz.layer-graph').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await page.keyboard.press('Escape'); // closes the list
  await page.keyboard.press('Escape'); // clears the field
  await expect(page.locator('.as-viz.layer-graph.fullscreen')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('.as-viz.layer-graph.fullscreen')).toHaveCount(0);
  await expect(graph().getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'false');
});

test('SVG and PNG export the whole graph at its natural size, named with the model and input size', async () => {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    graph().getByRole('button', { name: 'Export graph as SVG' }).click()
  ]);
  expect(dl.suggestedFilename()).toBe('archscope-graph-maskrcnn_resnet50_fpn-375x500.svg');
  const text = await readFile((await dl.path())!, 'utf8');
  const doc = await page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, 'image/svg+xml');
    const root = d.documentElement;
    const vb = root.getAttribute('viewBox')!.split(' ').map(Number);
    const nodes = [...d.querySelectorAll('g[data-id]')].map((g) => {
      const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '') ?? [];
      return { id: g.getAttribute('data-id')!, x: Number(x), y: Number(y) };
    });
    return {
      vb,
      width: Number(root.getAttribute('width')),
      zoomed: d.querySelector('[data-zoom-layer]')!.getAttribute('transform'),
      nodes
    };
  }, text);
  const [x, y, w, h] = doc.vb;
  expect([x, y]).toEqual([0, 0]);
  expect(doc.width).toBe(w);
  expect(w).toBeGreaterThan(1000); // the natural width, not the 905 px on screen
  expect(doc.zoomed).toBeNull();
  const ids = doc.nodes.map((n) => n.id);
  for (const id of ['C5', 'neck/P2', 'neck/P3', 'neck/P4', 'neck/P5', 'neck/P6', 'roi_heads'])
    expect(ids, id).toContain(id);
  for (const n of doc.nodes.filter((n) => !Number.isNaN(n.x))) {
    expect(n.x, n.id).toBeGreaterThanOrEqual(0);
    expect(n.x, n.id).toBeLessThan(w);
    expect(n.y, n.id).toBeLessThan(h);
  }

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    graph().getByRole('button', { name: 'Export graph as PNG' }).click()
  ]);
  expect(png.suggestedFilename()).toBe('archscope-graph-maskrcnn_resnet50_fpn-375x500.png');
  const bytes = await readFile((await png.path())!);
  expect(bytes.readUInt32BE(16)).toBe(Math.round(w * 2)); // IHDR width: the whole graph at 2x

  const [pyr] = await Promise.all([
    page.waitForEvent('download'),
    page
      .locator('.as-viz.pyramid')
      .getByRole('button', { name: /as SVG/ })
      .click()
  ]);
  expect(pyr.suggestedFilename()).toBe('archscope-pyramid-maskrcnn_resnet50_fpn-375x500.svg');
});

test('an FPN backbone on a 390 px phone: readable, panned with a minimap, search finds a unit', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open('/?preset=retinanet_slim_v2_50&input=512x512', 'neck/P7');
  expect((await zoom())[2]).toBeGreaterThanOrEqual(0.8);
  await expect(graph().getByTestId('graph-minimap')).toBeVisible();
  const find = graph().getByRole('combobox', { name: /find a layer/i });
  await find.fill('C4/unit3');
  await find.press('Enter');
  await expect(graph().locator('g.node.selected')).toHaveAttribute('data-id', 'C4/unit3');
  await expect.poll(() => onScreen('C4/unit3')).toBe(true);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
  await graph().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/graph-fpn-backbone-390.png' });
});

test('a classifier fits whole at 1280 px, from the input to the classifier head', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open('/?preset=resnet50&input=224x224', 'head');
  for (const id of ['input', 'C5', 'head']) expect(await onScreen(id), id).toBe(true);
  expect((await zoom())[2]).toBeGreaterThanOrEqual(0.8);
});

test('PSPNet fits whole at 1280 px: its pooling pyramid folds under the backbone, no sideways pan', async () => {
  await open('/?preset=pspnet_r50&input=473x473', 'head');
  const k = (await zoom())[2];
  expect(k).toBeGreaterThanOrEqual(0.8); // the fit's minimum (graph-view.ts, MIN_SCALE)
  const drawn = (await layer().boundingBox())!;
  const area = (await svg().boundingBox())!;
  expect(drawn.width).toBeLessThanOrEqual(area.width);
  for (const id of ['input', 'C5', 'ppm/bin1', 'ppm/bin6', 'ppm/concat', 'head', 'aux'])
    expect(await onScreen(id), id).toBe(true);
  await expect(graph().getByTestId('graph-minimap')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/graph-pspnet-1280.png' });
});
