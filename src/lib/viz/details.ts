/**
 * What every view says about a node or a group of nodes (graph and pyramid tooltips, the details
 * panel): output shape, parameters, MACs or FLOPs, memory and receptive field, formatted one way;
 * and what a selection (a node id or a group path such as `C3` or `C3/unit2`) stands for.
 */
import type { GraphNode, GroupInfo, NodeStats, Padding } from '../core/types';
import type { Analysis } from '../models/analyze';
import { formatBytes, formatCount, formatShape, formatStride } from '../format';
import { frozenNodes } from '../models/trainable';
import { groupIndex } from './graph-collapse';
import type { PyrBlock } from './pyramid-layout';

export type Detail = [label: string, value: string];

/** A pair as one value when both axes agree ("3"), else "3×5". */
function pair(p: readonly [number, number], f: (n: number) => string = String): string {
  return p[0] === p[1] ? f(p[0]) : `${f(p[0])}×${f(p[1])}`;
}

/**
 * Details of `members` (one node, or a group's nodes): costs summed over them, shape and receptive
 * field from `output` (the group's last member; the node itself by default).
 */
export function nodeDetails(
  a: Analysis,
  members: string[],
  {
    output = members[members.length - 1],
    flops = false,
    inputs
  }: {
    output?: string;
    flops?: boolean;
    /** Nodes whose outputs feed the members: listed first as "input" (the details panel's). */
    inputs?: string[];
  } = {}
): Detail[] {
  let params = 0;
  let frozen = 0;
  let macs = 0;
  const noGrad = frozenNodes(a.model.graph);
  for (const id of members) {
    const s = a.result.stats.get(id);
    params += s?.params ?? 0;
    if (noGrad.has(id)) frozen += s?.params ?? 0;
    macs += s?.macs ?? 0;
  }
  const frozenNote = !frozen ? '' : frozen === params ? ', frozen' : `, ${formatCount(frozen)} frozen`;
  const s = a.result.stats.get(output);
  const rf = s?.rf;
  const shapeText = (id: string) => {
    const shape = a.result.stats.get(id)?.shape;
    return shape ? formatShape(shape) : 'not computed';
  };
  const inputRow: Detail[] = inputs?.length
    ? [[inputs.length === 1 ? 'input' : 'inputs', inputs.map(shapeText).join('; ')]]
    : [];
  return [
    ...inputRow,
    ['output', s?.shape ? formatShape(s.shape) : 'not computed'],
    ['params', `${formatCount(params)}${frozenNote}`],
    [flops ? 'FLOPs' : 'MACs', formatCount(flops ? 2 * macs : macs)],
    ['memory', formatBytes(s?.bytes ?? 0)],
    [
      'receptive field',
      rf
        ? `${pair(rf.size)} px, stride ${pair(rf.stride, formatStride)}, first centre ${pair(rf.start, formatStride)}`
        : 'n/a'
    ]
  ];
}

/** What a selection stands for: one op, or a group (stage, unit, neck level, head) and its ops. */
export interface Selected {
  id: string;
  node: GraphNode | null;
  group: GroupInfo | null;
  /** "stage", "unit" or the op; for other groups their label's first words. */
  kind: string;
  /** The node itself, or the group's nodes in graph order. */
  members: string[];
  /** The node whose shape and receptive field stand for the selection: itself, or the group's last node. */
  output: string;
  /** Nodes outside the selection whose outputs it reads, in order of first use. */
  inputs: string[];
  /** A group's own sub-groups (a stage's units), for drilling down. */
  children: string[];
}

/**
 * Resolves a selection id against the graph: a node id first (the `input` node is also a group of
 * one), else a group path with members; null where neither exists in this model.
 */
export function selectionOf(a: Analysis, id: string | null): Selected | null {
  if (!id) return null;
  const idx = groupIndex(a.model.graph);
  const node = idx.nodes.get(id);
  if (node)
    return {
      id,
      node,
      group: null,
      kind: node.op,
      members: [id],
      output: id,
      inputs: node.inputs,
      children: []
    };
  const group = idx.groups.get(id);
  const members = idx.members.get(id);
  if (!group || !members?.length) return null;
  const inside = new Set(members);
  const inputs = [...new Set(members.flatMap((m) => idx.nodes.get(m)!.inputs.filter((i) => !inside.has(i))))];
  const depth = id.split('/').length;
  const children = [...idx.groups.keys()].filter(
    (p) => p.startsWith(id + '/') && p.split('/').length === depth + 1 && idx.members.has(p)
  );
  const kind = group.unitKind ? 'unit' : depth === 1 ? 'stage' : 'group';
  return { id, node: null, group, kind, members, output: members[members.length - 1], inputs, children };
}

