// The `archscope` CLI as one plain-JavaScript file for node (build-cli/shapes.mjs), so the command
// runs without tsx. Built by `npm run build:cli` (which `prepare` runs on npm ci / npm install) after
// `svelte-kit sync`: tsconfig.json extends the .svelte-kit/tsconfig.json that sync writes.
import { defineConfig } from 'vite';

export default defineConfig({
  // The CLI imports only the engine and the models (relative imports, no DOM): bundle all of it, and
  // tfjs-core with its gradients for --erf. The wasm backend stays in node_modules: its Emscripten
  // loader finds the .wasm file beside itself through __dirname, which an ES-module bundle lacks.
  ssr: { noExternal: true, external: ['@tensorflow/tfjs-backend-wasm'] },
  build: {
    ssr: 'src/cli/shapes.ts',
    outDir: 'build-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: { output: { entryFileNames: 'shapes.mjs' } }
  }
});
