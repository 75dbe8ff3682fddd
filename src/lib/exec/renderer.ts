/**
 * Is a WebGL renderer a software rasteriser? Then WebGL runs its shaders on the CPU, slower than the
 * wasm backend's SIMD kernels (ResNet-18 at 64x64: 7.5 s on SwiftShader WebGL, 0.4 s on wasm), and the
 * "auto" choice skips it. The renderer string comes from WEBGL_debug_renderer_info (or gl.RENDERER
 * where a browser hides the unmasked one). Pure, so the patterns are tested without a browser.
 */

/** Known software renderers, by the name a user would search for. */
const SOFTWARE: Array<[name: string, pattern: RegExp]> = [
  // Chromium's fallback, alone or under ANGLE: "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...".
  ['SwiftShader', /swiftshader/i],
  // Mesa's CPU drivers: "llvmpipe (LLVM 15.0.6, 256 bits)", "softpipe", the Vulkan one "lavapipe".
  ['llvmpipe', /llvmpipe/i],
  ['softpipe', /softpipe/i],
  ['lavapipe', /lavapipe/i],
  // Windows without a GPU driver: "Microsoft Basic Render Driver" (WARP).
  ['Microsoft Basic Render Driver', /microsoft basic render/i],
  // "Apple Software Renderer", "Software Rasterizer" and the like.
  ['software', /\bsoftware\b/i]
];

/** The software renderer's name when `renderer` is one, else null (a GPU, or nothing known). */
export function softwareRenderer(renderer: string | null | undefined): string | null {
  if (!renderer) return null;
  for (const [name, pattern] of SOFTWARE) if (pattern.test(renderer)) return name;
  return null;
}

/** Why "auto" passed over WebGL, in the backend line's words; the renderer string appears here once. */
export function softwareReason(renderer: string, name: string): string {
  return `WebGL renders on the CPU here (${name}: ${renderer}), where wasm is faster (choose webgl above to use it anyway)`;
}
