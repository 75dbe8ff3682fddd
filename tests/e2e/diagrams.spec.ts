import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';

// The four diagrams on the prerendered dev route, one preset per test (?preset=...&input=HxW).
async function open(page: Page, query: string) {
  await page.goto(`/dev/diagrams?${query}`);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
}

const pyramid = (page: Page) => page.locator('.as-viz.pyramid');
const graph = (page: Page) => page.locator('.as-viz.layer-graph');

test('pyramid labels ResNet-50 at 224 like torchvision: C5 is 7x7 with 2048 channels', async ({ page }) => {
  await open(page, 'preset=resnet50&input=224x224');
  await expect(pyramid(page).locator('g.block[data-id="C5"] text.shape')).toHaveText('7×7 / 2048');
  await expect(pyramid(page).locator('g.block[data-id="C4"] text.shape')).toHaveText('14×14 / 1024');
  await expect(pyramid(page).locator('g.block[data-id="C5"] text.stride')).toHaveText('/32');
  await expect(pyramid(page).locator('g.same')).toHaveCount(0);
});

test("TF-slim placement shows seed 002's equal C4 and C5 and the 49104 anchors", async ({ page }) => {
  await open(page, 'preset=retinanet_slim_v2_50&input=512x512');
  const h = (id: string) => pyramid(page).locator(`g.block[data-id="${id}"] rect`).getAttribute('height');
  await expect(pyramid(page).locator('g.same text')).toHaveText('same resolution 16×16');
  await page.waitForTimeout(300); // let the block transition settle
  expect(await h('C4')).toBe(await h('C5'));
  expect(Number(await h('C3'))).toBeGreaterThan(Number(await h('C4')));
  // Seed 002: (64² + 32² + 16² + 8² + 4²) x 9 = 49104.
  await expect(pyramid(page).getByTestId('anchor-total')).toHaveText('49,104 anchors');
});

test('layer graph: expand and collapse a stage, hover tooltip, select a node', async ({ page }) => {
  await open(page, 'preset=resnet18&input=224x224');
  const node = (id: string) => graph(page).locator(`g.node[data-id="${id}"]`);
  await expect(node('C3')).toBeVisible();
  await expect(node('C3/unit1')).toHaveCount(0);
  await node('C3').dblclick();
  // torchvision resnet18: layer2 has two BasicBlocks, the first with a downsample (conv block).
  await expect(node('C3/unit1')).toContainText('conv block');
  await expect(node('C3/unit2')).toContainText('identity block');
  await expect(node('C3/unit1')).toHaveClass(/down/);
  await node('C3/unit1').hover();
  const tip = graph(page).locator('.tooltip');
  await expect(tip).toContainText('output [1, 128, 28, 28]');
  await expect(tip).toContainText('receptive field');
  await expect(tip).toContainText('params');
  // A group's box selects the group itself (issue 10, item 7), not its last op.
  await node('C3/unit2').click();
  await expect(page.getByTestId('selected')).toHaveText('C3/unit2');
  await expect(node('C3/unit2')).toHaveClass(/selected/);
  await graph(page).getByRole('button', { name: 'collapse C3' }).click();
  await expect(node('C3/unit1')).toHaveCount(0);
  await expect(node('C3')).toBeVisible();
  // Keyboard: focus a box and press Enter to select it.
  await node('C4').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selected')).toHaveText('C4');
});

test("pyramid tooltip prints PSPNet's fractional output stride to two decimals, like the graph's", async ({
  page
}) => {
  // PSPNet at 473: the 60x60 score map (stride 8) resized to 473x473 has stride 8 * 60 / 473 = 1.0148.
  await open(page, 'preset=pspnet_r50&input=473x473');
  await pyramid(page).locator('g.block[data-id="out"]').hover();
  const tip = pyramid(page).locator('.tooltip');
  await expect(tip).toContainText('stride 1.01');
  await expect(tip).not.toContainText('1.0147');
});

