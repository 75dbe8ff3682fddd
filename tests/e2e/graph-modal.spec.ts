import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { zoomOf } from './graph-zoom';

import { sharedPage } from './shared-page';

// Issue 10, the layer graph by keyboard: full screen is a modal dialog (focus inside, Tab kept
// there, the page behind inert and still, Escape or the button leaves, focus back on the opener),
// and the minimap pans the view with the arrow keys. Screenshots go to test-results/screenshots.
const page = sharedPage({ viewport: { width: 1280, height: 800 } });

const graph = () => page().locator('.as-viz.layer-graph');
const dialog = () => page().getByRole('dialog', { name: 'Layer graph, full screen' });
const minimap = () => graph().getByTestId('graph-minimap');
const zoom = () => zoomOf(graph());
const focusInGraph = () => page().evaluate(() => !!document.activeElement?.closest('.as-viz.layer-graph'));
const focusedName = () => page().evaluate(() => document.activeElement?.textContent?.trim() ?? '');

async function open(p: Page, url: string, ready: string) {
  await p.goto(url);
  await expect(graph().locator(`g.node[data-id="${ready}"]`)).toBeAttached();
  await graph().scrollIntoViewIfNeeded();
}

async function axeClean() {
  for (const scheme of ['light', 'dark'] as const) {
    await page().emulateMedia({ colorScheme: scheme });
    const r = await new AxeBuilder({ page: page() }).include('.as-viz.layer-graph').analyze();
    expect(
      r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      scheme
    ).toEqual([]);
  }
  await page().emulateMedia({ colorScheme: 'light' });
}

test('full screen is a modal dialog: focus inside, Tab kept there, the page behind inert', async () => {
  await open(page(), '/?preset=resnet50&input=224x224', 'head');
  const opener = graph().getByRole('button', { name: 'Full screen' });
  await opener.focus();
  await page().keyboard.press('Enter');
  await expect(dialog()).toBeVisible();
  expect(await dialog().boundingBox()).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
  await expect(dialog()).toHaveAttribute('aria-modal', 'true');
  expect(await focusInGraph()).toBe(true);
  // Everything outside the dialog is inert: the header's and config panel's controls cannot be reached.
  expect(
    await page()
      .locator('header')
      .first()
      .evaluate((h) => !!h.closest('[inert]'))
  ).toBe(true);
  expect(
    await page()
      .getByLabel('Height slider')
      .evaluate((s) => !!s.closest('[inert]'))
  ).toBe(true);
  // Tab goes round the dialog's controls and boxes (ResNet-50 collapsed: about 20 stops) and never leaves.
  const stops = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page().keyboard.press('Tab');
    expect(await focusInGraph(), `Tab ${i + 1}`).toBe(true);
    stops.add(await page().evaluate(() => document.activeElement!.outerHTML.slice(0, 80)));
  }
  expect(stops.size).toBeGreaterThan(10);
  for (let i = 0; i < 30; i++) {
    await page().keyboard.press('Shift+Tab');
    expect(await focusInGraph(), `Shift+Tab ${i + 1}`).toBe(true);
  }
  // The page behind does not scroll: a wheel over the dialog pans the graph, the window stays put.
  const y0 = await page().evaluate(() => window.scrollY);
  await page().mouse.move(640, 400);
  await page().mouse.wheel(0, 300);
  await page().keyboard.press('PageDown');
  expect(await page().evaluate(() => window.scrollY)).toBe(y0);
  await page().screenshot({ path: 'test-results/screenshots/graph-fullscreen-modal-1280.png' });
  await axeClean();
});

test('Escape leaves and focus returns to the Full screen button; so does the close button', async () => {
  await graph()
    .getByRole('combobox', { name: /find a layer/i })
    .focus();
  await page().keyboard.press('Escape');
  await expect(dialog()).toHaveCount(0);
  await expect(graph().getByRole('button', { name: 'Full screen' })).toBeFocused();
  expect(await page().locator('[inert]').count()).toBe(0);
  expect(await page().evaluate(() => document.documentElement.style.overflow)).toBe('');

  await graph().getByRole('button', { name: 'Full screen' }).click();
  await expect(dialog()).toBeVisible();
  await graph().getByRole('button', { name: 'Exit full screen' }).click();
  await expect(dialog()).toHaveCount(0);
  await expect(graph().getByRole('button', { name: 'Full screen' })).toBeFocused();
  expect(await focusedName()).toBe('Full screen');
});

