/**
 * The site's security policy in one place: the Content-Security-Policy that SvelteKit writes into every
 * prerendered page (svelte.config.js), the response headers the preview and dev servers send (the
 * Vite plugin below), and what docs/deploy.md tells a static host to send (a unit test compares them).
 * Why each source is allowed is in docs/decisions.md ("Security").
 */

/** @param {string[]} keywords */
const quoted = (keywords) => keywords.map((k) => `'${k}'`).join(' ');

/**
 * Page policy, in SvelteKit's `kit.csp.directives` form (keywords without quotes). SvelteKit adds the
 * sha256 hash of its inline start-up script to script-src when it prerenders a page.
 * @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>}
 */
export const PAGE_CSP = {
  'default-src': ['none'],
  // Our bundles only; tfjs's wasm backend compiles WebAssembly, which CSP treats as eval.
  'script-src': ['self', 'wasm-unsafe-eval'],
  // The live-run worker is a same-origin module script (no blob: URL).
  'worker-src': ['self'],
  // Bundled wasm binaries, the sample image.
  'connect-src': ['self'],
  // Picked images are read as data: URLs; exports render an SVG through a blob: URL.
  'img-src': ['self', 'data:', 'blob:'],
  // Stylesheets from the bundle only; style *attributes* (Svelte's style= and style:) are allowed.
  'style-src': ['self'],
  'style-src-attr': ['unsafe-inline'],
  'font-src': ['self'],
  'manifest-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['none'],
  'form-action': ['self'],
  // No framing (clickjacking). SvelteKit leaves it out of the <meta> tag, where browsers ignore it.
  'frame-ancestors': ['none']
};

/**
 * A <meta> policy cannot carry frame-ancestors, so that directive travels as a header on every
 * response. Header and <meta> policies are both enforced; this one restricts nothing the page needs.
 */
export const HEADER_CSP = `frame-ancestors ${quoted(PAGE_CSP['frame-ancestors'] ?? [])}`;

/**
 * The live-run worker is not governed by the page's <meta> policy: a worker takes its policy from the
 * response that delivered its script. Scripts under this path get WORKER_CSP instead of HEADER_CSP.
 * Multi-threaded wasm runs only there: tfjs starts its pthread workers from blob: URLs and loads the
 * Emscripten factory into them from a blob:, so this policy allows blob: scripts and workers (a blob:
 * URL can only be made by script already running on the site). The page's policy does not.
 */
export const WORKER_PATH = '/_app/immutable/workers/';
export const WORKER_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; connect-src 'self'";

/**
 * Headers for every response. COOP and COEP make the site cross-origin isolated, which gives the live
 * run SharedArrayBuffer and so multi-threaded wasm; everything the site loads is its own, so
 * require-corp blocks nothing it needs.
 */
export const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp'
};

/**
 * The headers a response for `pathname` must carry.
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function headersFor(pathname) {
  const csp = pathname.startsWith(WORKER_PATH) ? WORKER_CSP : HEADER_CSP;
  return { ...COMMON_HEADERS, 'Content-Security-Policy': csp };
}

/** @type {import('vite').Connect.NextHandleFunction} */
function setHeaders(req, res, next) {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  for (const [name, value] of Object.entries(headersFor(pathname))) res.setHeader(name, value);
  next();
}

/**
 * Sends headersFor() from `vite preview` and `vite dev`. SvelteKit's preview server answers requests
 * itself and ignores Vite's `preview.headers`, so the headers are set by a middleware that runs first.
 * @returns {import('vite').Plugin}
 */
export function securityHeaders() {
  return {
    name: 'archscope-security-headers',
    configureServer(server) {
      server.middlewares.use(setHeaders);
    },
    configurePreviewServer(server) {
      server.middlewares.use(setHeaders);
    }
  };
}