test('a node picked on the depth chart is opened and highlighted in the layer graph', async ({ page }) => {
  await open(page, 'preset=resnet50&input=224x224');
  // The depth chart's target (the receptive-field chart has one too).
  await page.locator('.as-viz.charts g.depth rect.hit').click();
  const id = await page.getByTestId('selected').textContent();
  expect(id).toMatch(/^C\d\/unit\d+\//);
  await expect(page.locator('.as-viz.charts g.depth line.sel')).toHaveCount(1);
  // The stage and unit around the node open; the op itself carries the selection.
  await expect(graph(page).locator('g.node.selected')).toHaveAttribute('data-id', id!);
});

test('a shape mismatch at an FPN add is marked on the node with its message', async ({ page }) => {
  // FPN paper preset at 400x400: C5 is 13x13, nearest x2 gives 26x26 against C4's 25x25.
  await open(page, 'preset=fpn_resnet34_paper&input=400x400');
  const p4 = graph(page).locator('g.node[data-id="neck/P4"]');
  await expect(p4).toHaveClass(/diag/);
  await p4.hover();
  await expect(graph(page).locator('.tooltip p.error')).toContainText('nearest x2');
  await expect(pyramid(page).locator('g.block[data-id="P4"]')).toHaveClass(/diag/);
});

test('anchors view draws the grid of the chosen level on the sample image', async ({ page }) => {
  await open(page, 'preset=retinanet_slim_v2_50&input=512x512');
  const view = page.locator('.as-viz.anchors-view');
  await view.getByRole('combobox').selectOption('P7');
  const svg = view.locator('svg[data-level="P7"]');
  // P7 at 512: stride 128, a 4x4 grid.
  await expect(svg.locator('circle.centre')).toHaveCount(16);
  await expect(svg.locator('image')).toHaveAttribute('href', /^data:image\/svg\+xml/);
  await expect(view.getByTestId('anchors-total')).toHaveText('49,104');
  await view.getByLabel('all cells').check();
  await expect(svg.locator('g.boxes path')).toHaveCount(3); // one path per aspect ratio
  await view.getByRole('combobox').selectOption('P3');
  await expect(view.locator('svg[data-level="P3"]')).toHaveAttribute('data-centres', '4096');
  // P3 is 64x64: all cells start at every 8th cell each way (about 8 along a side).
  await expect(
    view.getByText(/Boxes of every 8th cell in each direction \(64 of 4,096 cells\)/)
  ).toBeVisible();
});

test('a non-image file gives a clear message', async ({ page }) => {
  await open(page, 'preset=retinanet_slim_v2_50&input=512x512');
  const view = page.locator('.as-viz.anchors-view');
  await view
    .locator('input[type=file]')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(view.getByRole('alert')).toContainText('is not an image');
});

test('each diagram exports SVG and PNG', async ({ page }) => {
  await open(page, 'preset=retinanet_slim_v2_50&input=512x512');
  for (const [cls, diagram] of [
    ['pyramid', 'pyramid'],
    ['layer-graph', 'graph'],
    ['charts', 'charts'],
    ['anchors-view', 'anchors']
  ]) {
    const view = page.locator(`.as-viz.${cls}`);
    const [svgDl] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: /as SVG/ }).click()
    ]);
    expect(svgDl.suggestedFilename()).toBe(`archscope-${diagram}-retinanet_slim_v2_50-512x512.svg`);
    const text = await readFile((await svgDl.path())!, 'utf8');
    expect(text).toContain('<svg');
    const [pngDl] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: /as PNG/ }).click()
    ]);
    expect(pngDl.suggestedFilename()).toBe(`archscope-${diagram}-retinanet_slim_v2_50-512x512.png`);
    const png = await readFile((await pngDl.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }
});

