/** What the layer graph says about an item: its box labels and its tooltip, from the engine's stats. */
import type { Conv2dAttrs, Diagnostic, PoolAttrs } from '../core/types';
import type { Analysis } from '../models/analyze';
import { regionNodes } from '../models/whole';
import { type GroupIndex, type VisibleItem } from './graph-collapse';
import { isStageTap } from '../models/taps';
import { detailLines, nodeDetails } from './details';
import { formatCHW } from '../format';
import { itemMembers, sharedLines, sharedTitle } from './graph-shared';

function opSummary(item: VisibleItem): string {
  const n = item.node!;
  if (n.op === 'conv2d' || n.op === 'maxpool' || n.op === 'avgpool') {
    const a = n.attrs as Conv2dAttrs | PoolAttrs;
    const k = a.kernel[0] === a.kernel[1] ? `${a.kernel[0]}×${a.kernel[0]}` : `${a.kernel[0]}×${a.kernel[1]}`;
    const s = a.stride[0] > 1 || a.stride[1] > 1 ? `/${a.stride[0]}` : '';
    const d = 'dilation' in a && a.dilation[0] > 1 ? ` d${a.dilation[0]}` : '';
    return `${n.op === 'conv2d' ? '' : n.op === 'maxpool' ? 'max ' : 'avg '}${k}${s}${d}`;
  }
  if (n.op === 'upsample') return `${n.attrs.mode}${n.attrs.scale ? ' ×' + n.attrs.scale : ''}`;
  if (n.op === 'adaptiveavgpool') return `adaptive ${n.attrs.output[0]}×${n.attrs.output[1]}`;
  return { batchnorm: 'BN', relu: 'ReLU', globalavgpool: 'global avg', linear: 'fc' }[n.op as string] ?? n.op;
}

/** Title and subtitle of a box: [`unit2`, `conv block`], [`C3`, `4 units`], [`conv2`, `3×3/2`]. */
export function itemTitle(item: VisibleItem, idx: GroupIndex): [string, string] {
  const last = item.id.split('/').pop()!;
  const shared = sharedTitle(item, idx);
  if (shared) return shared;
  if (item.group) {
    const g = item.group;
    if (g.unitKind) return [last, g.label];
    if (isStageTap(g.path)) {
      const units = new Set(
        (idx.members.get(g.path) ?? []).map((m) => m.split('/')[1]).filter((u) => u?.startsWith('unit'))
      );
      return [g.path, `${units.size} units`];
    }
    const [head, rest] = g.label.split(' (');
    return item.id.includes('/') ? [last, head] : [head, rest ? rest.replace(/\)$/, '') : ''];
  }
  const summary = opSummary(item);
  return last.toLowerCase().startsWith(summary.toLowerCase()) ? [last, ''] : [last, summary];
}

/** True when the item changes resolution: a downsampling unit or stage, or an op with stride > 1. */
export function downsamples(item: VisibleItem): boolean {
  if (item.group) return !!item.group.downsamples;
  const a = item.node?.attrs as Partial<Conv2dAttrs>;
  return !!a?.stride && (a.stride[0] > 1 || a.stride[1] > 1);
}

/** Tooltip lines: the item, its details (costs summed over a group's members), its diagnostics. */
export function itemDetails(item: VisibleItem, a: Analysis, idx: GroupIndex, diags: Diagnostic[]): string[] {
  const ids = itemMembers(item, idx);
  const title = item.group
    ? `${item.id}: ${item.group.label} (${ids.length} ops)`
    : `${item.id} (${item.node?.op})`;
  const lines = detailLines(title, nodeDetails(a, ids, { output: item.output }));
  lines.push(...sharedLines(item, a, idx));
  for (const d of diags) lines.push(`${d.severity}: ${d.message}`);
  return lines;
}

/** The output shape without the batch; per-region outputs lead with their region count (R or D). */
export function itemShape(item: VisibleItem, a: Analysis): string {
  const shape = a.result.stats.get(item.output)?.shape;
  const source = regionNodes(a.model.graph).get(item.output);
  if (!shape || !source) return formatCHW(shape);
  return `${source === 'proposals' ? 'R' : 'D'}·${formatCHW(shape)}`;
}
