/**
 * The executor's public API. A page does, roughly:
 *   const verdict = checkRunBudget(estimateRun(graph, result, 'webgl'), DEFAULT_LIMITS.webgl, graph);
 *   const { tf, info } = await loadBrowserBackend(['webgl', 'wasm', 'cpu']);   // from './backend-browser'
 *   const exec = createExecutor(tf, graph, { health: webglHealth });
 *   const run = await exec.run({ input, onProgress, signal });
 *   const report = verify(graph, result, run.shapes);
 *   exec.dispose();
 * After a lost WebGL context (run rejects with CONTEXT_LOST_MESSAGE from backend-browser.ts), call
 * loadBrowserBackend again: it re-creates the WebGL backend, and the executor remakes its weights.
 * backend-browser.ts is kept out of this index so Node code never touches DOM or `?url` imports.
 */
export {
  type BackendInfo,
  type BackendName,
  type LoadedBackend,
  type LoaderHooks,
  loadBackend
} from './backend';
export { type BudgetVerdict, DEFAULT_LIMITS, type RunLimits, checkRunBudget } from './budget';
export { type RunEstimate, type TextureEstimate, estimateRun } from './estimate';
export {
  type Executor,
  type ExecutorOptions,
  type Progress,
  type RunOptions,
  type RunResult,
  type TensorStats,
  createExecutor
} from './executor';
export type { Tf } from './tf';
export { type VerifyReport, type VerifyRow, verify } from './verify';
export { type WeightRequest, type WeightRole, type WeightSource, seededWeights } from './weights';
