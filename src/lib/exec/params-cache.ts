/**
 * Weight tensors, made once per (module, role) from a WeightSource and kept across runs (tf.keep), so
 * repeated runs and benchmarks measure the forward pass, not the weight upload. dispose() frees them.
 * Nodes that name the same module (a head applied to every pyramid level) get the same tensors, asked
 * of the source under the module's first node.
 */
import type { GraphNode } from '../core/types';
import type { Params } from './kernels/params';
import type { Tensor, Tf } from './tf';
import { type WeightRole, type WeightSource, readWeight } from './weights';

export class ParamCache {
  private cache = new Map<string, { shape: string; tensor: Tensor }>();

  constructor(
    private tf: Tf,
    private source: WeightSource
  ) {}

  forNode({ id, module, sharesWith }: GraphNode): Params {
    const node = sharesWith ?? id;
    return {
      get: (role: WeightRole, shape: number[], fanIn: number, layout?: (t: Tensor) => Tensor) => {
        const key = `${module ?? id}#${role}`;
        const hit = this.cache.get(key);
        const shapeKey = shape.join(',');
        if (hit && hit.shape === shapeKey) return hit.tensor;
        if (hit) hit.tensor.dispose(); // the input channels changed since the last run
        const data = readWeight(this.source, { node, ...(module ? { module } : {}), role, shape, fanIn });
        const tf = this.tf;
        const tensor = tf.keep(
          tf.tidy(() => {
            const raw = tf.tensor(data, shape);
            return layout ? layout(raw) : raw;
          })
        );
        this.cache.set(key, { shape: shapeKey, tensor });
        return tensor;
      }
    };
  }

  get size(): number {
    return this.cache.size;
  }

  dispose(): void {
    for (const { tensor } of this.cache.values()) tensor.dispose();
    this.cache.clear();
  }
}
