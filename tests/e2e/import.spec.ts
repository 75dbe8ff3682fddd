import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

// One page for the whole spec: paste a detectron2 config, refuse a broken one (the page keeps the
// model), then pick an MMDetection config with its base file. Counts are the ones the unit tests
// derive by hand from torchvision's published figures (tests/unit/import-*.test.ts).
test.describe.configure({ mode: 'serial' });

const fixture = (name: string) => `tests/fixtures/configs/${name}`;
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('/?preset=resnet18&input=224x224');
  await expect(page.locator('h1')).toHaveText('ResNet-18');
});

test.afterAll(async () => {
  await page.close();
});

const importButton = () => page.getByRole('button', { name: 'Import config', exact: true });
const panel = () => page.getByRole('region', { name: 'Import a config' });
const report = () => page.getByTestId('import-report');

test('pasting detectron2 Base-RetinaNet.yaml shows the model and the report', async () => {
  await importButton().click();
  await panel()
    .getByLabel('Paste a config')
    .fill(readFileSync(fixture('detectron2/Base-RetinaNet.yaml'), 'utf8'));
  await panel().getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('h1')).toHaveText('RetinaNet ResNet-50 FPN (P6 from P5)');
  await expect(page).toHaveURL(
    /preset=retinanet_resnet50_fpn&.*style=caffe.*transform=detectron2.*p6From=C5/
  );
  // 34,014,999 with P6 on C5 and 80 classes: 37,915,572.
  await expect(page.getByTestId('total-params')).toHaveText('37,915,572');
  await expect(report()).toContainText('detectron2 YAML: pasted config');
  await report().getByText('Every key').click();
  const sizes = report().locator('tr', { hasText: 'MODEL.ANCHOR_GENERATOR.SIZES' });
  await expect(sizes).toContainText('anchorSizes=32,64,128,256,512, anchorScales=1,1.259921,1.587401');
  await expect(report().locator('tr', { hasText: 'SOLVER.BASE_LR' })).toContainText('ignored');
  await expect(panel()).toBeHidden();
});

test('a broken config and a file over 1 MB give messages; the model stays', async () => {
  await importButton().click();
  await panel()
    .getByLabel('Paste a config')
    .fill("model = dict(\n    type='FasterRCNN'\n    backbone=dict())\n");
  await panel().getByRole('button', { name: 'Import', exact: true }).click();
  await expect(panel().getByRole('alert')).toContainText(
    '"pasted config", line 3: expected ) to close dict('
  );
  await panel().getByLabel('Paste a config').fill('');
  await panel()
    .getByLabel('Drop files here, or choose them')
    .setInputFiles({
      name: 'model_final.pth',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1100 * 1024)
    });
  await panel().getByRole('button', { name: 'Import', exact: true }).click();
  await expect(panel().getByRole('alert')).toContainText('"model_final.pth" is 1.1 MB');
  await expect(page.locator('h1')).toHaveText('RetinaNet ResNet-50 FPN (P6 from P5)');
  await panel().getByRole('button', { name: 'Clear files' }).click();
});

test('an MMDetection config picked with its _base_ file replaces the model and the report', async () => {
  await panel()
    .getByLabel('Drop files here, or choose them')
    .setInputFiles([
      fixture('mmdet/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py'),
      fixture('mmdet/_base_/models/faster-rcnn_r50_fpn.py')
    ]);
  await panel().getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('h1')).toHaveText('Faster R-CNN ResNet-50 FPN');
  await expect(page).toHaveURL(
    /preset=fasterrcnn_resnet50_fpn&input=800x1344&norm=bn&background=scores&transform=none&classes=81/
  );
  // 41,755,286 + 53,120 (learnable BN) - 466,375 + 411,025 (mmdet's box predictor).
  await expect(page.getByTestId('total-params')).toHaveText('41,753,056');
  await expect(report()).toContainText(
    'MMDetection / MMSegmentation config: faster-rcnn_r50_fpn.py ← faster-rcnn_r50_fpn_1x_coco.py'
  );
  await expect(report()).toContainText('0 refused');
  await expect(report()).toContainText('"../_base_/datasets/coco_detection.py"');
});
