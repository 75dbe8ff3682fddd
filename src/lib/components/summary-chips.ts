/**
 * The summary strip's feature-map chips. Backbone, pyramid and single head taps get one chip each; a
 * head output taken on every pyramid level (`objectness/P2` ... `objectness/P6`) gets one chip for
 * the family, with its channels read as anchors x outputs per anchor (A x K); a tap whose batch counts
 * regions says which count (R proposals or D detections).
 */
import type { Graph, Shape } from '../core/types';
import type { Analysis } from '../models/analyze';
import { anchorsPerLocation } from '../models/heads/context';
import { orderedTaps, perLevelTap } from '../models/taps';
import { levelRange } from '../models/replicas';
import { regionNodes } from '../models/whole';
import { formatStride } from '../format';

export interface Chip {
  /** data-tap: the tap, or the family name for a per-level family. */
  key: string;
  /** The node a click selects (the first level's for a family). */
  node: string;
  name: string;
  /** The bold part: H×W, or the levels of a family. */
  main: string;
  sub: string;
  aria: string;
  empty: boolean;
}

/** "819 = 9×91": a per-level head's channels as anchors per location times outputs per anchor. */
export function anchorFactors(channels: number, anchors: number): string {
  return anchors > 0 && channels % anchors === 0
    ? `${channels} = ${anchors}×${channels / anchors}`
    : String(channels);
}

const hw = (s: Shape) => `${s[2]}×${s[3]}`;

type Plan =
  | { kind: 'tap'; tap: string; node: string; source?: 'proposals' | 'detections' }
  | { kind: 'family'; family: string; levels: Array<{ level: string; node: string }> };

const plans = new WeakMap<Graph, Plan[]>();

/** Which chips a graph gets, in order: fixed per graph, so a slider tick only fills in the shapes. */
function chipPlan(graph: Graph): Plan[] {
  const hit = plans.get(graph);
  if (hit) return hit;
  const regions = regionNodes(graph);
  const plan: Plan[] = [];
  const families = new Map<string, Array<{ level: string; node: string }>>();
  for (const tap of orderedTaps(graph.taps)) {
    const node = graph.taps[tap];
    const lv = perLevelTap(tap);
    if (!lv) {
      plan.push({ kind: 'tap', tap, node, source: regions.get(node) });
      continue;
    }
    const list = families.get(lv.family);
    if (list) list.push({ level: lv.level, node });
    else {
      const levels = [{ level: lv.level, node }];
      families.set(lv.family, levels);
      plan.push({ kind: 'family', family: lv.family, levels });
    }
  }
  plans.set(graph, plan);
  return plan;
}

export function summaryChips(a: Analysis): Chip[] {
  const { graph, config } = a.model;
  const counts = { proposals: a.model.regions?.proposals, detections: a.model.regions?.detections };
  const shapeOf = (id: string) => a.result.stats.get(id)?.shape ?? null;
  const anchors = anchorsPerLocation(config);
  return chipPlan(graph).map((p): Chip => {
    if (p.kind === 'family') {
      const shapes = p.levels.map((l) => shapeOf(l.node));
      const first = shapes.find((s) => s);
      return {
        key: p.family,
        node: p.levels[0].node,
        name: p.family,
        main: levelRange(p.levels.map((l) => l.level)),
        sub: first ? `${anchorFactors(first[1], anchors)} ch` : 'n/a',
        empty: shapes.some((s) => !s),
        aria:
          `${p.family} on ${p.levels.length} levels, ` +
          p.levels
            .map((l, i) => {
              const sh = shapes[i];
              return `${l.level} ${sh ? `${sh[1]} channels, ${sh[2]} by ${sh[3]}` : 'no shape'}`;
            })
            .join(', ')
      };
    }
    const { tap, node, source } = p;
    const s = shapeOf(node);
    if (source) {
      const letter = source === 'proposals' ? 'R' : 'D';
      const n = counts[source];
      return {
        key: tap,
        node,
        name: tap,
        main: s ? hw(s) : 'n/a',
        sub: s ? `${letter} = ${n} · ${s[1]} ch` : '',
        aria: `${tap}: ${s ? `${letter} = ${n} ${source}, ${s[1]} channels, ${s[2]} by ${s[3]} per region` : 'no shape'}`,
        empty: !s
      };
    }
    const stride = a.result.stats.get(node)?.rf?.stride[0] ?? null;
    return {
      key: tap,
      node,
      name: tap,
      main: s ? hw(s) : 'n/a',
      sub: `${s ? `${s[1]} ch` : ''}${stride ? ` · /${formatStride(stride)}` : ''}`,
      aria: `${tap}: ${s ? `${s[1]} channels, ${s[2]} by ${s[3]}` : 'no shape'}${stride ? `, stride ${formatStride(stride)}` : ''}`,
      empty: !s
    };
  });
}
