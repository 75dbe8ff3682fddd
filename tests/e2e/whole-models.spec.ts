import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../../src/lib/models/presets';

/**
 * torchvision's published figures (weights metadata: num_params, and `_ops`, which counts
 * multiply-accumulates) at the sizes torchvision measured them. The R-CNN MAC figures assume R = 1000
 * proposals; maskrcnn_resnet50_fpn and keypointrcnn_resnet50_fpn's assume D = 0 detections reach the
 * mask or keypoint head, maskrcnn_resnet50_fpn_v2's D = 100 (the preset's default).
 */
const PUBLISHED: Array<{ id: string; size: string; params: string; gmacs: string; extra?: string }> = [
  { id: 'resnext50_32x4d', size: '224x224', params: '25,028,904', gmacs: '4.23' },
  { id: 'resnext101_32x8d', size: '224x224', params: '88,791,336', gmacs: '16.414' },
  { id: 'resnext101_64x4d', size: '224x224', params: '83,455,272', gmacs: '15.46' },
  { id: 'wide_resnet50_2', size: '224x224', params: '68,883,240', gmacs: '11.398' },
  { id: 'wide_resnet101_2', size: '224x224', params: '126,886,696', gmacs: '22.753' },
  { id: 'fasterrcnn_resnet50_fpn', size: '800x800', params: '41,755,286', gmacs: '134.38' },
  { id: 'fasterrcnn_resnet50_fpn_v2', size: '800x800', params: '43,712,278', gmacs: '280.371' },
  {
    id: 'maskrcnn_resnet50_fpn',
    size: '800x800',
    params: '44,401,393',
    gmacs: '134.38',
    extra: 'detections=0'
  },
  { id: 'maskrcnn_resnet50_fpn_v2', size: '800x800', params: '46,359,409', gmacs: '333.577' },
  {
    id: 'keypointrcnn_resnet50_fpn',
    size: '800x800',
    params: '59,137,258',
    gmacs: '133.924',
    extra: 'detections=0'
  },
  { id: 'retinanet_resnet50_fpn', size: '800x800', params: '34,014,999', gmacs: '151.54' },
  { id: 'retinanet_resnet50_fpn_v2', size: '800x800', params: '38,198,935', gmacs: '152.238' },
  { id: 'fcos_resnet50_fpn', size: '800x800', params: '32,269,600', gmacs: '128.207' },
  { id: 'fcn_resnet50', size: '520x520', params: '35,322,218', gmacs: '152.717' },
  { id: 'fcn_resnet101', size: '520x520', params: '54,314,346', gmacs: '232.738' },
  { id: 'deeplabv3_resnet50', size: '520x520', params: '42,004,074', gmacs: '178.722' },
  { id: 'deeplabv3_resnet101', size: '520x520', params: '60,996,202', gmacs: '258.743' }
];

