/**
 * Diagram update benchmark in Chromium: on the /dev/diagrams page (the four diagrams without the
 * explorer's panels), the time from an input-size change to every diagram updated, for ResNet-152 +
 * FPN at 600..832 px, and the time of a structural change (placement: the graph rebuilt and laid out
 * again). Driven through the page's __setInput and __setStyle hooks, which time a synchronous flush;
 * needs the test build. Reported as medians against a target, never asserted in a test (the e2e spec
 * checks only that the diagrams follow the change). Standalone: npx tsx scripts/bench/diagrams.ts
 */
import { pathToFileURL } from 'node:url';
import { BASE_URL, openSession } from './browser';
import { median } from './stats';

export interface DiagramsBench {
  case: string;
  ticks: number;
  medianMs: number;
  maxMs: number;
  /** One frame at 60 Hz. */
  targetMs: number;
  structuralMedianMs: number;
}

export async function benchDiagrams(): Promise<DiagramsBench> {
  const session = await openSession();
  try {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(
      `${BASE_URL}/dev/diagrams?preset=fasterrcnn_resnet50_fpn_backbone&depth=152&input=800x800`
    );
    await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
    const ticks = await page.evaluate(() => {
      const set = (window as unknown as { __setInput: (h: number, w: number) => number }).__setInput;
      return Array.from({ length: 30 }, (_, i) => set(600 + 8 * i, 600 + 8 * i));
    });
    const structural = await page.evaluate(() => {
      const set = (window as unknown as { __setStyle: (s: string) => number }).__setStyle;
      return ['slim', 'caffe', 'torchvision', 'slim', 'caffe', 'torchvision'].map((s) => set(s));
    });
    return {
      case: 'ResNet-152 + FPN, input 600..832 px',
      ticks: ticks.length,
      medianMs: median(ticks),
      maxMs: Math.max(...ticks),
      targetMs: 16.7,
      structuralMedianMs: median(structural)
    };
  } finally {
    await session.close();
  }
}

export function printDiagrams(b: DiagramsBench, verdict: (value: number, target: number) => string): void {
  console.log(`diagrams (Chromium, /dev/diagrams): ${b.case}, input size set ${b.ticks} times`);
  console.log(
    `  input change -> every diagram updated: median ${b.medianMs.toFixed(1)} ms, max ${b.maxMs.toFixed(1)} ms ` +
      `(${verdict(b.medianMs, b.targetMs)})`
  );
  console.log(
    `  placement change (graph rebuilt, layout recomputed): median ${b.structuralMedianMs.toFixed(1)} ms`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const verdict = (v: number, t: number) => `target < ${t} ms: ${v < t ? 'met' : 'MISSED'}`;
  benchDiagrams()
    .then((b) => printDiagrams(b, verdict))
    .catch((err) => {
      console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
