/**
 * The build-time fix for tfjs's threaded wasm build (scripts/vite/tfjs-wasm-threads.js) on the real
 * file from node_modules: the Emscripten factory that tfjs stringifies into its pthread workers no
 * longer reads the closure's _scriptDir, the closure itself is untouched, and a file of another shape
 * fails loudly instead of shipping a build whose threads would break.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { detachScriptDir } from '../../scripts/vite/tfjs-wasm-threads.js';

const require = createRequire(import.meta.url);
const FILE = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
const INNER = 'return (\nfunction(WasmBackendModuleThreadedSimd) {';

describe('threaded wasm factory', () => {
  const code = readFileSync(FILE, 'utf8');

  it('the factory reads no closure variable after the fix; the closure keeps its declaration', () => {
    expect(code.slice(code.indexOf(INNER)).match(/\b_scriptDir\b/g)).toHaveLength(4);
    const out = detachScriptDir(code);
    if (out instanceof Error) throw out;
    const inner = out.slice(out.indexOf(INNER));
    expect(inner).not.toMatch(/\b_scriptDir\b/);
    expect(out.slice(0, out.indexOf(INNER))).toContain('var _scriptDir =');
    expect(inner).toContain('"urlOrBlob":Module["mainScriptUrlOrBlob"]||undefined');
  });

  it('refuses a file it does not recognise', () => {
    expect(detachScriptDir('var x = 1;')).toBeInstanceOf(Error);
    const changed = code.replace('"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir', '"urlOrBlob":null');
    expect(String(detachScriptDir(changed))).toContain('expected 4 reads of _scriptDir');
  });
});
