/**
 * A tiny seeded PRNG so random weights and inputs are identical on every run and every backend:
 * mulberry32 for uniforms, Box-Muller for normals, FNV-1a to derive a stream per (node, role).
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string, mixed with a seed: a stable 32-bit stream id per weight. */
export function hashSeed(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Fills `out` with N(0, std^2) values (Box-Muller uses both outputs of each pair). */
export function fillNormal(out: Float32Array, rand: () => number, std = 1): Float32Array {
  for (let i = 0; i < out.length; i += 2) {
    // 1 - u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - rand())) * std;
    const theta = 2 * Math.PI * rand();
    out[i] = r * Math.cos(theta);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

export function fillUniform(out: Float32Array, rand: () => number, lo: number, hi: number): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}
