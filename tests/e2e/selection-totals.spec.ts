import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Issue 10, items 4 (honest totals), 5 (compare variants by stride) and 7 (selection). One page per
// group, shared by its steps (serial), so the spec costs a few page loads.

const SHOTS = 'test-results/screenshots';

/** axe on what a selection changes (the docked panel, the tinted rows, the pressed bar); the whole
 * page in its unselected state is a11y.spec.ts's. */
async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('[data-testid="details"]')
    .include('.table-card')
    .include('.as-viz.charts')
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)})`);
  expect(bad).toEqual([]);
}

test.describe('item 4: totals that miss layers say so', () => {
  test('FPN backbone at 97x131 with nearest x2: every parameter, partial MACs and anchors', async ({
    page
  }) => {
    await page.goto('/?preset=fasterrcnn_resnet50_fpn_backbone&input=97x131&fpnUpsample=nearest2x');
    // torchvision fasterrcnn_resnet50_fpn(weights_backbone=None).backbone: 26,852,416 parameters
    // (tests/fixtures/torchvision/fasterrcnn_resnet50_fpn.json), whatever the input size.
    await expect(page.getByTestId('total-params')).toHaveText('26,852,416');
    await expect(page.getByTestId('partial-params')).toHaveCount(0);
    // P4's add (7x9 lateral, 8x10 upsampled 4x5) and the 7 layers after it have no shape.
    await expect(page.getByTestId('partial-ops')).toHaveText('partial: 8 layers have no shape');
    await expect(page.getByTestId('partial-bytes')).toHaveText('partial: 8 layers have no shape');
    // 3 anchors per location on P5 (4x5) and P6 (2x3): 60 + 18.
    await expect(page.getByTestId('summary-anchors')).toHaveText('78');
    await expect(page.getByTestId('partial-anchors')).toHaveText('partial: P2, P3, P4 have no shape');
    await expect(page.locator('.as-viz.pyramid').getByTestId('anchor-total')).toContainText(
      '78 anchors (partial: P2, P3, P4 have no shape)'
    );
    await expect(page.getByTestId('table-partial')).toHaveText('partial: 8 layers have no shape');
    await page.locator('section.summary').screenshot({ path: `${SHOTS}/partial-totals.png` });
    // The diagnostic's link selects the node and brings the details (far below) into view.
    await page
      .getByRole('list', { name: 'Diagnostics' })
      .getByRole('button', { name: 'neck/P4/add' })
      .click();
    await expect(page.getByTestId('details-id')).toHaveText('neck/P4/add');
    await expect(page.getByTestId('details')).toBeInViewport();
    await expect(page.getByTestId('details')).toContainText('cannot add 256x7x9 and 256x8x10');
  });
});

test.describe('item 7: selection', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  const details = () => page.getByTestId('details');
  const graphNode = (id: string) => page.locator(`.as-viz.layer-graph g.node[data-id="${id}"]`);

  test.beforeAll(async ({ browser }) => {
    // A page of its own context: axe-core's Playwright builder needs one.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto('/?preset=resnet50&input=224x224');
  });
  test.afterAll(() => page.context().close());

  test('the C3 stage box shows the stage: layer2’s 1,219,584 parameters, not its last op', async () => {
    await graphNode('C3').click();
    await expect(page.getByTestId('details-id')).toHaveText('C3');
    await expect(page.getByTestId('details-kind')).toHaveText('stage');
    // unit1 379,392 (with the 1x1 projection) + 3 x 280,064.
    await expect(page.getByTestId('details-params')).toHaveText('1,219,584');
    await expect(page.getByTestId('details-input')).toHaveText('[1, 256, 56, 56]');
    await expect(page.getByTestId('details-output')).toHaveText('[1, 512, 28, 28]');
    // 7/2 stem -> 7, 3/2 pool -> 11, C2's three 3x3 -> 35, C3's 3x3/2 -> 43, three more -> 91.
    await expect(page.getByTestId('details-receptive')).toHaveText('91 px, stride 8, first centre 0');
    await expect(page).toHaveURL(/&sel=C3$/);
    await expect(details()).toContainText('unit1');
  });

  test('every chart bar is a button: keyboard and mouse select its stage', async () => {
    const charts = page.locator('.as-viz.charts');
    await charts.scrollIntoViewIfNeeded();
    const c4 = charts.locator('g.params g.bar[data-stage="C4"]');
    await c4.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-id')).toHaveText('C4');
    await expect(c4).toHaveAttribute('aria-pressed', 'true');
    await charts.locator('g.macs g.bar[data-stage="C5"]').click();
    await expect(page.getByTestId('details-id')).toHaveText('C5');
    // The depth chart is a slider over the main path's ops: End picks the last, Left the one before.
    const along = charts.locator('g.depth rect.hit');
    await along.focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('details-id')).toHaveText('C5/unit3/relu');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('details-id')).toHaveText('C5/unit3/add');
  });

  test('a table row far below selects its layer, and the details come along; its tint outranks a tap row’s', async () => {
    await page.locator('#layers-title').scrollIntoViewIfNeeded();
    // C3's 42 rows fit the table's window of rendered rows, the tap row (C3/unit4/relu) with them.
    await page.locator('.table-card select').selectOption('C3');
    await page.locator('tr[data-id="C3/unit2/conv1"] button.row-link').click();
    await expect(page.getByTestId('details-id')).toHaveText('C3/unit2/conv1');
    await expect(details()).toBeInViewport();
    await expect(details()).toHaveClass(/docked/);
    await expect(page).toHaveURL(/&sel=C3\/unit2\/conv1$/);
    const luminance = (id: string) =>
      page
        .locator(`tr[data-id="${id}"] td`)
        .nth(1)
        .evaluate((td) => {
          const [r, g, b] = getComputedStyle(td)
            .backgroundColor.match(/\d+(\.\d+)?/g)!
            .map(Number);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        });
    // Light scheme on white: the stronger tint is the darker one.
    expect(await luminance('C3/unit2/conv1')).toBeLessThan(await luminance('C3/unit4/relu'));
    await page.screenshot({ path: `${SHOTS}/selection-docked-details.png` });
    await noAxeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await noAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/selection-docked-details-dark.png` });
  });

  test('Close hides the docked panel until the next selection', async () => {
    await details().getByRole('button', { name: 'Close' }).click();
    await expect(details()).not.toHaveClass(/docked/);
    await page.locator('tr[data-id="C3/unit3/conv2"] button.row-link').click();
    await expect(details()).toHaveClass(/docked/);
    await expect(page.getByTestId('details-id')).toHaveText('C3/unit3/conv2');
  });

  test('a unit from the permalink is selected on load, its stage opened in the graph', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/?preset=resnet50&input=224x224&sel=C3/unit2');
    await expect(page.getByTestId('details-id')).toHaveText('C3/unit2');
    await expect(page.getByTestId('details-kind')).toHaveText('unit');
    // 512*128 + 128*128*9 + 128*512 + BN 2*(128 + 128 + 512) = 280,064.
    await expect(page.getByTestId('details-params')).toHaveText('280,064');
    await expect(graphNode('C3/unit2')).toHaveClass(/selected/);
  });
});

