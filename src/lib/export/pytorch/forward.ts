/**
 * The graph as a straight-line PyTorch program: one statement per node in the graph's (topological)
 * order, modules called by their torchvision paths, a comment wherever a stage, unit or head begins
 * (the graph's own group labels). Variables follow liveness: a tap gets its own name (`c3`, `p4`,
 * `objectness_p3`); other values take `x`, `x1`, ... and a name is reused once its value is dead, so
 * memory stays as in a hand-written forward. The RoI branches run under `if proposals is not None:`
 * (or detections), since their regions are given by the caller.
 */
import type { Graph, GraphNode } from '../../core/types';
import { regionNodes } from '../../models/whole';
import { convInput, moduleConstructor, poolCall } from './modules';
import type { Helper } from './prelude';
import { moduleAccess, pyName, pyNumber, pyPair, pyString } from './python';

export interface ForwardCode {
  /** `_put(self, ...)` lines for __init__, one per module, in the order the forward first uses them. */
  init: string[];
  /** The forward body, indented for a method. */
  body: string[];
  helpers: Set<Helper>;
  /** Region sources the forward takes as arguments, in order. */
  regions: Array<'proposals' | 'detections'>;
  /** Nodes whose value is [N, F] in PyTorch (after a flatten), where the engine writes [N, F, 1, 1]. */
  flat: Set<string>;
}

const IND = '        ';
const RESERVED = new Set([
  'self',
  'images',
  'proposals',
  'detections',
  'taps',
  'image_size',
  'torch',
  'nn',
  'F',
  'math'
]);

/** The groups around each node, outermost first (`C3`, `C3/unit1`), for the comments. */
function groupsOf(graph: Graph): (id: string) => string[] {
  const paths = new Set(graph.groups.map((g) => g.path));
  return (id) => {
    const parts = id.split('/');
    const out: string[] = [];
    for (let n = 1; n < parts.length; n++) {
      const p = parts.slice(0, n).join('/');
      if (paths.has(p)) out.push(p);
    }
    return out;
  };
}

/** Variable names: taps by name, the rest from a pool of `x`, `x1`, ... reused once dead. */
class Names {
  private free: string[] = [];
  private count = 0;
  private taken = new Set(RESERVED);
  readonly temps = new Set<string>();

  forTap(tap: string): string {
    let name = pyName(tap);
    while (this.taken.has(name)) name = `${name}_`;
    this.taken.add(name);
    return name;
  }

  temp(): string {
    this.free.sort((a, b) => a.length - b.length || a.localeCompare(b));
    const reused = this.free.shift();
    if (reused) return reused;
    let name = this.count === 0 ? 'x' : `x${this.count}`;
    while (this.taken.has(name)) name = `${name}_`;
    this.count++;
    this.taken.add(name);
    this.temps.add(name);
    return name;
  }

  release(name: string): void {
    if (this.temps.has(name) && !this.free.includes(name)) this.free.push(name);
  }
}

export function forwardCode(graph: Graph, inChannels: (node: GraphNode) => number): ForwardCode {
  const helpers = new Set<Helper>();
  const init: string[] = [];
  const body: string[] = [];
  const region = regionNodes(graph);
  const groups = groupsOf(graph);
  const labels = new Map(graph.groups.map((g) => [g.path, g.label]));
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.inputs.forEach((id) => lastUse.set(id, i)));
  const hasRoi = graph.nodes.some((n) => n.op === 'roialign');

  const vars = new Map<string, string>();
  const flat = new Set<string>(); // nodes whose value is [N, F] after a flatten, as PyTorch has it
  const names = new Names();
  const regions: Array<'proposals' | 'detections'> = [];
  let block: 'proposals' | 'detections' | null = null;
  const blockTaps: string[] = [];
  const mainTaps: string[] = [];
  let tapsDefined = false;
  let open: string[] = [];
  const ind = () => (block ? IND + '    ' : IND);
  const emit = (line: string) => body.push(ind() + line);
  // The taps computed since the last flush go into the dict in one statement.
  const flushTaps = () => {
    const taps = block ? blockTaps : mainTaps;
    if (!taps.length) return;
    emit(tapsDefined ? 'taps.update({' : 'taps = {');
    for (const t of taps) emit(`    ${pyString(t)}: ${vars.get(graph.taps[t])},`);
    emit(tapsDefined ? '})' : '}');
    tapsDefined = true;
    taps.length = 0;
  };

  graph.nodes.forEach((node, i) => {
    if (node.op === 'input') {
      vars.set(node.id, 'images');
      if (hasRoi) body.push(`${IND}image_size = images.shape[-2:]`);
      return;
    }
    const source = region.get(node.id) ?? null;
    if (source !== block) {
      flushTaps();
      if (source && !tapsDefined) {
        emit('taps = {}');
        tapsDefined = true;
      }
      block = source;
      if (block) {
        if (!regions.includes(block)) regions.push(block);
        body.push('', `${IND}if ${block} is not None:`);
      }
      open = [];
    }
    const chain = groups(node.id);
    const opened = chain.filter((p) => !open.includes(p));
    if (opened.length) {
      const prev = body[body.length - 1]?.trimEnd() ?? '';
      if (prev !== '' && !prev.endsWith(':')) body.push('');
      for (const p of opened) {
        const label = labels.get(p) ?? '';
        emit(`# ${label.startsWith(p) ? label : `${p}: ${label}`}`);
      }
    }
    open = chain;

    const ins = node.inputs.map((id) => vars.get(id)!);
    const { expr, isFlat } = statement(node, ins, flat, helpers);
    if (node.module && !node.sharesWith) {
      const ctor = moduleConstructor(node, inChannels(node));
      if (ctor) {
        init.push(`_put(self, ${pyString(node.module)}, ${ctor})`);
        if (node.op === 'batchnorm' && node.attrs.frozen) helpers.add('frozen');
      }
    }
    if (isFlat) flat.add(node.id);
    // Values dead after this node free their names first, so `x = f(x)` reads like a hand-written chain.
    for (const id of new Set(node.inputs)) if (lastUse.get(id) === i) names.release(vars.get(id)!);
    const out = node.tap && node.tap !== 'input' ? names.forTap(node.tap) : names.temp();
    vars.set(node.id, out);
    emit(`${out} = ${expr}`);
    if (node.op === 'resize' && hasRoi)
      emit(`image_size = ${out}.shape[-2:]  # the RoI heads see the resized image`);
    if (node.tap && node.tap !== 'input') (block ? blockTaps : mainTaps).push(node.tap);
    if (!lastUse.has(node.id)) names.release(out);
  });
  flushTaps();
  if (!tapsDefined) body.push(`${IND}taps = {}`);
  body.push(`${IND}return taps`);
  return { init, body, helpers, regions, flat };
}

