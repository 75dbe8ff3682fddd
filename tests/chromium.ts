/**
 * Debian's Chromium (apt-get install chromium) and the flags that give TensorFlow.js a WebGL 2 context on
 * SwiftShader in headless mode (docs/platform.md). Shared by the e2e tests and the browser benchmarks.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist'
];
