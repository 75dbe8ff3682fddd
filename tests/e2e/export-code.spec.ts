import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// One page load: Mask R-CNN's PyTorch file and key list, then the key list refused for TF-slim.
test.describe.configure({ mode: 'serial' });
let page: Page;
const URL = '/?preset=maskrcnn_resnet50_fpn&input=375x500';

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto(URL);
});
test.afterAll(() => page.close());

async function grab(name: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click()
  ]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('Export > PyTorch downloads the model as Python code naming its permalink', async () => {
  const py = await grab('PyTorch');
  expect(py.name).toBe('maskrcnn_resnet50_fpn_375x500.py');
  expect(py.text).toContain(`# Permalink: ${page.url()}\n`);
  expect(py.text).toContain('\nclass Model(Tree):\n');
  expect(py.text).toContain('\ndef build_model():\n');
  // torchvision's maskrcnn_resnet50_fpn: 44,401,393 parameters; 100 detections x 91 classes of 28x28 masks.
  expect(py.text).toContain('# Parameters: 44,401,393');
  expect(py.text).toMatch(/^# {5}mask_logits +\[100, 91, 28, 28\]$/m);
});

test('Export > safetensors keys downloads the key list; TF-slim has none and says why', async () => {
  const keys = await grab('safetensors keys');
  expect(keys.name).toBe('maskrcnn_resnet50_fpn_375x500.keys.json');
  // torchvision's mask predictor: a 1x1 conv from 256 channels to the 91 classes.
  expect(JSON.parse(keys.text).keys['roi_heads.mask_predictor.mask_fcn_logits.weight']).toEqual([
    91, 256, 1, 1
  ]);
  await page.getByLabel('Downsampling placement').selectOption('slim');
  await page.getByRole('button', { name: 'safetensors keys', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    'No key list export for this configuration: TF-slim and pre-activation ResNets have no torchvision checkpoint layout'
  );
});
