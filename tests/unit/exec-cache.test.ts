/** The executor kept across runs by the page and the worker: reused while graph, weights and backend hold. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/core/graph';
import { conv } from '../../src/lib/core/layers';
import { ExecutorCache } from '../../src/lib/exec/executor-cache';
import { useTf } from './tf-backend';

const env = useTf();

function graph() {
  const b = new GraphBuilder();
  b.add('input', 'input', { channels: 3 }, []);
  b.add('stem/conv', 'conv2d', conv(4, 3, 1), ['input'], 'C1');
  return b.build();
}

describe('executor cache', () => {
  it('reuses the executor for the same graph and weights, remakes it otherwise, and frees the old one', async () => {
    const cache = new ExecutorCache();
    const g = graph();
    let made = 0;
    const opts = () => (made++, {});
    const a = cache.get(env.tf, g, { graph: g, weights: 'seeded' }, opts);
    await a.run({ input: [1, 3, 8, 8] });
    // One conv without a bias (conv()'s default): its weight tensor is held between runs.
    expect(a.weightTensors).toBe(1);
    expect(cache.get(env.tf, g, { graph: g, weights: 'seeded' }, opts)).toBe(a);
    expect(made).toBe(1);
    const b = cache.get(env.tf, g, { graph: g, weights: 'file.safetensors:123' }, opts);
    expect(b).not.toBe(a);
    expect(a.weightTensors).toBe(0);
    const other = graph();
    expect(cache.get(env.tf, other, { graph: other, weights: 'file.safetensors:123' }, opts)).not.toBe(b);
    expect(made).toBe(3);
    cache.release();
    expect(env.tf.memory().numTensors).toBe(env.baseline);
  });
});
