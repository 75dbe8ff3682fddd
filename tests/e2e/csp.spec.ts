import { readFile } from 'node:fs/promises';
import { type Page, type Route, expect, test } from '@playwright/test';

import { WORKER_CSP } from '../../security.config.js';

const WORKER_SCRIPT = '**/_app/immutable/workers/live.worker-*.js';

// Reports a violation as a console error, so one listener sees violations and errors alike.
// Serialised into the page (init script) and in front of the worker's script.
function reportViolations() {
  addEventListener('securitypolicyviolation', (e) => {
    const v = e as SecurityPolicyViolationEvent;
    console.error(`CSP violation: ${v.effectiveDirective} blocked ${v.blockedURI || 'inline code'}`);
  });
}

/** Every console error, page error and CSP violation, in the page and in its workers. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(reportViolations);
  await page.route(WORKER_SCRIPT, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: `(${reportViolations.toString()})();\n${await res.text()}` });
  });
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('worker', (w) =>
    w.on('console', (m) => m.type() === 'error' && problems.push(`worker: ${m.text()}`))
  );
  return problems;
}

/** The policy in the page's <meta http-equiv> tag. */
async function metaPolicy(page: Page): Promise<string> {
  return (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
}

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1) ?? null;

test('every page carries the policy: no inline script allowed, the start-up script by hash', async ({
  page
}) => {
  for (const path of ['/', '/compare', '/dev/live']) {
    const res = (await page.goto(path))!;
    const policy = await metaPolicy(page);
    const scripts = directive(policy, 'script-src');
    expect(scripts, path).not.toBeNull();
    expect(scripts, path).not.toContain("'unsafe-inline'");
    expect(scripts, path).not.toContain("'unsafe-eval'");
    expect(scripts, path).toContain("'wasm-unsafe-eval'");
    expect(scripts!.filter((s) => s.startsWith("'sha256-")).length, path).toBeGreaterThan(0);
    expect(directive(policy, 'default-src'), path).toEqual(["'none'"]);
    expect(directive(policy, 'style-src'), path).not.toContain("'unsafe-inline'");
    // The headers a <meta> tag cannot carry, from the preview server.
    const headers = res.headers();
    expect(headers['content-security-policy'], path).toBe("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('no-referrer');
  }
});

test('the explorer works under the policy with no violation: diagrams, sample image, PNG export', async ({
  page
}) => {
  const problems = await watch(page);
  await page.goto('/?preset=retinanet_resnet50_fpn&input=512x512');
  await expect(page.locator('.layer-graph g.node').first()).toBeVisible();
  const anchors = page.locator('.as-viz.anchors-view');
  await anchors.scrollIntoViewIfNeeded();
  // The sample image: fetched, then shown as a data: URL.
  await expect(anchors.locator('svg image')).toHaveAttribute('href', /^data:image\/svg\+xml/);
  // A PNG export draws the SVG through a blob: URL.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    anchors.getByRole('button', { name: /as PNG/ }).click()
  ]);
  const bytes = await readFile((await png.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('the compare page works under the policy with no violation', async ({ page }) => {
  const problems = await watch(page);
  await page.goto('/compare');
  await expect(page.locator('td[data-side="B"][data-stage="C2"]')).toContainText('64×64');
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

const runOn = async (page: Page, backend: string) => {
  const live = page.locator('section#live');
  await live.getByLabel('Backend').selectOption(backend);
  await live.getByRole('button', { name: 'Run live' }).click();
  const summary = live.getByTestId('live-summary');
  await expect(summary).toContainText(/(\d+)\/\1 shapes confirmed on/, { timeout: 90_000 });
  return (await summary.textContent())!;
};

for (const backend of ['webgl', 'wasm', 'cpu']) {
  test(`a live run on ${backend} in the worker completes under the policy with no violation`, async ({
    page
  }) => {
    const problems = await watch(page);
    await page.goto('/?preset=resnet18&input=64x64');
    expect(await runOn(page, backend)).toContain(`shapes confirmed on ${backend} (in a worker`);
    expect(problems).toEqual([]);
  });
}

test('a live run on wasm on the main thread completes under the policy with no violation', async ({
  page
}) => {
  const problems = await watch(page);
  await page.addInitScript(() => {
    delete (window as unknown as { OffscreenCanvas?: unknown }).OffscreenCanvas;
  });
  await page.goto('/?preset=resnet18&input=64x64');
  expect(await runOn(page, 'wasm')).toContain('shapes confirmed on wasm (main thread, 1 thread)');
  expect(problems).toEqual([]);
});

/** Serves the page with its policy's 'wasm-unsafe-eval' removed, as a host with a stricter policy would. */
async function withoutWasmEval(page: Page) {
  const strip = (policy: string) => policy.replaceAll(" 'wasm-unsafe-eval'", '');
  await page.route(/\/(\?|$)/, async (route: Route) => {
    const res = await route.fetch();
    const html = await res.text();
    expect(html).toContain("'wasm-unsafe-eval'");
    await route.fulfill({ response: res, body: strip(html) });
  });
  await page.route(WORKER_SCRIPT, async (route) => {
    const res = await route.fetch();
    await route.fulfill({
      response: res,
      headers: { ...res.headers(), 'content-security-policy': strip(WORKER_CSP) }
    });
  });
}

for (const where of ['worker', 'main'] as const) {
  test(`wasm blocked by the policy (${where}) says the policy blocked it, and the run goes on on cpu`, async ({
    page
  }) => {
    await withoutWasmEval(page);
    if (where === 'main') {
      await page.addInitScript(() => {
        delete (window as unknown as { OffscreenCanvas?: unknown }).OffscreenCanvas;
      });
    }
    await page.goto('/?preset=resnet18&input=64x64');
    expect(directive(await metaPolicy(page), 'script-src')).not.toContain("'wasm-unsafe-eval'");
    const text = await runOn(page, 'wasm');
    expect(text).toContain(`shapes confirmed on cpu (${where === 'worker' ? 'in a worker' : 'main thread'})`);
    await expect(page.getByTestId('live-backend')).toContainText(
      "wasm is blocked by this site's Content Security Policy (it must allow 'wasm-unsafe-eval'); running on cpu"
    );
  });
}