test.describe('item 5: compare keeps what the pyramid means', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  const row = (key: string) => page.locator(`tr[data-row="${key}"]`);

  test.beforeAll(async ({ browser }) => {
    // A page of its own context: axe-core's Playwright builder needs one.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto('/?preset=retinanet_slim_v2_50&input=512x512');
  });
  test.afterAll(() => page.context().close());

  test('TF-slim to torchvision placement re-chooses fpnIn by stride and says so', async () => {
    await page.getByText('Compare with…').click();
    const link = page.getByRole('link', { name: /^torchvision placement/ });
    await expect(link).toContainText('also fpnIn=C3,C4,C5: strides 8, 16, 32 feed P3–P5, as in A');
    await page.locator('details.menu ul').screenshot({ path: `${SHOTS}/compare-menu-variant-note.png` });
    await link.click();
    await expect(page).toHaveURL(/\/compare\?/);
    // Seed 002: (64² + 32² + 16² + 8² + 4²) x 9 = 49,104 anchors on both sides.
    await expect(row('anchors:anchors, total').locator('td').nth(0)).toHaveText('49,104');
    await expect(row('anchors:anchors, total').locator('td').nth(1)).toHaveText('49,104');
    await expect(row('shape:P4')).not.toHaveClass(/diff/);
  });

  test('the pyramids outline the other side and give the ratio: TF-slim C2 64x64 is half of 128x128', async () => {
    const a = page.getByRole('group', { name: 'Pyramid of configuration A' });
    const b = page.getByRole('group', { name: 'Pyramid of configuration B' });
    await expect(a.locator('g.block[data-id="C2"] text.ratio')).toHaveText('÷2 vs B');
    await expect(b.locator('g.block[data-id="C2"] text.ratio')).toHaveText('×2 vs A');
    const ghost = await a.locator('g.block[data-id="C2"] rect.ghost').boundingBox();
    const own = await a.locator('g.block[data-id="C2"] rect:not(.ghost)').boundingBox();
    expect(ghost!.height).toBeGreaterThan(own!.height);
    await page.mouse.move(0, 0);
    await page.locator('section.pyramids').screenshot({ path: `${SHOTS}/compare-pyramids-ratio.png` });
  });

  test('kept by hand at fpnIn=C2,C3,C5, the levels pair by stride and the mismatch is named', async () => {
    const a = 'preset=retinanet_slim_v2_50&input=512x512';
    await page.goto(`/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(`${a}&style=torchvision`)}`);
    // torchvision C2, C3, C5 are /4, /8, /32: B's P4 sits at stride 32, where A has P5.
    await expect(row('shape:/32: P5 (A), P4 (B)').locator('td').nth(0)).toHaveText('P5: 256×16×16');
    await expect(row('shape:/32: P5 (A), P4 (B)').locator('td').nth(1)).toHaveText('P4: 256×16×16');
    await expect(row('shape:/16: P4 (A)').locator('td').nth(1)).toHaveText('—');
    // 128² + 64² + 16² + 8² + 4² = 20,816 locations x 9.
    await expect(row('anchors:anchors, total').locator('td').nth(1)).toHaveText('187,344');
    await expect(page.locator('th.renamed', { hasText: '/32: P5 (A), P4 (B)' })).toBeVisible();
    await page.locator('#diff-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/compare-levels-by-stride.png` });
  });
});
