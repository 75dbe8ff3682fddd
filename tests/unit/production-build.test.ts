/**
 * The production build (`npm run build`, what `npm start` serves and a host deploys): no /dev pages and
 * no test hooks in it, the policy in every page, and the preview server's headers as docs/deploy.md
 * lists them. Builds the site once (tens of seconds) into build/ and .svelte-kit/.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TFJS_MARK, firstLoadScripts, gzippedKb } from '../../scripts/first-load';
import { PAGE_CSP, WORKER_PATH, headersFor } from '../../security.config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
// The production build: whatever the caller's environment says, not the test build. Vitest sets
// NODE_ENV=test, which Svelte's and SvelteKit's packages read (esm-env) to keep their development code:
// that build was ~15 kB gzipped larger than what `npm run build` ships, so it is made production here.
const env = { ...process.env, ARCHSCOPE_BUILD: '', NODE_ENV: 'production' };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let server: ChildProcess | null = null;
let base = '';
let built: string[] = [];

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [VITE, 'build'], { cwd: ROOT, env, maxBuffer: 64 << 20 });
  built = files(join(ROOT, 'build')).map((f) => relative(join(ROOT, 'build'), f));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [VITE, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env,
      stdio: 'ignore'
    }
  );
  for (let t = Date.now(); Date.now() - t < 30_000; await new Promise((r) => setTimeout(r, 200))) {
    if (
      await fetch(base).then(
        (r) => r.ok,
        () => false
      )
    )
      return;
  }
  throw new Error(`vite preview did not answer at ${base}`);
}, 300_000);

afterAll(() => {
  server?.kill();
});

describe('the production build', () => {
  it('has no /dev pages and none of the test hooks', () => {
    expect(built).toContain('index.html');
    expect(built).toContain('compare.html');
    expect(built.filter((f) => f.startsWith('dev'))).toEqual([]);
    // The hooks' window names, read from the test page that installs them.
    const hooks = readFileSync(join(ROOT, 'src/test-routes/dev/live/hooks.ts'), 'utf8');
    const names = [...new Set(hooks.match(/__archscope\w+/g))];
    expect(names.length).toBeGreaterThanOrEqual(3);
    const scripts = built.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(10);
    for (const f of scripts) {
      const text = readFileSync(join(ROOT, 'build', f), 'utf8');
      for (const name of names) expect(text.includes(name), `${name} in ${f}`).toBe(false);
    }
    // The client router's route table (in the app entry) has the site's routes and no /dev one, so a
    // client-side navigation cannot reach one either.
    const app = scripts.filter((f) => /^_app\/immutable\/entry\/app\.[\w-]+\.js$/.test(f));
    expect(app.length).toBe(1);
    const text = readFileSync(join(ROOT, 'build', app[0]), 'utf8');
    expect(text).toContain('"/compare":[');
    expect(text).not.toContain('"/dev');
  });

  it('loads under 150 kB of JavaScript gzipped on the explorer, none of it TensorFlow.js', () => {
    // What the page preloads and imports at start; the live run's tfjs chunks come by import() later.
    const first = firstLoadScripts(join(ROOT, 'build'));
    expect(first.length).toBeGreaterThan(3);
    expect(gzippedKb(join(ROOT, 'build'), first)).toBeLessThan(150);
    for (const f of first)
      expect(TFJS_MARK.test(readFileSync(join(ROOT, 'build', f), 'utf8')), f).toBe(false);
  });

  it('answers 404 for the dev pages', async () => {
    for (const path of ['/dev/live', '/dev/diagrams', '/dev/live?depth=7&depth=7']) {
      expect((await fetch(base + path)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/compare`)).status).toBe(200);
  });

  it('puts the policy in every page, with the hash of the inline start-up script', () => {
    for (const page of built.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(ROOT, 'build', page), 'utf8');
      const meta = /<meta http-equiv="content-security-policy" content="([^"]+)">/.exec(html);
      expect(meta, page).not.toBeNull();
      const policy = new Map(meta![1].split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
      // Every directive of PAGE_CSP except frame-ancestors, which a <meta> tag cannot carry.
      const expected = Object.keys(PAGE_CSP).filter((k) => k !== 'frame-ancestors');
      expect([...policy.keys()].sort(), page).toEqual(expected.sort());
      const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(inline.length, page).toBe(1);
      const hash = createHash('sha256').update(inline[0]).digest('base64');
      expect(policy.get('script-src'), page).toEqual(["'self'", "'wasm-unsafe-eval'", `'sha256-${hash}'`]);
    }
  });

  it('sends the headers docs/deploy.md tells a static host to send', async () => {
    const doc = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
    const block = /```text\n([\s\S]*?)```/.exec(doc)![1];
    const rules = new Map<string, Record<string, string>>();
    let current: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (/^\S/.test(line)) rules.set(line.trim(), (current = {}));
      else if (line.trim()) {
        const [name, ...value] = line.trim().split(': ');
        current[name] = value.join(': ');
      }
    }
    const worker = built.find((f) => `/${f}`.startsWith(WORKER_PATH) && /live\.worker-.*\.js$/.test(f));
    expect(worker).toBeDefined();
    expect(rules.get('/*')).toEqual(headersFor('/'));
    expect({ ...rules.get('/*'), ...rules.get(`${WORKER_PATH}*`) }).toEqual(headersFor(`/${worker}`));
    for (const path of ['/', '/compare', `/${worker}`]) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      for (const [name, value] of Object.entries(headersFor(path))) {
        expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
      }
    }
  });
});
