import { sveltekit } from '@sveltejs/kit/vite';
// defineConfig from vitest/config so svelte-check accepts the `test` block (docs/platform.md).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000
  }
});
