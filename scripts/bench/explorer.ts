/**
 * Explorer benchmark in Chromium: the time from a slider change to the page updated, for ResNet-152 +
 * FPN and for the largest whole model at 800x1333, while the Height slider is dragged with the mouse (a real drag: pointer held).
 * Measured with the Performance API: a capturing `input` listener marks the start; a macrotask posted
 * from it (after Svelte's microtask flush and every D3 effect) forces style and layout and marks the end.
 * Also reports the first load's JavaScript, gzipped (what index.html loads at start, the production
 * test's budget), all the JavaScript the page had fetched by network idle (deferred components
 * included), and whether any TensorFlow.js chunk was among it.
 */
import { readFileSync } from 'node:fs';
import { BASE_URL, SITE_DIR, openSession } from './browser';
import { TFJS_MARK, firstLoadScripts, gzippedKb } from '../first-load';
import { median } from './stats';
import { STEPS, positionOf } from '../../src/lib/components/config/size-scale';

export interface ExplorerBench {
  ticks: number;
  medianMs: number;
  p90Ms: number;
  targetMs: number;
  /**
   * The renderer main thread's CPU time during the drag (Chrome's ThreadTime metric) divided by the
   * ticks: what the slider costs when the machine is shared, where wall-clock tick times also count
   * the time other processes held the core. An upper bound on the tick's own work (timers and
   * frames in the drag count too).
   */
  cpuPerTickMs: number;
  /** What index.html preloads and imports at start (scripts/first-load.ts), gzipped. */
  firstLoadGzipKb: number;
  /** Every script the page fetched by network idle: the first load plus the deferred components it drew. */
  idleGzipKb: number;
  tfjsOnFirstLoad: boolean;
}

export interface ExplorerCase {
  label: string;
  /** The explorer's address, from the site root. */
  url: string;
}

export const EXPLORER_CASES = (wholeModel: string): ExplorerCase[] => [
  {
    label: 'ResNet-152 + FPN at 800x1333',
    url: '/?preset=fasterrcnn_resnet50_fpn_backbone&depth=152&input=800x1333'
  },
  {
    label: `${wholeModel} (largest whole model, heads included) at 800x1333`,
    url: `/?preset=${wholeModel}&input=800x1333`
  },
  // The detector with the most to draw: the transform, the RPN's head row, two RoI lanes, the summary.
  { label: 'maskrcnn_resnet50_fpn at 800x1333', url: '/?preset=maskrcnn_resnet50_fpn&input=800x1333' }
];

export async function benchExplorer(bench: ExplorerCase): Promise<ExplorerBench> {
  const session = await openSession();
  try {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(BASE_URL + bench.url, { waitUntil: 'networkidle' });
    const fetched = [...new Set(scripts)].map((p) => p.replace(/^\//, ''));
    // tfjs-core registers its kernels under these names; no explorer chunk contains them.
    const tfjs = fetched.some((p) => TFJS_MARK.test(readFileSync(`${SITE_DIR}/${p}`, 'utf8')));

    await page.evaluate(() => {
      const w = window as unknown as { __ticks: number[] };
      w.__ticks = [];
      const port = new MessageChannel();
      addEventListener(
        'input',
        () => {
          performance.mark('archscope:slider-input');
          port.port1.onmessage = () => {
            void document.body.offsetHeight; // style and layout of everything the tick changed
            const m = performance.measure('archscope:slider-update', 'archscope:slider-input');
            w.__ticks.push(m.duration);
          };
          port.port2.postMessage(0);
        },
        { capture: true }
      );
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'ThreadTime')!.value; // seconds
    };
    const slider = page.getByLabel('Height slider');
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    // Start near 800 (the slider is a log scale) and sweep right and back in small steps, as a hand would.
    const x0 = box.x + box.width * (positionOf(800) / STEPS);
    await page.mouse.move(x0, y);
    const cpu0 = await threadTime();
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) {
      await page.mouse.move(x0 + (i <= 20 ? i : 40 - i) * 3, y);
      await page.waitForTimeout(30);
    }
    await page.mouse.up();
    const cpuMs = ((await threadTime()) - cpu0) * 1000;
    const ticks = await page.evaluate(() => (window as unknown as { __ticks: number[] }).__ticks);
    const sorted = [...ticks].sort((a, b) => a - b);
    return {
      ticks: ticks.length,
      medianMs: median(ticks),
      p90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? NaN,
      targetMs: 16,
      cpuPerTickMs: ticks.length ? cpuMs / ticks.length : NaN,
      firstLoadGzipKb: gzippedKb(SITE_DIR, firstLoadScripts(SITE_DIR)),
      idleGzipKb: gzippedKb(SITE_DIR, fetched),
      tfjsOnFirstLoad: tfjs
    };
  } finally {
    await session.close();
  }
}
