/**
 * `npm run bench`: every benchmark in one run, reported as medians and ratios (never asserted in tests).
 * It makes the test build first (the live benchmark drives /dev/live's hooks); the browser sections
 * say why when they cannot run.
 */
import { availableParallelism, loadavg } from 'node:os';
import { chromiumPath, siteIsBuilt } from './browser';
import { benchEngine, largestWholeModel } from './engine';
import { benchDiagrams, printDiagrams } from './diagrams';
import { EXPLORER_CASES, benchExplorer } from './explorer';
import { benchErf, printErf } from './erf';
import { benchLive, printLive } from './live';
import { benchRuntimes, prepareRuntimes, printRuntimes } from './runtimes';

const verdict = (value: number, target: number) =>
  `target < ${target} ms: ${value < target ? 'met' : 'MISSED'}; ratio to target ${(value / target).toFixed(2)}`;

async function main() {
  for (const engine of benchEngine()) {
    console.log(`engine: ${engine.case}, ${engine.nodes} nodes`);
    console.log(
      `  build + infer median ${engine.buildAndInferMs.toFixed(3)} ms; infer only ${engine.inferOnlyMs.toFixed(3)} ms ` +
        `(${verdict(engine.buildAndInferMs, engine.targetMs)})`
    );
  }

  const browserMissing = !siteIsBuilt()
    ? 'no build-test/index.html; run `npm run build:test` first'
    : !chromiumPath()
      ? 'no Chromium; apt-get install chromium or set CHROMIUM_PATH'
      : null;
  if (browserMissing) {
    console.log(`explorer and live run: skipped (${browserMissing})`);
    return;
  }
  let ex: Awaited<ReturnType<typeof benchExplorer>> | null = null;
  for (const c of EXPLORER_CASES(largestWholeModel())) {
    ex = await benchExplorer(c);
    console.log(`explorer (Chromium): ${c.label}, Height slider dragged with the mouse`);
    console.log(
      `  slider change -> page updated (DOM + layout): median ${ex.medianMs.toFixed(1)} ms, p90 ${ex.p90Ms.toFixed(1)} ms ` +
        `over ${ex.ticks} ticks (${verdict(ex.medianMs, ex.targetMs)})`
    );
    console.log(
      // Not the target's measure: the renderer thread's CPU also counts the drag's frames (paint) and timers.
      `  main-thread CPU per tick ${ex.cpuPerTickMs.toFixed(1)} ms (an upper bound on a tick's own work: paint and timers included; ` +
        `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`
    );
  }
  if (!ex) return;
  console.log(
    `  first load (what index.html loads at start): ${ex.firstLoadGzipKb.toFixed(1)} kB of JavaScript gzipped ` +
      `(target < 150 kB: ${ex.firstLoadGzipKb < 150 ? 'met' : 'MISSED'}); by network idle on this page, deferred ` +
      `components included: ${ex.idleGzipKb.toFixed(1)} kB; TensorFlow.js fetched: ${ex.tfjsOnFirstLoad ? 'YES (should not be)' : 'no'}`
  );
  printDiagrams(await benchDiagrams(), verdict);
  printLive(await benchLive());
  const why = prepareRuntimes();
  if (why) console.log(`ArchScope vs onnxruntime-web: skipped (${why})`);
  else printRuntimes(await benchRuntimes());
  printErf(await benchErf());
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
