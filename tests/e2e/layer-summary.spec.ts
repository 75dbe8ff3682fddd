import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { sharedPage } from './shared-page';

// Issue 10, extras: torchinfo's depth-grouped summary (numbers from torchinfo's published summary of
// torchvision's resnet18 at 224x224) and the "what is this" texts in the details panel.
const page = sharedPage();

const card = () => page().locator('section.table-card');
const summary = () => card().getByTestId('depth-summary');
const row = (path: string) => summary().locator(`tr[data-path="${path}"]`);
const details = () => page().locator('section.details');

async function axeClean(selector: string) {
  const r = await new AxeBuilder({ page: page() }).include(selector).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

test('ResNet-18 at 224x224 by depth: rows and footer as torchinfo prints them', async () => {
  await page().goto('/?preset=resnet18&input=224x224');
  await card().scrollIntoViewIfNeeded();
  await card().getByLabel('by depth (torchinfo)').check();
  await expect(summary().locator('tbody tr')).toHaveCount(6);
  await expect(row('C2').locator('td').nth(4)).toHaveText('147,968');
  await expect(row('C5').locator('td').nth(3)).toHaveText('[1, 512, 7, 7]');
  const footer = card().getByTestId('depth-summary-footer');
  for (const [k, v] of [
    ['Total params', '11,689,512'],
    ['Trainable params', '11,689,512'],
    ['Non-trainable params', '0'],
    ['Total mult-adds', '1.81 G'],
    ['Input size (MB)', '0.60'],
    ['Forward/backward pass size (MB)', '39.75'],
    ['Params size (MB)', '46.76'],
    ['Estimated Total Size (MB)', '87.11']
  ])
    await expect(footer.locator(`dt:text-is("${k}") + dd`)).toHaveText(v);
  // Depth 2: torchinfo's BasicBlocks.
  await card().getByLabel('Depth', { exact: true }).selectOption('2');
  await expect(row('C3/unit2').locator('td').nth(4)).toHaveText('295,424');
  await expect(row('C3').locator('td').nth(4)).toHaveText('--');
  await page().screenshot({ path: 'test-results/screenshots/layer-summary-depth2.png' });
  await axeClean('section.table-card');
  await page().emulateMedia({ colorScheme: 'dark' });
  await axeClean('section.table-card');
  await page().emulateMedia({ colorScheme: 'light' });
});

// Parameter counts by hand from torchvision's resnet18 (also torchinfo's published rows): layer2.0 =
// conv1 3x3 64->128 73,728 + bn 256 + conv2 3x3 128->128 147,456 + bn 256 + downsample 1x1 8,192 + bn
// 256 = 230,144; layer2.1 = 2 x 147,456 + 2 x 256 = 295,424; layer2 = 525,568.
test('group rows select their stage or unit by click, Enter and Space, as the graph box does', async () => {
  await row('C3').getByRole('button', { name: 'C3' }).click();
  await expect(details().getByTestId('details-id')).toHaveText('C3');
  await expect(details().getByTestId('details-kind')).toHaveText('stage');
  await expect(details().getByTestId('details-params')).toHaveText('525,568');
  await expect(page()).toHaveURL(/&sel=C3$/);
  await expect(row('C3')).toHaveClass(/selected/);
  await expect(row('C3').getByRole('button', { name: 'C3' })).toHaveAttribute('aria-pressed', 'true');
  // The graph selects the same group: its C3 box is marked.
  await expect(page().locator('.as-viz.layer-graph g.node.selected')).toHaveAttribute('data-id', 'C3');

  await row('C3/unit1').getByRole('button', { name: 'unit1' }).focus();
  await page().keyboard.press('Enter');
  await expect(details().getByTestId('details-id')).toHaveText('C3/unit1');
  await expect(details().getByTestId('details-kind')).toHaveText('unit');
  await expect(details().getByTestId('details-params')).toHaveText('230,144');
  await row('C3/unit2').getByRole('button', { name: 'unit2' }).focus();
  await page().keyboard.press('Space');
  await expect(details().getByTestId('details-params')).toHaveText('295,424');
  await expect(page()).toHaveURL(/&sel=C3\/unit2$/);
  await card().scrollIntoViewIfNeeded();
  await page().screenshot({ path: 'test-results/screenshots/layer-summary-group-selected.png' });

  // The graph's unit box (opened to show the selection) gives the same details as the table's row.
  const fromTable = await details().locator('dl').first().innerText();
  await row('C3/unit1').getByRole('button', { name: 'unit1' }).click(); // C3 stays open in the graph
  const box = page().locator('.as-viz.layer-graph g.node[data-id="C3/unit2"]');
  await box.scrollIntoViewIfNeeded();
  await box.click();
  await expect(details().getByTestId('details-id')).toHaveText('C3/unit2');
  expect(await details().locator('dl').first().innerText()).toBe(fromTable);
  await expect(row('C3/unit2')).toHaveClass(/selected/);
});

test('on a phone the group rows still select', async () => {
  await page().setViewportSize({ width: 390, height: 844 });
  await card().scrollIntoViewIfNeeded();
  await row('C4').getByRole('button', { name: 'C4' }).click();
  await expect(details().getByTestId('details-id')).toHaveText('C4');
  expect(await page().evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
  await card().scrollIntoViewIfNeeded();
  await page().screenshot({ path: 'test-results/screenshots/layer-summary-group-selected-390.png' });
  await page().setViewportSize({ width: 1280, height: 800 });
});

test('an op row selects the layer; the details say what a basic block is', async () => {
  await card().getByLabel('Depth', { exact: true }).selectOption('3');
  const conv = row('C3/unit1/conv2');
  await expect(conv.locator('td').nth(1)).toHaveText('3×3');
  await conv.getByRole('button', { name: 'conv2' }).click();
  await expect(details().getByTestId('details-id')).toHaveText('C3/unit1/conv2');
  const what = details().getByTestId('what-is-this');
  await what.getByText('What is a basic block?').click();
  await expect(what.locator('details[data-term="basic"] p').first()).toContainText(
    'two 3×3 convolutions, each followed by batch norm'
  );
  await details().scrollIntoViewIfNeeded();
  await page().screenshot({ path: 'test-results/screenshots/details-what-is-this.png' });
});

test('Mask R-CNN: frozen batch norm, the FPN lateral and RoIAlign explained; dark mode stays clean', async () => {
  await page().goto('/?preset=maskrcnn_resnet50_fpn&input=512x512');
  await card().scrollIntoViewIfNeeded();
  await card().getByLabel('by depth (torchinfo)').check();
  await card().getByLabel('Depth', { exact: true }).selectOption('3');
  // FrozenBatchNorm2d has no parameters; its four vectors are buffers.
  await expect(row('C3/unit1/bn1').locator('td').nth(5)).toHaveText('frozen');
  await expect(row('C3/unit1/bn1').locator('td').nth(4)).toHaveText('--');
  await expect(card().getByTestId('depth-summary-footer')).toContainText('Buffers (not parameters)');
  // trainableLayers=3 (the preset, as torchvision builds it with weights) freezes conv1 and layer1's
  // convs: 222,400 parameters (trainable_params.json, the same backbone as fasterrcnn_resnet50_fpn).
  const footer = card().getByTestId('depth-summary-footer');
  await expect(footer.locator('dt:text-is("Non-trainable params") + dd')).toHaveText('222,400');
  await expect(row('C2/unit1/conv1').locator('td').nth(5)).toHaveText('frozen');
  await expect(row('C3/unit1/conv1').locator('td').nth(5)).toHaveText('trainable');
  await expect(page().getByTestId('params-frozen')).toHaveText('44,178,993 trainable, 222,400 frozen');
  await row('neck/P4/lateral').getByRole('button', { name: 'lateral' }).click();
  const what = details().getByTestId('what-is-this');
  await expect(what.locator('summary')).toHaveText(['What is a lateral connection?', 'What is an FPN?']);
  await row('roi_heads/box_roi_pool').getByRole('button', { name: 'box_roi_pool' }).click();
  await expect(what.locator('summary')).toHaveText(['What is RoIAlign?']);
  await page().emulateMedia({ colorScheme: 'dark' });
  await what.getByText('What is RoIAlign?').click();
  await axeClean('section.details');
});
