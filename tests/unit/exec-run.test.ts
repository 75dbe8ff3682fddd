/**
 * The run loop (progress, cancellation, capture on/off, determinism, backend health), the backend
 * fallback in Node, the run guard's arithmetic (worked by hand below) and wasm-vs-cpu parity.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import { infer } from '../../src/lib/core/infer';
import { conv, pool } from '../../src/lib/core/layers';
import type { Graph } from '../../src/lib/core/types';
import { loadBackend, wasmBlockedReason } from '../../src/lib/exec/backend';
import * as execApi from '../../src/lib/exec';
import { useTf } from './tf-backend';
import { checkRunBudget } from '../../src/lib/exec/budget';
import { estimateRun } from '../../src/lib/exec/estimate';
import { createExecutor } from '../../src/lib/exec/executor';
import { PARITY_MODELS, parityForward, relativeError } from '../parity';

const env = useTf();

/** input [1,3,H,W] -> 3x3 conv (pad 1) to 4 channels -> relu -> 2x2/2 max-pool. */
function tiny(): Graph {
  const b = new GraphBuilder();
  b.add('input', 'input', { channels: 3 }, []);
  b.add('stem/conv', 'conv2d', conv(4, 3, 1), ['input']);
  b.add('stem/relu', 'relu', {}, ['stem/conv'], 'C1');
  b.add('C2/pool', 'maxpool', pool(2, 2, 0), ['stem/relu'], 'C2');
  return b.build();
}

