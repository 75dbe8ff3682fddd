import { sveltekit } from '@sveltejs/kit/vite';
// defineConfig from vitest/config so svelte-check accepts the `test` block (docs/platform.md).
import { defineConfig } from 'vitest/config';
import { securityHeaders } from './security.config.js';

export default defineConfig({
  plugins: [sveltekit(), securityHeaders()],
  // ES-module workers keep the live-run worker's dynamic imports as separate chunks, so a run downloads
  // only the backend it uses (the default 'iife' inlines all three into one 1.5 MB file).
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000
  }
});
