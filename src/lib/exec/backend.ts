/**
 * Lazy backend loading: tfjs and the chosen backend packages are imported only when a live run is
 * requested, tried in order of preference (webgpu, then webgl, wasm, cpu by default). WebGPU is tried
 * only where navigator.gpu gives an adapter, and a software (fallback) adapter only when asked for by
 * name. Node-safe: the browser-only parts (wasm URLs and threads, context-lost listener) come in
 * through hooks from backend-browser.ts.
 */
import type { BackendName } from './estimate';
import { softwareReason, softwareRenderer } from './renderer';
import type { Tf } from './tf';

export type { BackendName };

export interface BackendInfo {
  backend: BackendName;
  /** Why earlier preferences were skipped, in the user's terms. */
  fallbackReason?: string;
  webglVersion?: number;
  /** WebGL's renderer, or the WebGPU adapter's vendor and architecture. */
  renderer?: string;
  maxTextureSize?: number;
  /** wasm: the threads XNNPACK runs on (1 unless the page is cross-origin isolated). */
  threads?: number;
}

export interface LoadedBackend {
  tf: Tf;
  info: BackendInfo;
}

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
type WebglModule = typeof import('@tensorflow/tfjs-backend-webgl');

export interface LoaderHooks {
  /** Use a software (fallback) WebGPU adapter, e.g. SwiftShader; off for 'auto', where wasm is faster. */
  softwareWebgpu?: boolean;
  /**
   * 'auto': the WebGL renderer before WebGL is tried (backend-browser.ts probes a throwaway context);
   * a software one (renderer.ts) is passed over for the next preference, which is faster there.
   */
  webglRenderer?: () => string | null;
  /** Before setBackend('wasm'), e.g. hand the bundler's .wasm URLs to setWasmPaths. */
  prepareWasm?: (tf: Tf, wasm: WasmModule) => void | Promise<void>;
  /** Before setBackend('webgl'), e.g. re-register the backend after a lost context. */
  prepareWebgl?: (tf: Tf, webgl: WebglModule) => void | Promise<void>;
  /** After webgl became active. */
  onWebgl?: (tf: Tf) => void;
}

async function importBackend(name: BackendName): Promise<unknown> {
  if (name === 'webgpu') return import('@tensorflow/tfjs-backend-webgpu');
  if (name === 'webgl') return import('@tensorflow/tfjs-backend-webgl');
  if (name === 'wasm') return import('@tensorflow/tfjs-backend-wasm');
  return import('@tensorflow/tfjs-backend-cpu');
}

function webglDetails(tf: Tf): Pick<BackendInfo, 'webglVersion' | 'renderer' | 'maxTextureSize'> {
  const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  let renderer: string | undefined;
  if (gl) {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
  return {
    webglVersion: tf.env().getNumber('WEBGL_VERSION'),
    maxTextureSize: tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE'),
    renderer
  };
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** The adapter's name for the backend line, e.g. "google swiftshader". */
const adapterName = (a: GpuAdapterLike) =>
  [a.info?.vendor, a.info?.architecture].filter(Boolean).join(' ') || 'unknown adapter';

/**
 * Why WebGPU cannot be used here (no navigator.gpu, no adapter, or only a software one that was not
 * asked for), or null with the adapter's name.
 */
export async function webgpuProbe(
  softwareOk: boolean
): Promise<{ skip: string } | { skip: null; renderer: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { skip: 'WebGPU is not available in this browser' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    // some browsers throw instead of resolving null
  }
  if (!adapter) return { skip: 'WebGPU has no adapter here (no usable GPU)' };
  const software = adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter ?? false;
  if (software && !softwareOk)
    return { skip: `WebGPU has only a software adapter here (${adapterName(adapter)}), slower than wasm` };
  return { skip: null, renderer: adapterName(adapter) };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

// The smallest valid WebAssembly module: the magic number "\0asm" and version 1.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Why this context cannot compile WebAssembly although it has it, or null when it can. A Content
 * Security Policy without 'wasm-unsafe-eval' makes every compile throw; tfjs would only report that
 * the wasm backend failed to initialise. (No WebAssembly at all stays "not available".)
 */
export function wasmBlockedReason(): string | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    new WebAssembly.Module(EMPTY_WASM);
    return null;
  } catch (err) {
    // Chromium: "CompileError: WebAssembly.Module(): Compiling or instantiating WebAssembly module
    // violates the following Content Security policy directive because 'unsafe-eval' is not ...".
    return /Content Security Policy|\bCSP\b|unsafe-eval/i.test(message(err))
      ? "wasm is blocked by this site's Content Security Policy (it must allow 'wasm-unsafe-eval')"
      : `wasm cannot compile here (${message(err)})`;
  }
}

export async function loadBackend(
  preference: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'],
  hooks: LoaderHooks = {}
): Promise<LoadedBackend> {
  if (!preference.length) throw new Error('no backend was requested: choose webgpu, webgl, wasm or cpu');
  const tf: Tf = await import('@tensorflow/tfjs-core');
  const skipped: string[] = [];
  for (const name of preference) {
    const blocked = name === 'wasm' ? wasmBlockedReason() : null;
    if (blocked) {
      skipped.push(blocked);
      continue;
    }
    if (name === 'webgl' && hooks.webglRenderer && name !== preference[preference.length - 1]) {
      const gl = hooks.webglRenderer();
      const software = softwareRenderer(gl);
      if (gl && software) {
        skipped.push(softwareReason(gl, software));
        continue;
      }
    }
    let renderer: string | undefined;
    if (name === 'webgpu') {
      const probe = await webgpuProbe(hooks.softwareWebgpu ?? false);
      if (probe.skip !== null) {
        skipped.push(probe.skip);
        continue;
      }
      renderer = probe.renderer;
    }
    try {
      const mod = await importBackend(name);
      if (name === 'wasm') await hooks.prepareWasm?.(tf, mod as WasmModule);
      if (name === 'webgl') await hooks.prepareWebgl?.(tf, mod as WebglModule);
      // setBackend resolves false (or throws) when the backend cannot initialise here.
      if (!(await tf.setBackend(name))) {
        skipped.push(`${name} is not available in this browser`);
        continue;
      }
      await tf.ready();
      const info: BackendInfo = { backend: name };
      if (skipped.length) info.fallbackReason = skipped.join('; ');
      if (renderer) info.renderer = renderer;
      if (name === 'webgl') {
        Object.assign(info, webglDetails(tf));
        hooks.onWebgl?.(tf);
      }
      if (name === 'wasm') info.threads = (mod as WasmModule).getThreadsCount();
      return { tf, info };
    } catch (err) {
      skipped.push(`${name} failed to start (${message(err)})`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.join('; ')}`);
}