/** Details of a selection: its input and output shapes, costs summed over its ops, the output's field. */
export function selectionDetails(a: Analysis, sel: Selected, flops = false): Detail[] {
  return nodeDetails(a, sel.members, { output: sel.output, inputs: sel.inputs, flops });
}

/** Tooltip lines: a title, then one "label value" line per detail. */
export function detailLines(title: string, details: Detail[]): string[] {
  return [title, ...details.map(([k, v]) => `${k} ${v}`)];
}

/** The pyramid block's tooltip: the tap's node, plus its anchors on a pyramid level. */
export function blockDetails(a: Analysis, b: PyrBlock): string[] {
  const lines = detailLines(`${b.id} (${b.node})`, nodeDetails(a, [b.node]));
  return b.anchors ? [...lines, `anchors ${b.anchors}`] : lines;
}

function padText(declared: Padding, applied?: NodeStats['pad']): string {
  const spec = typeof declared === 'string' ? declared : 'explicit';
  return applied
    ? `${spec}: top ${applied[0]}, bottom ${applied[1]}, left ${applied[2]}, right ${applied[3]}`
    : spec;
}

/** The op's own attributes, padding as actually applied (the details panel lists them). */
export function opAttributes(n: GraphNode, stats: NodeStats | undefined): Detail[] {
  switch (n.op) {
    case 'conv2d':
      return [
        ['kernel', pair(n.attrs.kernel)],
        ['stride', pair(n.attrs.stride)],
        ['dilation', pair(n.attrs.dilation)],
        ['padding', padText(n.attrs.padding, stats?.pad)],
        ['out channels', String(n.attrs.outChannels)],
        ['groups', String(n.attrs.groups)],
        ['bias', n.attrs.bias ? 'yes' : 'no']
      ];
    case 'maxpool':
    case 'avgpool':
      return [
        ['kernel', pair(n.attrs.kernel)],
        ['stride', pair(n.attrs.stride)],
        ['padding', padText(n.attrs.padding, stats?.pad)],
        ['rounding', n.attrs.ceilMode ? 'ceil' : 'floor']
      ];
    case 'adaptiveavgpool':
      return [['output bins', pair(n.attrs.output)]];
    case 'upsample':
      return [
        ['mode', n.attrs.mode],
        ['to', n.attrs.scale ? `×${n.attrs.scale}` : `size of ${n.inputs[1]}`],
        ['align_corners', n.attrs.alignCorners ? 'true' : 'false']
      ];
    case 'linear':
      return [['out features', String(n.attrs.outFeatures)]];
    case 'dropout':
      return [['p', String(n.attrs.p)]];
    case 'batchnorm':
      return n.attrs.frozen
        ? [['kind', 'FrozenBatchNorm2d: affine and statistics are buffers (0 parameters)']]
        : [];
    case 'groupnorm':
      return [['groups', String(n.attrs.groups)]];
    case 'convtranspose2d':
      return [
        ['kernel', pair(n.attrs.kernel)],
        ['stride', pair(n.attrs.stride)],
        ['padding', pair(n.attrs.padding)],
        ['output padding', pair(n.attrs.outputPadding)],
        ['out channels', String(n.attrs.outChannels)],
        ['bias', n.attrs.bias ? 'yes' : 'no']
      ];
    case 'roialign':
      return [
        ['output', pair(n.attrs.output)],
        ['sampling ratio', String(n.attrs.samplingRatio)],
        [
          'regions',
          `${n.attrs.source === 'proposals' ? 'R' : 'D'} = ${n.attrs.regions} ${n.attrs.source} per image (batch = N × regions)`
        ],
        ['reads', n.inputs.join(', ')]
      ];
    case 'resize':
      return [
        [
          'rule',
          `scale = min(${n.attrs.minSize} / short side, ${n.attrs.maxSize} / long side), sides ${n.attrs.rounding === 'nearest' ? 'rounded to the nearest pixel (detectron2)' : 'floored'}`
        ]
      ];
    case 'padto':
      return [['pads to', `a multiple of ${n.attrs.divisor} (zeros, bottom and right)`]];
    default:
      return [];
  }
}
