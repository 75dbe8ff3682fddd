/**
 * Checks a parsed checkpoint against a built model before anything runs: every parameter the graph needs
 * must be present, float, and of the shape the shape engine expects (PyTorch layouts: conv
 * [out, in/groups, kh, kw], linear [out, in], BN vectors [C]). Nothing is decoded here; the bits of
 * the tensors that will be used are scanned for NaN and infinity (finite.ts).
 */
import { infer } from '../core/infer';
import type { GraphNode, InferResult } from '../core/types';
import type { WeightRole } from '../exec/weights';
import type { BuiltModel } from '../models/build';
import { countNonFinite } from './finite';
import { detectPrefix, toCheckpointKey } from './prefix';
import { FLOAT_DTYPES, type SafetensorsFile, type TensorEntry } from './safetensors';
import { type KeyBinding, type KeyLayout, legacyFpnKey, torchvisionLayout } from './torchvision-keys';

export interface WrongShape {
  key: string;
  node: string;
  expected: number[];
  found: number[];
}

export interface WeightReport {
  /** True only when every needed tensor is present, float and of the right shape, and nothing is left over. */
  ok: boolean;
  /** A problem that stops the check itself (unsupported architecture), in the user's terms. */
  error?: string;
  /** Tensors in the file. */
  tensorCount: number;
  /** Tensors the graph will use. */
  matched: number;
  /** Prefix found in front of the canonical key names ('' when none), and canonical part the file lacks. */
  prefix: { outer: string; stripped: string };
  missing: Array<{ key: string; node: string }>;
  unexpected: string[];
  /** Present but deliberately unused: `num_batches_tracked` and detection heads the graph does not draw. */
  ignored: string[];
  wrongShape: WrongShape[];
  unsupported: Array<{ key: string; dtype: string }>;
  /** Tensors converted to float32 on load, by source dtype. */
  converted: Array<{ from: string; count: number }>;
  /**
   * Used tensors holding NaN or infinite values, in graph order. A warning, not a failure: the run
   * still works (and shows where the values spread), but its statistics are NaN from that layer on.
   */
  nonFinite: Array<{ key: string; nan: number; inf: number }>;
}

export interface CheckResult {
  report: WeightReport;
  /** `${node}:${role}` -> tensor, complete only when report.ok. */
  resolved: Map<string, TensorEntry>;
}

export const slotKey = (node: string, role: WeightRole) => `${node}:${role}`;

/** Channel count doesn't depend on the image size; 256x256 is valid for every preset (stride 32, P7). */
const PROBE: [number, number] = [256, 256];

function expectedShape(node: GraphNode, role: WeightRole, stats: InferResult['stats']): number[] | null {
  const inShape = stats.get(node.inputs[0])?.shape;
  if (!inShape) return null;
  const inCh = inShape[1];
  if (node.op === 'conv2d') {
    const a = node.attrs;
    return role === 'weight' ? [a.outChannels, inCh / a.groups, a.kernel[0], a.kernel[1]] : [a.outChannels];
  }
  if (node.op === 'linear')
    return role === 'weight' ? [node.attrs.outFeatures, inCh] : [node.attrs.outFeatures];
  if (node.op === 'batchnorm' || node.op === 'groupnorm') return [inCh];
  if (node.op === 'convtranspose2d') {
    const a = node.attrs;
    return role === 'weight' ? [inCh, a.outChannels, a.kernel[0], a.kernel[1]] : [a.outChannels];
  }
  return null;
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A report with nothing matched yet; `load.ts` uses it for files that never reach the check. */
export function emptyReport(tensorCount: number): WeightReport {
  return {
    ok: false,
    tensorCount,
    matched: 0,
    prefix: { outer: '', stripped: '' },
    missing: [],
    unexpected: [],
    ignored: [],
    wrongShape: [],
    unsupported: [],
    converted: [],
    nonFinite: []
  };
}

export interface ExpectedTensor extends KeyBinding {
  /** PyTorch-layout shape, or null where the shape engine could not compute the layer's input. */
  shape: number[] | null;
}

/** Every tensor the model needs, with its canonical key and shape (throws for unsupported architectures). */
export function expectedTensors(
  model: BuiltModel,
  stats?: InferResult
): { layout: KeyLayout; tensors: ExpectedTensor[] } {
  const layout = torchvisionLayout(model.graph, model.config);
  const nodeStats = (stats ?? infer(model.graph, [1, model.config.inChannels, ...PROBE])).stats;
  const byId = new Map(model.graph.nodes.map((n) => [n.id, n]));
  const tensors = layout.bindings.map((b) => ({
    ...b,
    shape: expectedShape(byId.get(b.node)!, b.role, nodeStats)
  }));
  return { layout, tensors };
}

export function checkWeights(file: SafetensorsFile, model: BuiltModel, stats?: InferResult): CheckResult {
  const report = emptyReport(file.tensors.length);
  const resolved = new Map<string, TensorEntry>();
  let layout: KeyLayout;
  let tensors: ExpectedTensor[];
  try {
    ({ layout, tensors } = expectedTensors(model, stats));
  } catch (e) {
    report.error = (e as Error).message;
    return { report, resolved };
  }
  const stemKey = model.config.stem === 'deep' ? 'stem.0.weight' : 'conv1.weight';
  const prefix = detectPrefix(file.byName.keys(), stemKey, layout.bodyPrefix) ?? { outer: '', stripped: '' };
  report.prefix = prefix;

  const used = new Set<string>();
  const converted = new Map<string, number>();
  const bind = (b: ExpectedTensor) => {
    const key = toCheckpointKey(b.key, prefix);
    const legacy = legacyFpnKey(key);
    const entry = file.byName.get(key) ?? (legacy ? file.byName.get(legacy) : undefined);
    if (!entry) return report.missing.push({ key, node: b.node });
    used.add(entry.name);
    if (!FLOAT_DTYPES.has(entry.dtype))
      return report.unsupported.push({ key: entry.name, dtype: entry.dtype });
    if (!b.shape || !sameShape(b.shape, entry.shape)) {
      return report.wrongShape.push({
        key: entry.name,
        node: b.node,
        expected: b.shape ?? [],
        found: entry.shape
      });
    }
    if (entry.dtype !== 'F32') converted.set(entry.dtype, (converted.get(entry.dtype) ?? 0) + 1);
    const { nan, inf } = countNonFinite(file, entry);
    if (nan || inf) report.nonFinite.push({ key: entry.name, nan, inf });
    resolved.set(slotKey(b.node, b.role), entry);
  };
  tensors.forEach(bind);

  const ignoredPrefixes = layout.ignoredPrefixes.map((p) => toCheckpointKey(p, prefix));
  for (const t of file.tensors) {
    if (used.has(t.name)) continue;
    const ignore =
      t.name.endsWith('num_batches_tracked') || ignoredPrefixes.some((p) => t.name.startsWith(p));
    (ignore ? report.ignored : report.unexpected).push(t.name);
  }
  report.matched = resolved.size;
  report.converted = [...converted].map(([from, count]) => ({ from, count }));
  report.ok =
    report.missing.length === 0 &&
    report.unexpected.length === 0 &&
    report.wrongShape.length === 0 &&
    report.unsupported.length === 0;
  return { report, resolved };
}
