/**
 * Shared harness for browser benchmarks: serves the built site with Vite's preview server and opens
 * Debian's Chromium with the same flags as the e2e tests (SwiftShader WebGL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/chromium';

// BENCH_PORT lets a second checkout benchmark while another one's server holds 4180.
export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 4180);
export const BASE_URL = `http://127.0.0.1:${BENCH_PORT}`;

/** The test build's output directory: what the preview server serves and the bench reads. */
export const SITE_DIR = 'build-test';

export function siteIsBuilt(): boolean {
  return existsSync(`${SITE_DIR}/index.html`);
}

export function chromiumPath(): string | null {
  return existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : null;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not answer at ${url} within ${timeoutMs} ms`);
}

export interface Session {
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the preview server and Chromium; close() stops both (the server by its own PID, not npx). */
export async function openSession(): Promise<Session> {
  const server: ChildProcess = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--port',
      String(BENCH_PORT),
      '--strictPort',
      '--host',
      '127.0.0.1'
    ],
    // The test build: the live benchmark drives the /dev/live page's hooks.
    { stdio: 'ignore', env: { ...process.env, ARCHSCOPE_BUILD: 'test' } }
  );
  try {
    await waitForServer(BASE_URL, 30_000);
    const browser = await chromium.launch({
      executablePath: chromiumPath() ?? undefined,
      args: CHROMIUM_ARGS
    });
    return {
      browser,
      async close() {
        await browser.close();
        server.kill();
      }
    };
  } catch (err) {
    server.kill();
    throw err;
  }
}
