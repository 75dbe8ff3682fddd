/**
 * Test weights for fused-vs-strict checks: seeded conv and linear weights with batch norms that are not
 * the identity (gamma and var in [0.5, 1.5], beta and mean in ±0.2), so folding a batch norm into its
 * conv changes every number it should. Values are made once per request and reused, so two executors
 * (fused and strict) over one source pay for the generation once.
 */
import { fillUniform, hashSeed, mulberry32 } from '../../src/lib/exec/prng';
import { type WeightSource, seededWeights } from '../../src/lib/exec/weights';

const RANGE = { gamma: [0.5, 1.5], var: [0.5, 1.5], beta: [-0.2, 0.2], mean: [-0.2, 0.2] } as const;

export function nonTrivialNorms(): WeightSource {
  const base = seededWeights();
  const made = new Map<string, Float32Array>();
  return {
    get(req) {
      const key = `${req.module ?? req.node}#${req.role}#${req.shape.join(',')}`;
      const hit = made.get(key);
      if (hit) return hit;
      let out: Float32Array;
      if (req.role === 'weight' || req.role === 'bias') out = base.get(req);
      else {
        const [lo, hi] = RANGE[req.role];
        const rand = mulberry32(hashSeed(`${req.module ?? req.node}#${req.role}`, 3));
        out = fillUniform(new Float32Array(req.shape[0]), rand, lo, hi);
      }
      made.set(key, out);
      return out;
    }
  };
}
