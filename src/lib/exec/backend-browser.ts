/**
 * Browser-only backend setup: the wasm binaries come from the bundle through Vite `?url` imports
 * (docs/platform.md); the threaded build runs in the live-run worker when the page is cross-origin
 * isolated (its minification problem is fixed at build time, scripts/vite/tfjs-wasm-threads.js), and a
 * lost WebGL context is reported so the UI can show it; the next load re-creates the WebGL backend.
 * For "auto", the WebGL renderer is probed first, so a software one can be passed over (renderer.ts).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { type BackendName, type LoadedBackend, loadBackend } from './backend';
import type { Tf } from './tf';

export const CONTEXT_LOST_MESSAGE =
  'The WebGL context was lost (the GPU driver reset it, or the page used too much GPU memory). ' +
  'Run again to restart WebGL, or choose the wasm backend.';

let lost: string | null = null;
let wasmPathsSet = false;
let watched: EventTarget | null = null;
const listeners = new Set<(message: string) => void>();

/** The lost-context message, or null while WebGL is healthy; pass to createExecutor's `health`. */
export function webglHealth(): string | null {
  return lost;
}

/** Subscribe to context loss; returns the unsubscribe function. */
export function onContextLost(cb: (message: string) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The WebGL context of tfjs's current backend, or undefined off WebGL. */
function glOf(tf: Tf | null): WebGLRenderingContext | undefined {
  return (tf?.backend() as { gpgpu?: { gl?: WebGLRenderingContext } } | undefined)?.gpgpu?.gl;
}

/** Forces a WebGL context loss (WEBGL_lose_context), as a driver reset would; false off WebGL. */
export function loseContext(tf: Tf | null): boolean {
  const ext = glOf(tf)?.getExtension('WEBGL_lose_context');
  ext?.loseContext();
  return !!ext;
}

function watch(tf: Tf): void {
  const canvas = glOf(tf)?.canvas;
  if (!canvas || canvas === watched || !('addEventListener' in canvas)) return;
  watched = canvas;
  canvas.addEventListener('webglcontextlost', () => {
    lost = CONTEXT_LOST_MESSAGE;
    for (const cb of listeners) cb(CONTEXT_LOST_MESSAGE);
  });
}

export interface BrowserBackendOptions {
  /** 1 keeps wasm single-threaded (benchmarks); 'auto' threads where it can (see threadsAllowed). */
  wasmThreads?: 'auto' | 1;
  /** Accept a software WebGPU adapter (the user chose webgpu by name). */
  softwareWebgpu?: boolean;
  /** 'auto': skip WebGL when its renderer is software, e.g. SwiftShader (wasm is faster there). */
  avoidSoftwareWebgl?: boolean;
}

/**
 * The WebGL renderer of a throwaway 1x1 context (WebGL 2, else 1), or null without WebGL. Works in a
 * worker (OffscreenCanvas) and on the page; the context is released at once, so tfjs's own context
 * is not one too many.
 */
export function probeRenderer(): string | null {
  let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
  else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
  if (!canvas) return null;
  let gl: WebGLRenderingContext | null;
  try {
    const c = canvas as HTMLCanvasElement;
    gl = c.getContext('webgl2') ?? c.getContext('webgl');
  } catch {
    return null;
  }
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/**
 * Threads need SharedArrayBuffer (cross-origin isolation: COOP and COEP headers, docs/deploy.md) and
 * start their workers from blob: URLs, which only the live-run worker's policy allows
 * (security.config.js); on the page's own thread wasm stays single-threaded.
 */
export function threadsAllowed(): boolean {
  return globalThis.crossOriginIsolated === true && typeof document === 'undefined';
}

export function loadBrowserBackend(
  preference: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'],
  options: BrowserBackendOptions = {}
): Promise<LoadedBackend> {
  return loadBackend(preference, {
    softwareWebgpu: options.softwareWebgpu,
    webglRenderer: options.avoidSoftwareWebgl ? probeRenderer : undefined,
    prepareWasm(tf, wasm) {
      // Read once, when the backend initialises; later loads reuse that backend.
      if (options.wasmThreads === 1 || !threadsAllowed()) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // setWasmPaths throws once the backend has initialised, so only the first load sets it.
      if (wasmPathsSet) return;
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
      });
      wasmPathsSet = true;
    },
    prepareWebgl(tf, webgl) {
      if (!lost) return;
      // A lost context leaves the old backend instance unusable: drop it and register a fresh one.
      try {
        tf.removeBackend('webgl');
      } catch {
        // disposing a backend whose context is gone may throw; the registry entry is gone either way
      }
      tf.registerBackend('webgl', () => new webgl.MathBackendWebGL(), 2);
      lost = null;
      watched = null;
    },
    onWebgl: watch
  });
}
