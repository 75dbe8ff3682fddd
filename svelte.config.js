import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { PAGE_CSP } from './security.config.js';

// ARCHSCOPE_BUILD=test builds the test build: the site plus the test-only pages under /dev (test and
// benchmark hooks), from src/test-routes, which holds them and links the site's routes in as the
// (site) group. It writes to its own directories, so it never replaces the production build, which
// has no /dev routes at all (docs/decisions.md, "Security").
const testBuild = process.env.ARCHSCOPE_BUILD === 'test';
const output = testBuild ? 'build-test' : 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The site is fully static: every page is prerendered, and the engine runs in the browser.
    adapter: adapter({ pages: output, assets: output, fallback: undefined, strict: true }),
    files: { routes: testBuild ? 'src/test-routes' : 'src/routes' },
    outDir: testBuild ? '.svelte-kit-test' : '.svelte-kit',
    // Prerendered pages get the policy as a <meta http-equiv> tag, with the start-up script's hash.
    csp: { mode: 'hash', directives: PAGE_CSP }
  }
};

export default config;