test('on a 390 px phone the dialog covers the screen and Escape leaves', async () => {
  await page().setViewportSize({ width: 390, height: 844 });
  await graph().scrollIntoViewIfNeeded();
  await graph().getByRole('button', { name: 'Full screen' }).click();
  await expect(dialog()).toBeVisible();
  expect(await dialog().boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await page().screenshot({ path: 'test-results/screenshots/graph-fullscreen-modal-390.png' });
  await page().keyboard.press('Escape');
  await expect(dialog()).toHaveCount(0);
  await expect(graph().getByRole('button', { name: 'Full screen' })).toBeFocused();
  await page().setViewportSize({ width: 1280, height: 800 });
});

test('the minimap is reached by Tab, named, shows its focus, and the arrow keys pan the view', async () => {
  await open(page(), '/?preset=maskrcnn_resnet50_fpn&input=375x500', 'roi_heads');
  await expect(minimap()).toHaveCount(0); // all of it on screen at 1280 px
  await graph().getByRole('button', { name: 'Zoom in' }).click();
  await graph().getByRole('button', { name: 'Zoom in' }).click();
  await expect(minimap()).toBeVisible();
  await expect(minimap()).toHaveAttribute(
    'aria-label',
    /arrow keys pan, Shift\+arrow by a larger step, Home/
  );
  // From the graph's last box, Tab reaches the minimap.
  await graph().locator('g.node').last().focus();
  await page().keyboard.press('Tab');
  await expect(minimap()).toBeFocused();
  expect(await minimap().evaluate((m) => getComputedStyle(m).outlineStyle)).toBe('solid');

  // Hand figures: an arrow moves the translation by 60 px (the larger step is measured on the phone).
  const [x0, y0, k] = await zoom();
  await page().keyboard.press('ArrowRight');
  await expect.poll(async () => (await zoom())[0]).toBeCloseTo(x0 - 60, 3);
  await page().keyboard.press('ArrowLeft');
  await expect.poll(async () => (await zoom())[0]).toBeCloseTo(x0, 3);
  await page().keyboard.press('ArrowDown');
  const moved = await zoom();
  expect(moved[1]).toBeLessThanOrEqual(y0);
  expect(moved[2]).toBe(k); // panning never zooms
  // Shift+arrow pages along until the graph's right end, then stops there.
  const ends: number[] = [];
  for (let i = 0; i < 4; i++) {
    await page().keyboard.press('Shift+ArrowRight');
    ends.push((await zoom())[0]);
  }
  expect(ends[0]).toBeLessThan(x0 - 60);
  expect(ends[3]).toBe(ends[2]);
  const right = (await graph().locator('g.node[data-id="roi_heads"]').boundingBox())!;
  const area = (await graph().locator('svg.graph-svg').boundingBox())!;
  expect(right.x + right.width).toBeLessThanOrEqual(area.x + area.width);
  await graph()
    .locator('.graph-area')
    .screenshot({ path: 'test-results/screenshots/graph-minimap-focus-1280.png' });
  // Home: back to the fitted start (the whole graph at 1280 px); the minimap keeps its focus.
  await page().keyboard.press('Home');
  await expect.poll(async () => (await zoom())[2]).toBeLessThan(k);
  for (const id of ['input', 'C5', 'roi_heads']) {
    const b = (await graph().locator(`g.node[data-id="${id}"]`).boundingBox())!;
    const a = (await graph().locator('svg.graph-svg').boundingBox())!;
    expect(b.x >= a.x - 1 && b.x + b.width <= a.x + a.width + 1, id).toBe(true);
  }
  await expect(minimap()).toBeFocused();
  await axeClean();
});

test('on a 390 px phone the minimap pans by keyboard too', async () => {
  await page().setViewportSize({ width: 390, height: 844 });
  await open(page(), '/?preset=retinanet_slim_v2_50&input=512x512', 'neck/P7');
  await expect(minimap()).toBeVisible();
  await minimap().focus();
  const [x0] = await zoom();
  await page().keyboard.press('ArrowRight');
  await expect.poll(async () => (await zoom())[0]).toBeCloseTo(x0 - 60, 3);
  // Shift: 80% of the area's width.
  const width = await graph()
    .locator('svg.graph-svg')
    .evaluate((s) => s.clientWidth);
  await page().keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await zoom())[0]).toBeCloseTo(x0 - 60 - 0.8 * width, 3);
  await page().keyboard.press('Home');
  await expect.poll(async () => (await zoom())[0]).toBeCloseTo(x0, 3);
  await graph()
    .locator('.graph-area')
    .screenshot({ path: 'test-results/screenshots/graph-minimap-focus-390.png' });
  await page().setViewportSize({ width: 1280, height: 800 });
});
