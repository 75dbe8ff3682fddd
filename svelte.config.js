import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The site is fully static: every page is prerendered, and the engine runs in the browser.
    adapter: adapter({ fallback: undefined, strict: true })
  }
};

export default config;
