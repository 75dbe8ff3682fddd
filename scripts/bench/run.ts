/**
 * `npm run bench`: every benchmark in one run, reported as medians and ratios (never asserted in tests).
 * Sections that need a built site or a browser say so and are skipped when it is missing.
 */
import { chromiumPath, siteIsBuilt } from './browser';
import { benchEngine } from './engine';
import { benchLive, printLive } from './live';

async function main() {
  const engine = benchEngine();
  console.log(`engine: ${engine.case}, ${engine.nodes} nodes`);
  console.log(
    `  build + infer median ${engine.buildAndInferMs.toFixed(3)} ms; infer only ${engine.inferOnlyMs.toFixed(3)} ms ` +
      `(target < ${engine.targetMs} ms: ${engine.buildAndInferMs < engine.targetMs ? 'met' : 'MISSED'}; ` +
      `ratio to target ${(engine.buildAndInferMs / engine.targetMs).toFixed(2)})`
  );

  if (!siteIsBuilt()) console.log('live run: skipped (no build/index.html; run `npx vite build` first)');
  else if (!chromiumPath())
    console.log('live run: skipped (no Chromium; apt-get install chromium or set CHROMIUM_PATH)');
  else printLive(await benchLive());
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
