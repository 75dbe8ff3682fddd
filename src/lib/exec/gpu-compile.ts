/**
 * Shader precompilation for the GPU backends, so a run's first pass is not mostly compilation (about
 * 11 s on SwiftShader WebGL for ResNet-50 at 224, docs/platform.md). tfjs has a compile-only mode
 * (ENGINE_COMPILE_ONLY on WebGL, WEBGPU_ENGINE_COMPILE_ONLY on WebGPU): every kernel compiles its
 * program and runs nothing, and with KHR_parallel_shader_compile (WebGL) or async pipeline creation
 * (WebGPU) the driver compiles them in parallel; then tfjs waits for all of them and, on WebGL, looks up
 * their uniforms once. No-op (null) on wasm and cpu.
 */
import type { Tf } from './tf';

const FLAG: Record<string, string> = { webgl: 'ENGINE_COMPILE_ONLY', webgpu: 'WEBGPU_ENGINE_COMPILE_ONLY' };

interface CompilingBackend {
  checkCompileCompletionAsync?(): Promise<unknown>;
  getUniformLocations?(): void;
}

export function compileFlag(tf: Tf): string | null {
  return FLAG[tf.getBackend()] ?? null;
}

/** Runs `forward` with programs compiled but not executed; resolves when every program is ready. */
export async function compileOnly(tf: Tf, forward: () => Promise<unknown>): Promise<boolean> {
  const flag = compileFlag(tf);
  if (!flag) return false;
  tf.env().set(flag, true);
  try {
    await forward();
  } finally {
    tf.env().set(flag, false);
  }
  const backend = tf.backend() as CompilingBackend;
  await backend.checkCompileCompletionAsync?.();
  backend.getUniformLocations?.();
  return true;
}
