/** Compares the shapes tfjs produced with the engine's, node by node. */
import type { Graph, InferResult, Shape } from '../core/types';

export interface VerifyRow {
  node: string;
  expected: Shape | null;
  actual: Shape | null;
  ok: boolean;
}

export interface VerifyReport {
  rows: VerifyRow[];
  confirmed: number;
  total: number;
  /** e.g. "173 of 173 shapes confirmed by tfjs" or "170 of 173 ...; first mismatch: ..." */
  summary: string;
}

const fmt = (s: Shape | null) => (s ? `[${s.join(', ')}]` : 'none');

export function verify(graph: Graph, infer: InferResult, recorded: Map<string, Shape>): VerifyReport {
  const rows = graph.nodes.map((n): VerifyRow => {
    const expected = infer.stats.get(n.id)?.shape ?? null;
    const actual = recorded.get(n.id) ?? null;
    const ok = expected !== null && actual !== null && expected.every((d, i) => d === actual[i]);
    return { node: n.id, expected, actual, ok };
  });
  const confirmed = rows.filter((r) => r.ok).length;
  const bad = rows.find((r) => !r.ok);
  const summary =
    `${confirmed} of ${rows.length} shapes confirmed by tfjs` +
    (bad ? `; first mismatch at ${bad.node}: engine ${fmt(bad.expected)}, tfjs ${fmt(bad.actual)}` : '');
  return { rows, confirmed, total: rows.length, summary };
}
