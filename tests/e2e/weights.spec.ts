import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAll, writeSafetensors } from '../fixtures/weights/writer';

// tests/fixtures/weights/manifest.json: resnet18_w8 is torchvision's resnet18 at width 8 with a
// 10-class fc, exported at 64x64 by scripts/fixtures/weights_parity.py.
const FIXTURE = 'tests/fixtures/weights/resnet18_w8.safetensors';
const URL = '/dev/live?preset=resnet18&input=64x64&width=8&classes=10';

// torchvision's resnet18 state_dict has 122 entries: 20 convs (conv1, 16 in the blocks, 3
// downsample) = 20 weights; 20 BNs x (weight, bias, running_mean, running_var) = 80, plus 20
// num_batches_tracked (ignored); fc weight + bias = 2. Used: 20 + 80 + 2 = 102.
const USED_TENSORS = 102;

test('a resnet18 checkpoint loads, runs with the sample image, and shows feature maps', async ({ page }) => {
  await page.goto(URL);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  const nodes = Number((await page.getByTestId('node-count').textContent())!.split(' ')[0]);
  await page.getByLabel('Weights (.safetensors, optional)').setInputFiles(FIXTURE);
  await expect(page.getByTestId('weights-report')).toContainText(`weights loaded: ${USED_TENSORS} tensors`);
  await page.getByLabel('sample street scene').check();
  await expect(page.getByText('std (0.229, 0.224, 0.225)')).toBeVisible();
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByRole('button', { name: 'Run live' }).click();
  await expect(page.getByTestId('live-summary')).toContainText(`${nodes}/${nodes} shapes confirmed on wasm`, {
    timeout: 60_000
  });
  // Width 8: layer1 (C2) of a basic-block ResNet has 8 channels, layer4 (C5) 8 x 8 = 64, of which the
  // grid shows the first 16.
  const maps = page.getByTestId('feature-maps');
  await expect(maps).toHaveAttribute('data-tap', 'C2');
  await expect(maps.locator('canvas')).toHaveCount(8);
  await page.getByRole('combobox', { name: 'Tap', exact: true }).selectOption('C5');
  await expect(maps).toHaveAttribute('data-tap', 'C5');
  await expect(maps.locator('canvas')).toHaveCount(16);
  await expect(page.getByText('C5: [1, 64, 2, 2]')).toBeVisible();
});

test('a truncated checkpoint is refused with a clear message and the page keeps working', async ({
  page
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'archscope-weights-'));
  const bytes = await readFile(FIXTURE);
  const cut = join(dir, 'resnet18_cut.safetensors');
  await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await page.goto(URL);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await page.getByLabel('Weights (.safetensors, optional)').setInputFiles(cut);
  await expect(page.getByTestId('weights-error')).toContainText('weights not loaded: the file is truncated');
  // Nothing runs half-loaded: the run waits until the file is replaced or cleared.
  await expect(page.getByRole('button', { name: 'Run live' })).toBeDisabled();
  const junk = join(dir, 'notes.safetensors');
  await writeFile(junk, 'this is not a checkpoint at all');
  await page.getByLabel('Weights (.safetensors, optional)').setInputFiles(junk);
  await expect(page.getByTestId('weights-error')).toContainText('not a safetensors file');
  await page.getByRole('button', { name: 'Use seeded weights instead' }).click();
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByRole('button', { name: 'Run live' }).click();
  await expect(page.getByTestId('live-summary')).toContainText('shapes confirmed on wasm', {
    timeout: 60_000
  });
});

for (const backend of ['wasm', 'webgl']) {
  test(`NaN weights are named before the run and the tap statistics say NaN (${backend})`, async ({
    page
  }) => {
    // The fixture with fc.bias[0] set to NaN: logit 0 is NaN, the other 9 logits and every earlier tap
    // are finite.
    const dir = await mkdtemp(join(tmpdir(), 'archscope-weights-'));
    const bytes = await readFile(FIXTURE);
    const tensors = readAll(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer
    );
    for (const [key, t] of tensors) if (key === 'fc.bias') new Float32Array(t.bytes.buffer)[0] = NaN;
    const poisoned = join(dir, 'resnet18_nan.safetensors');
    await writeFile(poisoned, new Uint8Array(writeSafetensors(tensors)));
    await page.goto(URL);
    await expect(page.locator('main[data-ready="true"]')).toBeVisible();
    await page.getByLabel('Weights (.safetensors, optional)').setInputFiles(poisoned);
    await expect(page.getByTestId('weights-status')).toContainText(`weights loaded: ${USED_TENSORS} tensors`);
    await expect(page.getByTestId('weights-warning')).toHaveText(
      'warning: 1 tensor holds NaN or infinite values, so the layers using them will output NaN or infinity: fc.bias (1 NaN)'
    );
    await page.getByLabel('Backend').selectOption(backend);
    await page.getByRole('button', { name: 'Run live' }).click();
    await expect(page.getByTestId('live-summary')).toContainText(`shapes confirmed on ${backend}`, {
      timeout: 60_000
    });
    await expect(page.locator('tr[data-tap="logits"] [data-testid="tap-nonfinite"]')).toHaveText('holds NaN');
    await expect(page.getByTestId('taps-nonfinite')).toContainText(
      /^1 of \d+ taps hold NaN or infinite values/
    );
    await expect(page.locator('tr[data-tap="C5"] [data-testid="tap-nonfinite"]')).toHaveCount(0);
  });
}
