import { sveltekit } from '@sveltejs/kit/vite';
// defineConfig from vitest/config so svelte-check accepts the `test` block (docs/platform.md).
import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { securityHeaders } from './security.config.js';
import { tfjsWasmThreads } from './scripts/vite/tfjs-wasm-threads.js';

export default defineConfig({
  // tfjsWasmThreads: the threaded wasm build's worker source survives minification (its file says how).
  plugins: [tfjsWasmThreads(), sveltekit(), securityHeaders()],
  // ES-module workers keep the live-run worker's dynamic imports as separate chunks, so a run downloads
  // only the backend it uses (the default 'iife' inlines all three into one 1.5 MB file).
  // Worker bundles have their own plugin list: the live-run worker is where threaded wasm runs.
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // tfjs-core's gradients exist only as ES modules with extensionless imports (its Node main bundle
    // has none), so Vite processes them for the effective-field tests (src/lib/erf/gradients.ts).
    server: { deps: { inline: [/tfjs-core\/dist\/(?!tf-core)/] } },
    testTimeout: 120_000,
    // Loading tfjs (wasm) and its gradients in a beforeAll took over Vitest's default 10 s once, with
    // both workers busy on a loaded 2-core machine (erf-analytic.test.ts in a clean-clone CI run).
    hookTimeout: 60_000,
    // Vitest's default keeps one core free (availableParallelism - 1), which on the 2-core CI machine
    // ran every file in one worker: 328 s of Vitest in CI, most of it single-threaded tfjs-wasm runs.
    maxWorkers: Math.max(2, availableParallelism() - 1)
  }
});
