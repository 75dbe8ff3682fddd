/**
 * Shared set-up for executor tests: loads tfjs on wasm (cpu if wasm cannot load) once per file and
 * asserts that the file leaves no tensors behind (tf.memory().numTensors back to its baseline).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { loadBackend } from '../../src/lib/exec/backend';
import type { Tf } from '../../src/lib/exec/tf';

export function useTf(): { readonly tf: Tf; readonly baseline: number } {
  const holder = { tf: undefined as unknown as Tf, baseline: 0 };
  beforeAll(async () => {
    holder.tf = (await loadBackend(['wasm', 'cpu'])).tf;
    holder.baseline = holder.tf.memory().numTensors;
  });
  afterAll(() => expect(holder.tf.memory().numTensors).toBe(holder.baseline));
  return holder;
}
