import { defineConfig, devices } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium';

// Debian's Chromium (apt-get install chromium); Playwright cannot download browsers here.
const executablePath = CHROMIUM_PATH;
// E2E_PORT lets a second checkout run its suite while another one's preview server holds 4173.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  fullyParallel: false,
  // Two workers, one per core of the CI machine: with one, a run used about half the CPU (Chromium's
  // page work is mostly single-threaded). Spec files run whole on one worker (their tests share
  // pages and order); E2E_WORKERS=1 gives the old serial run.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS
    }
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }
  ],
  webServer: {
    // The test build (`npm run build:test`: the site plus the /dev test pages), served by Vite's preview
    // server (Playwright owns the process).
    command: `node node_modules/vite/bin/vite.js preview --port ${port} --strictPort --host 127.0.0.1`,
    env: { ARCHSCOPE_BUILD: 'test' },
    // A test-build page: a server already on the port is reused only if it serves the test build
    // (`npm start` there would serve the production build, where /dev pages are 404).
    url: `http://127.0.0.1:${port}/dev/live`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  }
});
