/**
 * Lazy backend loading: tfjs and the chosen backend packages are imported only when a live run is
 * requested, tried in order of preference (webgl, then wasm, then cpu by default). Node-safe: the
 * browser-only parts (wasm URLs, context-lost listener) come in through hooks from backend-browser.ts.
 */
import type { BackendName } from './estimate';
import type { Tf } from './tf';

export type { BackendName };

export interface BackendInfo {
  backend: BackendName;
  /** Why earlier preferences were skipped, in the user's terms. */
  fallbackReason?: string;
  webglVersion?: number;
  renderer?: string;
  maxTextureSize?: number;
}

export interface LoadedBackend {
  tf: Tf;
  info: BackendInfo;
}

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
type WebglModule = typeof import('@tensorflow/tfjs-backend-webgl');

export interface LoaderHooks {
  /** Before setBackend('wasm'), e.g. hand the bundler's .wasm URLs to setWasmPaths. */
  prepareWasm?: (tf: Tf, wasm: WasmModule) => void | Promise<void>;
  /** Before setBackend('webgl'), e.g. re-register the backend after a lost context. */
  prepareWebgl?: (tf: Tf, webgl: WebglModule) => void | Promise<void>;
  /** After webgl became active. */
  onWebgl?: (tf: Tf) => void;
}

async function importBackend(name: BackendName): Promise<unknown> {
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
  preference: BackendName[] = ['webgl', 'wasm', 'cpu'],
  hooks: LoaderHooks = {}
): Promise<LoadedBackend> {
  if (!preference.length) throw new Error('no backend was requested: choose webgl, wasm or cpu');
  const tf: Tf = await import('@tensorflow/tfjs-core');
  const skipped: string[] = [];
  for (const name of preference) {
    const blocked = name === 'wasm' ? wasmBlockedReason() : null;
    if (blocked) {
      skipped.push(blocked);
      continue;
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
      if (name === 'webgl') {
        Object.assign(info, webglDetails(tf));
        hooks.onWebgl?.(tf);
      }
      return { tf, info };
    } catch (err) {
      skipped.push(`${name} failed to start (${message(err)})`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.join('; ')}`);
}