describe('run loop', () => {
  it('reports progress for every node and frees everything', async () => {
    const exec = createExecutor(env.tf, tiny());
    const seen: string[] = [];
    const run = await exec.run({
      input: [1, 3, 8, 8],
      onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.stage}`)
    });
    expect(seen).toEqual(['1/4 input', '2/4 stem', '3/4 stem', '4/4 C2']);
    expect(run.shapes.get('C2/pool')).toEqual([1, 4, 4, 4]);
    expect([...run.stats.keys()]).toEqual(['stem/relu', 'C2/pool']);
    expect(run.stats.get('stem/relu')!.min).toBeGreaterThanOrEqual(0); // after a ReLU
    expect(run.stageMs.map((s) => s.stage)).toEqual(['input', 'stem', 'C2']);
    exec.dispose();
    expect(env.tf.memory().numTensors).toBe(env.baseline);
  });

  it('syncStages waits at each stage boundary and still frees the probes', async () => {
    const exec = createExecutor(env.tf, tiny());
    const run = await exec.run({ input: [1, 3, 8, 8], syncStages: true });
    expect(run.stageMs.map((s) => s.stage)).toEqual(['input', 'stem', 'C2']);
    expect(run.stageMs.every((s) => s.ms >= 0)).toBe(true);
    exec.dispose();
    expect(env.tf.memory().numTensors).toBe(env.baseline);
  });

  it('capture off records only the output shape', async () => {
    const exec = createExecutor(env.tf, tiny());
    const run = await exec.run({ input: [1, 3, 8, 8], capture: false });
    expect([...run.shapes.keys()]).toEqual(['C2/pool']);
    expect(run.stats.size).toBe(0);
    expect(run.nodeMs.size).toBe(0);
    exec.dispose();
  });

  it('is deterministic: same seed, same output, across executors', async () => {
    const read = ['C2/pool'];
    const a = createExecutor(env.tf, tiny());
    const b = createExecutor(env.tf, tiny());
    const ra = await a.run({ input: [1, 3, 8, 8], read });
    const ra2 = await a.run({ input: [1, 3, 8, 8], read });
    const rb = await b.run({ input: [1, 3, 8, 8], read });
    a.dispose();
    b.dispose();
    expect(Array.from(ra.outputs.get('C2/pool')!.data)).toEqual(Array.from(rb.outputs.get('C2/pool')!.data));
    expect(Array.from(ra2.outputs.get('C2/pool')!.data)).toEqual(Array.from(rb.outputs.get('C2/pool')!.data));
  });

  it('stops on abort and on a lost backend, leaving no tensors behind', async () => {
    const exec = createExecutor(env.tf, tiny());
    const ctl = new AbortController();
    const run = exec.run({
      input: [1, 3, 8, 8],
      signal: ctl.signal,
      onProgress: (p) => p.done === 2 && ctl.abort()
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(env.tf.memory().numTensors).toBe(env.baseline + exec.weightTensors);
    let calls = 0;
    const sick = createExecutor(env.tf, tiny(), {
      health: () => (++calls > 2 ? 'The WebGL context was lost' : null)
    });
    await expect(sick.run({ input: [1, 3, 8, 8] })).rejects.toThrow('The WebGL context was lost');
    exec.dispose();
    sick.dispose();
    expect(env.tf.memory().numTensors).toBe(env.baseline);
  });

  it('yields to other tasks while running', async () => {
    let ticked = false;
    setTimeout(() => (ticked = true), 0);
    let tickedBeforeEnd = false;
    const exec = createExecutor(env.tf, tiny());
    await exec.run({
      input: [1, 3, 8, 8],
      yieldEveryMs: 0,
      onProgress: (p) => p.done === p.total && (tickedBeforeEnd = ticked)
    });
    exec.dispose();
    expect(tickedBeforeEnd).toBe(true);
  });

  it('poisoned weights show in the tap statistics: the mean of a tap with NaN or ±Inf is not finite', async () => {
    // A 1x1 conv (no padding, no bias) over an all-ones input: output channel k at every pixel is the
    // sum of weight row k. Rows [NaN, 1, 1] -> NaN; [Inf, 1, 1] -> +Inf; [-Inf, 1, 1] -> -Inf; [1, 1, 1] -> 3.
    // The tap table (components/live/tap-stats.ts) reads NaN and infinity from min, mean and max.
    const graph = (k: number) => {
      const b = new GraphBuilder();
      b.add('input', 'input', { channels: 3 }, []);
      b.add('stem/conv', 'conv2d', conv(k, 1, 1, { bias: false }), ['input'], 'C1');
      return b.build();
    };
    const stats = async (rows: number[]) => {
      const exec = createExecutor(env.tf, graph(rows.length / 3), {
        weights: { get: () => Float32Array.from(rows) }
      });
      const run = await exec.run({ input: [1, 3, 4, 4], data: new Float32Array(48).fill(1) });
      exec.dispose();
      return run.stats.get('stem/conv')!;
    };
    expect((await stats([NaN, 1, 1, 1, 1, 1])).mean).toBeNaN();
    expect(await stats([Infinity, 1, 1, 1, 1, 1])).toEqual({ min: 3, mean: Infinity, max: Infinity });
    expect(await stats([-Infinity, 1, 1, 1, 1, 1])).toEqual({ min: -Infinity, mean: -Infinity, max: 3 });
  });

  it('refuses a wrong channel count in the user’s terms', async () => {
    const exec = createExecutor(env.tf, tiny());
    await expect(exec.run({ input: [1, 1, 8, 8] })).rejects.toThrow(
      'the input has 1 channels; the model expects 3'
    );
    exec.dispose();
  });
});

describe('run guard', () => {
  // Float32 bytes at 8x8: input 3*64*4 = 768, conv/relu out 4*64*4 = 1024, pool out 4*16*4 = 256;
  // conv weights 4*3*3*3 = 108 values = 432 B; WebGL im2col for the conv: 27 rows x 64 cols x 4 = 6912 B.
  it('peak activation memory, cpu: relu holds its input and output, 1024 + 1024', () => {
    const g = tiny();
    const e = estimateRun(g, infer(g, [1, 3, 8, 8]), 'cpu');
    expect(e.peakBytes).toBe(2048);
    expect(e.peakNode).toBe('stem/relu');
    expect(e.weightBytes).toBe(432);
  });
  it('peak on webgl includes the im2col matrix: 768 + 1024 + 6912 at the conv', () => {
    const g = tiny();
    const e = estimateRun(g, infer(g, [1, 3, 8, 8]), 'webgl');
    expect(e.peakBytes).toBe(8704);
    expect(e.peakNode).toBe('stem/conv');
    // largest packed texture side: 64 rows / 2 = 32 (activations [64 x C], im2col 27 x 64 -> 14 x 32)
    expect(Math.max(e.texture.width, e.texture.height)).toBe(32);
  });
  it('refuses over budget and suggests the largest square input that fits', () => {
    const g = tiny();
    const e = estimateRun(g, infer(g, [1, 3, 8, 8]), 'webgl');
    const v = checkRunBudget(e, { totalBytes: 5000, maxTextureSize: 8192 }, g);
    // 6x6: 432 + 576 + 27*36*4 = 4896, + 432 weights = 5328 > 5000; 5x5: 300 + 400 + 2700 + 432 = 3832
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.suggestion).toEqual([5, 5]);
      expect(v.message).toContain('A live run at 8x8 was not started');
      expect(v.message).toContain('Try 5x5');
    }
    expect(checkRunBudget(e, { totalBytes: 10_000 }).ok).toBe(true);
  });
  it('refuses a texture over MAX_TEXTURE_SIZE', () => {
    const g = tiny();
    const e = estimateRun(g, infer(g, [1, 3, 8, 8]), 'webgl', 16);
    expect(checkRunBudget(e, { totalBytes: 1e9, maxTextureSize: 16 }).ok).toBe(false);
  });
});

describe('backends', () => {
  it('falls back from webgl to wasm in Node and says why', async () => {
    const { info } = await loadBackend(['webgl', 'wasm', 'cpu']);
    expect(info.backend).toBe('wasm');
    expect(info.fallbackReason).toMatch(/webgl/);
  });
  it('tries WebGPU first only where navigator.gpu exists, and says why it was skipped', async () => {
    const { info } = await loadBackend(['webgpu', 'wasm']);
    expect(info.backend).toBe('wasm');
    expect(info.fallbackReason).toBe('WebGPU is not available in this browser');
    // Node's wasm backend is the single-threaded build.
    expect(info.threads).toBe(1);
  });
  it.each(Object.keys(PARITY_MODELS))(
    'wasm and cpu agree on the %s parity model within 1e-4 relative',
    async (id) => {
      const { config, input } = PARITY_MODELS[id];
      await loadBackend(['wasm']);
      const wasm = await parityForward(env.tf, input, config);
      expect((await loadBackend(['cpu'])).info.backend).toBe('cpu');
      const cpu = await parityForward(env.tf, input, config);
      await loadBackend(['wasm']);
      expect(wasm.backend).toBe('wasm');
      expect(cpu.backend).toBe('cpu');
      expect(wasm.shapes).toMatch(/^(\d+) of \1 shapes confirmed/);
      expect(Object.keys(cpu.taps).sort()).toEqual(Object.keys(wasm.taps).sort());
      for (const name of Object.keys(cpu.taps)) {
        expect(relativeError(wasm.taps[name].data, cpu.taps[name].data), name).toBeLessThan(1e-4);
      }
    }
  );

  it('skips wasm and names the policy when WebAssembly may not compile (a CSP without wasm-unsafe-eval)', async () => {
    expect(wasmBlockedReason()).toBeNull();
    const Module = WebAssembly.Module;
    // Chromium's error under `script-src 'self'`, captured from a page with that policy.
    const chromium =
      "WebAssembly.Module(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: \"script-src 'self'\".";
    (WebAssembly as { Module: unknown }).Module = function () {
      throw new WebAssembly.CompileError(chromium);
    };
    try {
      const { info } = await loadBackend(['wasm', 'cpu']);
      expect(info.backend).toBe('cpu');
      expect(info.fallbackReason).toBe(
        "wasm is blocked by this site's Content Security Policy (it must allow 'wasm-unsafe-eval')"
      );
    } finally {
      WebAssembly.Module = Module;
    }
    expect((await loadBackend(['wasm'])).info.backend).toBe('wasm');
  });
});

describe('public API', () => {
  it('exports no test helpers (the parity model lives in tests/)', () => {
    expect(Object.keys(execApi).filter((k) => /parity|relativeError/i.test(k))).toEqual([]);
    expect(Object.keys(execApi)).toContain('createExecutor');
  });
});
