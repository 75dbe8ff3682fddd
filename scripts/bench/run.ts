/**
 * `npm run bench`: every benchmark in one run, reported as medians and ratios (never asserted in tests).
 * Sections that need a built site or a browser say so and are skipped when it is missing.
 */
import { benchEngine } from './engine';

async function main() {
  const engine = benchEngine();
  console.log(`engine: ${engine.case}, ${engine.nodes} nodes`);
  console.log(
    `  build + infer median ${engine.buildAndInferMs.toFixed(3)} ms; infer only ${engine.inferOnlyMs.toFixed(3)} ms ` +
      `(target < ${engine.targetMs} ms: ${engine.buildAndInferMs < engine.targetMs ? 'met' : 'MISSED'}; ` +
      `ratio to target ${(engine.buildAndInferMs / engine.targetMs).toFixed(2)})`
  );
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
