import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';

import { sharedPage } from './shared-page';

// Issue 10, item 10: an uploaded image keeps its aspect ratio and sits in the tensor the way
// torchvision's transform places it (padding shown), and "all cells" has a density. Sizes by hand:
// scale = min(800 / short side, 1333 / long side), floor each side, pad to a multiple of 32.
const page = sharedPage();

const view = () => page().locator('.as-viz.anchors-view');
const svg = () => view().locator('svg[data-level]');
const num = async (loc: ReturnType<Page['locator']>, attr: string) => Number(await loc.getAttribute(attr));
// A 400x300 image (4:3), made here as an SVG file.
const PHOTO = {
  name: 'photo-400x300.svg',
  mimeType: 'image/svg+xml',
  buffer: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#6a9"/><circle cx="200" cy="150" r="100" fill="#fff"/></svg>'
  )
};

test('a 400x300 image in a 512x640 input keeps its aspect ratio; the padding is drawn', async () => {
  // 512x640 -> scale 1.5625 -> 800x1000, padded to 800x1024.
  await page().goto('/?preset=fasterrcnn_resnet50_fpn&input=512x640');
  await view().scrollIntoViewIfNeeded();
  await expect(svg()).toHaveAttribute('data-frame', '800x1024');
  await expect(view().getByTestId('anchors-frame')).toHaveText(
    'The transform resizes the 512×640 input to 800×1000 and pads it with zeros to 800×1024 (hatched); anchors are in those pixels.'
  );
  const pad = svg().locator('rect.padding');
  await expect(pad).toHaveCount(1);
  expect([await num(pad, 'x'), await num(pad, 'width'), await num(pad, 'height')]).toEqual([1000, 24, 800]);

  await view().locator('input[type=file]').setInputFiles(PHOTO);
  await expect(view().getByTestId('anchors-image')).toContainText(
    'Image: photo-400x300.svg (400×300), scaled to fit with its aspect ratio kept; the grey band is input it does not cover.'
  );
  // Scale min(1000 / 400, 800 / 300) = 2.5: 1000x750, a 50 px band below.
  const img = svg().locator('image');
  expect([await num(img, 'width'), await num(img, 'height')]).toEqual([1000, 750]);
  const band = svg().locator('rect.uncovered');
  expect([await num(band, 'y'), await num(band, 'width'), await num(band, 'height')]).toEqual([
    750, 1000, 50
  ]);
  await page().screenshot({ path: 'test-results/screenshots/anchors-image-fitted.png', fullPage: false });
});

test("using the image's size makes the transform resize it as torchvision would", async () => {
  await view().getByRole('button', { name: 'Use 300×400 as the input' }).click();
  await expect(page()).toHaveURL(/input=300x400/);
  // 300x400 -> scale 2.6667 -> 800x1066 (floor), padded to 800x1088.
  await expect(svg()).toHaveAttribute('data-frame', '800x1088');
  const img = svg().locator('image');
  await expect(img).toHaveAttribute('width', '1066');
  await expect(img).toHaveAttribute('height', '800');
  await expect(svg().locator('rect.uncovered')).toHaveCount(0);
  await expect(view().getByRole('button', { name: /as the input/ })).toHaveCount(0);
  expect(await num(svg().locator('rect.padding'), 'width')).toBe(22);
});

test('all cells at P3 start readable, and the cell step sets the density', async () => {
  await view().getByLabel('Level').selectOption('P3');
  await view().getByLabel('all cells').check();
  // P3 of 800x1088 is 100x136 cells at stride 8: every 17th (136 / 8) gives 6 x 8 = 48 cells.
  const caption = view().getByTestId('anchors-cells');
  await expect(view().getByLabel('cell step')).toHaveValue('17');
  await expect(caption).toContainText('Boxes of every 17th cell in each direction (48 of 13,600 cells)');
  // Faster R-CNN: 3 boxes per location, one path per ratio: 48 rectangles each.
  const rects = async () =>
    (
      await svg()
        .locator('g.boxes path')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('d')!))
    ).map((d) => d.split('M').length - 1);
  expect(await rects()).toEqual([48, 48, 48]);
  await page().screenshot({ path: 'test-results/screenshots/anchors-density.png' });
  await view().getByLabel('cell step').fill('50');
  await view().getByLabel('cell step').press('Enter');
  // Every 50th: rows 0, 50 and columns 0, 50, 100: 6 cells.
  await expect(caption).toContainText('every 50th cell in each direction (6 of 13,600 cells)');
  await view().getByLabel('cell step').fill('1');
  await view().getByLabel('cell step').press('Enter');
  // Every cell would be 40,800 boxes; the view's cap of 12,000 allows every 2nd: 50 x 68 cells.
  await expect(caption).toContainText(
    'every 2nd cell in each direction (3,400 of 13,600 cells), the densest this view draws (10,200 boxes)'
  );
  const results = await new AxeBuilder({ page: page() }).include('.as-viz.anchors-view').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