// How long the update takes is measured by `npm run bench` (scripts/bench/diagrams.ts), not asserted here.
test('an input-size change and a placement change update the diagrams (ResNet-152 + FPN)', async ({
  page
}) => {
  await open(page, 'preset=fasterrcnn_resnet50_fpn_backbone&depth=152&input=800x800');
  const input = pyramid(page).locator('g.block[data-id="input"] text.shape');
  await expect(input).toHaveText('800×800 / 3');
  await page.evaluate(() => {
    const set = (window as unknown as { __setInput: (h: number, w: number) => number }).__setInput;
    for (let i = 0; i < 30; i++) set(600 + 8 * i, 600 + 8 * i);
  });
  // The last of the 30 sizes: 600 + 8 x 29 = 832.
  await expect(input).toHaveText('832×832 / 3');
  // torchvision's C2 of a 832 px input is 832 / 4 = 208 wide; TF-slim's block 1 already has stride 8:
  // 832 / 8 = 104 (docs/conventions.md, "Where each ResNet variant downsamples").
  const c2 = pyramid(page).locator('g.block[data-id="C2"] text.shape');
  await expect(c2).toHaveText('208×208 / 256');
  await page.evaluate(() => (window as unknown as { __setStyle: (s: string) => number }).__setStyle('slim'));
  await expect(c2).toHaveText('104×104 / 256');
  await page.evaluate(() =>
    (window as unknown as { __setStyle: (s: string) => number }).__setStyle('torchvision')
  );
  await expect(c2).toHaveText('208×208 / 256');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of each diagram (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [query, tag] of [
      ['preset=retinanet_slim_v2_50&input=512x512', 'retinanet_slim'],
      ['preset=pspnet_r50&input=473x473', 'pspnet']
    ]) {
      await open(page, query);
      await page.waitForTimeout(400);
      for (const cls of ['pyramid', 'layer-graph', 'charts', 'anchors-view']) {
        await page
          .locator(`.as-viz.${cls}`)
          .screenshot({ path: `test-results/screenshots/${cls}-${tag}-${scheme}.png` });
      }
    }
  });
}

test('the diagrams have no serious or critical accessibility violations (light and dark)', async ({
  page
}) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // A preset with a diagnostic, so the red marks are scanned too.
    await open(page, 'preset=fpn_resnet34_paper&input=400x400');
    await page.waitForTimeout(300);
    const result = await new AxeBuilder({ page }).include('.as-viz').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('Mask R-CNN: transform, per-level RPN outputs and the RoI lanes in the pyramid; the RPN head drawn once', async ({
  page
}) => {
  await open(page, 'preset=maskrcnn_resnet50_fpn&input=375x500');
  const block = (id: string) => pyramid(page).locator(`g.block[data-id="${id}"]`);
  await expect(block('resized').locator('text.shape')).toHaveText('799×1066 / 3');
  await expect(block('padded').locator('text.shape')).toHaveText('800×1088 / 3');
  await expect(block('objectness/P2')).toBeAttached();
  await expect(block('pred_bbox_deltas/P6')).toBeAttached();
  await expect(pyramid(page).locator('text.caption', { hasText: 'deltas 12 = 3×4' })).toHaveCount(5);
  await expect(pyramid(page).locator('text.caption', { hasText: /^R = 1000 proposals$/ })).toHaveCount(1);
  await expect(block('mask_logits').locator('text.shape')).toHaveText('D × 91×28×28');
  const node = (id: string) => graph(page).locator(`g.node[data-id="${id}"]`);
  await expect(node('rpn')).toContainText('RPN head');
  await node('rpn').dispatchEvent('dblclick');
  // One drawing of torchvision's RPNHead (conv, cls_logits, bbox_pred) for five levels.
  await expect(graph(page).locator('g.node[data-id^="rpn/"]')).toHaveCount(4);
  await expect(node('rpn/P3/conv1')).toHaveCount(0);
  await expect(graph(page).getByRole('button', { name: 'collapse rpn' })).toContainText(
    'RPN head ×5: P2–P6 (one set of weights)'
  );
  await node('rpn/P2/conv1').hover();
  await expect(graph(page).locator('.tooltip')).toContainText('drawn once for 5 levels');
});

test('whole-model diagrams have no serious or critical accessibility violations', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page, 'preset=maskrcnn_resnet50_fpn&input=375x500');
    await page.waitForTimeout(300);
    const result = await new AxeBuilder({ page }).include('.as-viz').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
