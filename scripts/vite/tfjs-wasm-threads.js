/**
 * Makes tfjs's threaded wasm build survive minification (docs/platform.md, "Threads").
 *
 * tfjs starts each pthread worker with the source text of its Emscripten factory
 * (`factory.toString()` in a Blob). In the package that function reads one variable of its enclosing
 * closure, `_scriptDir`, only behind `typeof _scriptDir !== "undefined"`, which is safe in a worker
 * where it does not exist. A minifier sees the variable declared in the closure and shortens the check
 * to `e !== void 0`, which throws "ReferenceError: e is not defined" in the worker.
 *
 * In a bundle `_scriptDir` is always undefined (chunks are ES modules: document.currentScript is null;
 * browsers have no __filename), so the inner function's reads are replaced by `undefined` before the
 * minifier runs: the function then has no free variable of the closure, and its text works anywhere.
 * The build fails loudly if tfjs's file no longer has the expected shape.
 */

const FILE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const INNER = 'return (\nfunction(WasmBackendModuleThreadedSimd) {';

/**
 * The transformed source, or an Error saying what no longer matches.
 * @param {string} code
 * @returns {string | Error}
 */
export function detachScriptDir(code) {
  const at = code.indexOf(INNER);
  if (at < 0) return new Error('the Emscripten factory function was not found');
  const inner = code.slice(at);
  const reads = inner.match(/\b_scriptDir\b/g)?.length ?? 0;
  // `typeof _scriptDir !== "undefined" && _scriptDir`, then `scriptDirectory = _scriptDir`, and the
  // `mainScriptUrlOrBlob || _scriptDir` fallback handed to each pthread worker.
  if (reads !== 4) return new Error(`expected 4 reads of _scriptDir in the factory, found ${reads}`);
  return code.slice(0, at) + inner.replace(/\b_scriptDir\b/g, 'undefined');
}

/** @returns {import('vite').Plugin} */
export function tfjsWasmThreads() {
  return {
    name: 'archscope-tfjs-wasm-threads',
    enforce: 'pre',
    /**
     * @param {string} code
     * @param {string} id
     */
    transform(code, id) {
      if (!FILE.test(id.split('?')[0])) return null;
      const out = detachScriptDir(code);
      if (out instanceof Error) this.error(`tfjs threaded wasm build: ${out.message}`);
      return { code: out, map: null };
    }
  };
}
