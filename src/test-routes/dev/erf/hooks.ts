/**
 * Benchmark hook of the test build's /dev/erf page (window.__archscopeErfBench; never in the
 * production build): the effective field of C2..C5 (and P levels) at their centre cells with seeded
 * weights on each backend in this page, with the time of each backward pass. Loaded with import().
 */
import { loadBrowserBackend } from '$lib/exec/backend-browser';
import type { BackendName } from '$lib/exec/backend';
import { chartPicks } from '$lib/erf/chart';
import { createErfEngine } from '$lib/erf/engine';
import { erfTaps } from '$lib/erf/field';
import { loadGradients } from '$lib/erf/gradients';
import { type ErfSummary, summarizeErf } from '$lib/erf/summary';
import { median } from '$lib/median';
import { analyze } from '$lib/models/analyze';
import { resolveConfig } from '$lib/models/resolve';

export interface ErfBenchOptions {
  preset: string;
  size: string;
  backends: BackendName[];
  samples: Partial<Record<BackendName, number>>;
}

export interface ErfBackendBench {
  backend: string;
  renderer?: string;
  samples: number;
  /** Forward pass per sample (keeping every activation), the first one included. */
  forwardMs: number;
  /** Median backward pass (one tap, one sample) per tap, after the first sample's (shader compiles). */
  backwardMs: Record<string, number>;
  rows: ErfSummary[];
}

async function bench(o: ErfBenchOptions): Promise<ErfBackendBench[]> {
  const r = resolveConfig(o.preset, o.size, []);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const analysis = analyze({ ...r.value.config, batch: 1 }, r.value.input);
  const taps = erfTaps(analysis.model.graph, analysis.result);
  const picks = chartPicks(taps);
  const out: ErfBackendBench[] = [];
  for (const name of o.backends) {
    const { tf, info } = await loadBrowserBackend([name]);
    await loadGradients();
    const engine = createErfEngine(tf, analysis.model.graph);
    try {
      const samples = o.samples[name] ?? 2;
      const targets = picks.map((p) => ({ node: taps.find((t) => t.tap === p.tap)!.node, cell: p.cell }));
      const res = await engine.run({
        input: analysis.result.input,
        targets,
        samples,
        syncTimes: true,
        yieldEveryMs: Infinity
      });
      const backwardMs: Record<string, number> = {};
      picks.forEach((p, k) => {
        const passes = res.backwardPassMs.filter((_, i) => i % picks.length === k);
        backwardMs[p.tap] = median(passes.length > 1 ? passes.slice(1) : passes);
      });
      out.push({
        backend: info.backend,
        renderer: info.renderer,
        samples,
        forwardMs: res.forwardMs / samples,
        backwardMs,
        rows: res.maps.map((m, k) =>
          summarizeErf(picks[k].tap, picks[k].cell, taps.find((t) => t.tap === picks[k].tap)!.rf, m, samples)
        )
      });
    } finally {
      engine.dispose();
    }
  }
  return out;
}

export function install(): void {
  (window as unknown as Record<string, unknown>).__archscopeErfBench = bench;
}