/** One node's right-hand side, and whether its value is flat ([N, F]). */
function statement(
  node: GraphNode,
  ins: string[],
  flat: Set<string>,
  helpers: Set<Helper>
): { expr: string; isFlat: boolean } {
  const [x] = ins;
  const inFlat = node.inputs.some((id) => flat.has(id));
  const call = (arg: string) => `${moduleAccess(node.module!)}(${arg})`;
  const spatialOnly = () => {
    if (inFlat) throw new Error(`${node.id}: a ${node.op} cannot follow a flatten in the PyTorch export`);
  };
  switch (node.op) {
    case 'input':
      throw new Error('the input is the forward argument');
    case 'conv2d': {
      spatialOnly();
      const { expr, same } = convInput(node.attrs, x);
      if (same) helpers.add('same');
      return { expr: call(expr), isFlat: false };
    }
    case 'convtranspose2d':
    case 'groupnorm':
      spatialOnly();
      return { expr: call(x), isFlat: false };
    case 'batchnorm':
      spatialOnly();
      return { expr: call(x), isFlat: false };
    case 'linear':
      // The engine keeps [N, F, 1, 1]; PyTorch's Linear wants [N, F].
      return { expr: call(inFlat ? x : `torch.flatten(${x}, 1)`), isFlat: true };
    case 'relu':
      return { expr: `F.relu(${x})`, isFlat: inFlat };
    case 'dropout':
      return { expr: `F.dropout(${x}, ${pyNumber(node.attrs.p)}, self.training)`, isFlat: inFlat };
    case 'flatten':
      return { expr: inFlat ? x : `torch.flatten(${x}, 1)`, isFlat: true };
    case 'maxpool':
    case 'avgpool': {
      spatialOnly();
      const { expr, same } = poolCall(node.op === 'maxpool' ? 'max' : 'avg', node.id, node.attrs, x);
      if (same) helpers.add('same');
      return { expr, isFlat: false };
    }
    case 'adaptiveavgpool':
      spatialOnly();
      return { expr: `F.adaptive_avg_pool2d(${x}, ${pyPair(node.attrs.output)})`, isFlat: false };
    case 'globalavgpool':
      spatialOnly();
      return { expr: `F.adaptive_avg_pool2d(${x}, 1)`, isFlat: false };
    case 'upsample': {
      spatialOnly();
      const a = node.attrs;
      const size = a.sizeFromInput
        ? `size=${ins[1]}.shape[-2:]`
        : `scale_factor=${pyNumber(a.scale ?? 1, true)}`;
      const corners = a.mode === 'bilinear' ? `, align_corners=${a.alignCorners ? 'True' : 'False'}` : '';
      return { expr: `F.interpolate(${x}, ${size}, mode=${pyString(a.mode)}${corners})`, isFlat: false };
    }
    case 'add':
      if (inFlat && !node.inputs.every((id) => flat.has(id)))
        throw new Error(`${node.id}: cannot add a flattened and a spatial value in the PyTorch export`);
      return { expr: ins.join(' + '), isFlat: inFlat };
    case 'concat':
      spatialOnly();
      return { expr: ins.length === 1 ? x : `torch.cat([${ins.join(', ')}], 1)`, isFlat: false };
    case 'roialign': {
      spatialOnly();
      helpers.add('roialign');
      const a = node.attrs;
      return {
        expr: `_multiscale_roi_align([${ins.join(', ')}], ${a.source}, image_size, (${a.output.join(', ')}), ${a.samplingRatio})`,
        isFlat: false
      };
    }
    case 'resize': {
      // torchvision floors each side (GeneralizedRCNNTransform), detectron2 rounds it (ResizeShortestEdge).
      const rounded = node.attrs.rounding === 'nearest';
      helpers.add(rounded ? 'roundedResize' : 'resize');
      const fn = rounded ? '_resize_rounded' : '_resize';
      return {
        expr: `${fn}(${x}, ${pyNumber(node.attrs.minSize, true)}, ${pyNumber(node.attrs.maxSize, true)})`,
        isFlat: false
      };
    }
    case 'padto':
      helpers.add('pad');
      return { expr: `_pad_to(${x}, ${node.attrs.divisor})`, isFlat: false };
  }
}
