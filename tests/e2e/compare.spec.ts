import { expect, test } from '@playwright/test';

test('"Compare with TF-slim placement" opens both sides, with the downsampling units moved', async ({
  page
}) => {
  await page.goto('/?preset=resnet50&input=512x512');
  await page.getByText('Compare with…').click();
  await page.getByRole('link', { name: 'TF-slim placement' }).click();
  await expect(page).toHaveURL(/\/compare\?a=.*&b=.*style%3Dslim/);
  await expect(page.getByLabel('Configuration A').getByLabel('Downsampling placement')).toHaveValue(
    'torchvision'
  );
  await expect(page.getByLabel('Configuration B').getByLabel('Downsampling placement')).toHaveValue('slim');
  const cell = (side: string, stage: string) =>
    page.locator(`td[data-side="${side}"][data-stage="${stage}"]`);
  // torchvision: C2 stays at 128x128 (stride 4); TF-slim: block1's last unit halves it to 64x64 (seed 002).
  await expect(cell('A', 'C2')).toContainText('128×128');
  await expect(cell('B', 'C2')).toContainText('64×64');
  // Where the stride sits: A in unit1 of C3..C5, B in the last unit of C2..C4 and nowhere in C5.
  await expect(cell('A', 'C2').locator('li[data-downsamples]')).toHaveCount(0);
  await expect(cell('A', 'C3').locator('li').first()).toHaveAttribute('data-downsamples', 'true');
  await expect(cell('B', 'C2').locator('li').last()).toHaveAttribute('data-downsamples', 'true');
  await expect(cell('B', 'C5').locator('li[data-downsamples]')).toHaveCount(0);
  await expect(cell('B', 'C4')).toContainText('16×16');
  await expect(cell('B', 'C5')).toContainText('16×16');
  await expect(page.locator('tr[data-row="shape:C2"]')).toHaveClass(/diff/);
  await expect(page.locator('tr[data-row="totals:params"]')).not.toHaveClass(/diff/);
});

test('compare reads both sides from the URL and reports bad parameters per side', async ({ page }) => {
  const a = encodeURIComponent('preset=resnet50&input=512x512');
  const b = encodeURIComponent('preset=resnet50&input=512x512&outputStride=8&bogus=1');
  await page.goto(`/compare?a=${a}&b=${b}`);
  await expect(page.locator('[role="status"]')).toContainText('B: unknown key "bogus"');
  // Output stride 8: C5 of a 512 input is 64x64 (dilated, no further downsampling).
  await expect(page.locator('td[data-side="B"][data-stage="C5"]')).toContainText('64×64');
  await expect(page.locator('td[data-side="A"][data-stage="C5"]')).toContainText('16×16');
});

test('the pyramids card outlines the blocks whose shape differs from the other side', async ({ page }) => {
  const a = encodeURIComponent('preset=resnet50&input=512x512');
  const b = encodeURIComponent('preset=resnet50&input=512x512&style=slim');
  await page.goto(`/compare?a=${a}&b=${b}`);
  const block = (side: string, id: string) =>
    page.getByRole('group', { name: `Pyramid of configuration ${side}` }).locator(`g.block[data-id="${id}"]`);
  // Seed 002 at 512x512: TF-slim's block1 ends at 64x64 (stride 8) where torchvision's layer1 stays at
  // 128x128; both end at 16x16 in C5 (slim's block4 has stride 1); the stems (128x128) agree.
  await expect(block('B', 'C2')).toHaveClass(/\bdiffers\b/);
  await expect(block('B', 'C2')).toHaveAttribute('aria-label', /^C2: 64×64/);
  await expect(block('A', 'C2')).toHaveClass(/\bdiffers\b/);
  await expect(block('A', 'C2')).toHaveAttribute('aria-label', /^C2: 128×128/);
  await expect(block('B', 'C5')).not.toHaveClass(/\bdiffers\b/);
  await expect(block('B', 'stem')).not.toHaveClass(/\bdiffers\b/);
  // Changing B back to torchvision placement leaves nothing to outline.
  await page.getByLabel('Configuration B').getByLabel('Downsampling placement').selectOption('torchvision');
  await expect(block('B', 'C2')).not.toHaveClass(/\bdiffers\b/);
  await expect(
    page.getByRole('group', { name: 'Pyramid of configuration B' }).locator('g.block.differs')
  ).toHaveCount(0);
});

test('"v1 vs v2" compares Faster R-CNN with its _v2 design: heads and totals differ, shapes do not', async ({
  page
}) => {
  await page.goto('/?preset=fasterrcnn_resnet50_fpn&input=800x800');
  await page.getByText('Compare with…').click();
  await page.getByRole('link', { name: /^v1 vs v2/ }).click();
  await expect(page).toHaveURL(/\/compare\?a=.*fasterrcnn_resnet50_fpn%26.*&b=.*fasterrcnn_resnet50_fpn_v2/);
  await expect(page.getByLabel('Configuration B').getByLabel('Head design')).toHaveValue('2');
  const row = (key: string) => page.locator(`tr[data-row="${key}"]`);
  // torchvision's published num_params: 41,755,286 (v1) and 43,712,278 (v2).
  await expect(row('totals:params').locator('td').nth(0)).toHaveText('41,755,286');
  await expect(row('totals:params').locator('td').nth(1)).toHaveText('43,712,278');
  // The v2 RPN head has two 3x3 convs: 2 x 590,080 + 771 + 3,084 = 1,184,015 against 593,935.
  await expect(row('parts:RPN head: params').locator('td').nth(0)).toHaveText('593,935');
  await expect(row('parts:RPN head: params').locator('td').nth(1)).toHaveText('1,184,015');
  // Same shapes: the head taps, per region at R = 1000, agree on both sides.
  await expect(row('shape:class_logits')).not.toHaveClass(/diff/);
  await expect(row('shape:class_logits').locator('td').nth(0)).toHaveText('1000×91×1×1');
  await expect(row('shape:objectness/P2')).not.toHaveClass(/diff/);
  await expect(row('transform:padded').locator('td').nth(1)).toHaveText('800×800');
  // Stage alignment carries on past the backbone: each head's design side by side.
  const part = (side: string, p: string) => page.locator(`td[data-side="${side}"][data-part="${p}"]`);
  await expect(part('A', 'roi_heads')).toContainText('TwoMLPHead: fc6, fc7');
  await expect(part('B', 'roi_heads')).toContainText('four 3x3 convs with BN, one fc');
  await expect(page.locator('td[data-side="B"][data-stage="P6"]')).toContainText('13×13');
});
