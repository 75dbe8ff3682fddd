/** Small statistics for benchmarks: medians and ratios, never single timings. */
export { median } from '../../src/lib/median';

export function timeIt(fn: () => void, { warmup = 20, runs = 200 } = {}): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}