/** Collects uncaught page errors and console errors while the page is used. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test('every preset renders on the explorer without errors', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = watchErrors(page);
  for (const p of PRESETS) {
    await page.goto(`/?preset=${p.id}`);
    await expect(page.getByRole('heading', { level: 1 }), p.id).toHaveText(p.title);
    await expect(page.getByTestId('total-params'), p.id).toBeVisible();
    await expect(page.locator('.failure'), p.id).toHaveCount(0);
    await expect(page.locator('.as-viz.pyramid g.block').first(), p.id).toBeVisible();
    await expect(page.locator('.as-viz.layer-graph g.node').first(), p.id).toBeAttached();
    expect(errors, p.id).toEqual([]);
  }
});

for (const m of PUBLISHED) {
  test(`${m.id} at ${m.size} shows torchvision's ${m.params} parameters and ${m.gmacs} GMACs`, async ({
    page
  }) => {
    await page.goto(`/?preset=${m.id}&input=${m.size}${m.extra ? `&${m.extra}` : ''}`);
    await expect(page.getByTestId('total-params')).toHaveText(m.params);
    // The exact count is in the title; torchvision rounds GMACs to its published decimals.
    const title = (await page.getByTestId('total-ops').getAttribute('title'))!;
    const macs = Number(title.split(' ')[0].replace(/,/g, ''));
    const decimals = m.gmacs.split('.')[1]?.length ?? 0;
    expect((macs / 1e9).toFixed(decimals)).toBe(m.gmacs);
  });
}

test('Faster R-CNN at 800x800: the summary says the totals assume R = 1000 and that the RPN head is counted once', async ({
  page
}) => {
  await page.goto('/?preset=fasterrcnn_resnet50_fpn&input=800x800');
  await expect(page.getByTestId('summary-regions')).toContainText('at R = 1000 proposals');
  // RoI heads: 14,362,055 of 41,755,286 parameters (34.4 %); 14.36 G of 134.38 G MACs (10.7 %).
  await expect(page.getByTestId('summary-regions')).toContainText(
    '10.7 % of the MACs, 34.4 % of the parameters'
  );
  await expect(page.getByTestId('summary-roi-ops')).toHaveText('14.36 G');
  await expect(page.getByTestId('summary-assumes')).toContainText('RPN head: one set of weights for P2–P6');
  // One chip for the objectness family: A = 3 anchors x 1 score.
  await expect(page.locator('button[data-tap="objectness"]')).toContainText('P2–P6');
  await expect(page.locator('button[data-tap="objectness"]')).toContainText('3 = 3×1 ch');
  await expect(page.locator('button[data-tap="box_roi_pool"]')).toContainText('R = 1000 · 256 ch');
});

test('the transform is the first step: 375x500 reads resized 799x1066, padded 800x1088', async ({ page }) => {
  await page.goto('/?preset=maskrcnn_resnet50_fpn&input=375x500');
  const readout = page.getByTestId('transform-readout');
  await expect(readout).toContainText('375×500');
  await expect(readout).toContainText('799×1066');
  await expect(readout).toContainText('800×1088');
  await expect(page.getByTestId('summary-transform')).toHaveText(
    'image 375×500 → resized 799×1066 → padded 800×1088'
  );
  // Every feature map follows the padded tensor: C2 at stride 4 of 800x1088.
  await expect(page.locator('button[data-tap="C2"]')).toContainText('200×272');
  const pyramid = page.locator('.as-viz.pyramid');
  await expect(pyramid.locator('g.block[data-id="padded"] text.shape')).toHaveText('800×1088 / 3');
  // A larger minimum side: the long side caps the scale, min(1000/375, 1333/500) = 2.666, so
  // floor(375 x 2.666) = 999 and 500 x 2.666 = 1333, padded to 1024x1344.
  await page.getByLabel('Min size').fill('1000');
  await expect(page.getByTestId('summary-transform')).toHaveText(
    'image 375×500 → resized 999×1333 → padded 1024×1344'
  );
});

test('region counts change the RoI heads; keys a head does not read are disabled with the reason', async ({
  page
}) => {
  await page.goto('/?preset=maskrcnn_resnet50_fpn&input=800x800');
  await page.getByLabel('Detections D per image').fill('0');
  // D = 0 leaves the box branch only: torchvision's published 134.38 G for maskrcnn_resnet50_fpn.
  await expect(page.getByTestId('total-ops')).toHaveText('134.38 G');
  await expect(page.getByTestId('summary-regions')).toContainText('R = 1000 proposals, D = 0 detections');
  await expect(page).toHaveURL(/detections=0/);

  await page.goto('/?preset=retinanet_resnet50_fpn&input=800x800');
  const proposals = page.getByLabel('Proposals R per image');
  await expect(proposals).toBeDisabled();
  await expect(page.locator('.field', { has: proposals })).toContainText('has no RoI heads');
  await expect(page.getByLabel('Head design')).toBeEnabled();

  await page.goto('/?preset=fasterrcnn_resnet50_fpn&input=800x800');
  await expect(page.getByLabel('Detections D per image')).toBeDisabled();
  await expect(page.getByLabel('Keypoints per instance')).toBeDisabled();
  await page.getByLabel('Input transform').selectOption('none');
  await expect(page.getByTestId('transform-readout')).toHaveCount(0);
  await expect(page.getByTestId('summary-transform')).toHaveCount(0);
});

test('the layer table marks the shared RPN layers and the details panel names the module', async ({
  page
}) => {
  await page.goto('/?preset=fasterrcnn_resnet50_fpn&input=800x800');
  await page.locator('.table-card select').selectOption('rpn');
  const row = page.locator('tr[data-id="rpn/P3/conv1"]');
  await expect(row).toContainText('shared');
  await expect(row).toContainText('0 (shared)');
  // The RPN head's 593,935 parameters, counted once over P2-P6 (torchvision's RPNHead).
  await expect(page.getByTestId('table-total-params')).toHaveText('593,935');
  await row.getByRole('button', { name: 'rpn/P3/conv1' }).click();
  await expect(page.getByTestId('details-module')).toContainText('rpn.head.conv.0.0');
  await expect(page.getByTestId('details-weights')).toContainText('counted once at');
  await row.getByRole('button', { name: /shared with rpn\/P2\/conv1/ }).click();
  await expect(page.getByTestId('details-id')).toHaveText('rpn/P2/conv1');
  await expect(page.getByTestId('details-weights')).toContainText('reused by 4 later nodes');
});
