/**
 * Graph node -> the torch.nn module that holds its weights, and how a conv or pool pads. Module paths
 * are the nodes' own (`node.module`, set by the builders from models/names.ts and the head builders:
 * torchvision's state_dict names), so a generated module loads torchvision's checkpoints as they are.
 */
import type { Conv2dAttrs, GraphNode, Pair, Padding, PoolAttrs } from '../../core/types';
import { pyNumber, pyPair } from './python';

/**
 * Where a window's padding goes: into the module or F.* call (`inline`, PyTorch's symmetric padding),
 * an explicit F.pad before it (`explicit`: left, right, top, bottom), or TensorFlow's SAME, which
 * depends on the input size and is computed at run time.
 */
export type PadPlan =
  | { kind: 'inline'; pad: Pair }
  | { kind: 'explicit'; pads: [number, number, number, number] }
  | { kind: 'same' };

const keff = (k: number, d: number) => d * (k - 1) + 1;

export function padPlan(padding: Padding, kernel: Pair, stride: Pair, dilation: Pair = [1, 1]): PadPlan {
  if (padding === 'VALID') return { kind: 'inline', pad: [0, 0] };
  if (padding === 'SAME') {
    // At stride 1 with an odd window, SAME pads (keff - 1) / 2 on both sides whatever the input; a
    // 1x1 window (TF-slim's subsampling shortcut) never pads.
    const fixed = [0, 1].every((i) => {
      const k = keff(kernel[i], dilation[i]);
      return k === 1 || (stride[i] === 1 && k % 2 === 1);
    });
    if (!fixed) return { kind: 'same' };
    return {
      kind: 'inline',
      pad: [(keff(kernel[0], dilation[0]) - 1) / 2, (keff(kernel[1], dilation[1]) - 1) / 2]
    };
  }
  const { top, bottom, left, right } = padding;
  if (top === bottom && left === right) return { kind: 'inline', pad: [top, left] };
  return { kind: 'explicit', pads: [left, right, top, bottom] };
}

const convPlan = (a: Conv2dAttrs) => padPlan(a.padding, a.kernel, a.stride, a.dilation);

/** Keyword arguments past the positional ones, leaving out PyTorch's defaults. */
function kwargs(pairs: Array<[string, string, string]>): string {
  return pairs
    .filter(([, value, dflt]) => value !== dflt)
    .map(([k, v]) => `, ${k}=${v}`)
    .join('');
}

/**
 * The constructor of the module a parameterised node owns, given its input channels (features for a
 * linear layer), or null for an op without weights.
 */
export function moduleConstructor(node: GraphNode, inChannels: number): string | null {
  switch (node.op) {
    case 'conv2d': {
      const a = node.attrs;
      const plan = convPlan(a);
      const pad = plan.kind === 'inline' ? pyPair(plan.pad) : '0';
      const rest = kwargs([
        ['stride', pyPair(a.stride), '1'],
        ['padding', pad, '0'],
        ['dilation', pyPair(a.dilation), '1'],
        ['groups', pyNumber(a.groups), '1'],
        ['bias', a.bias ? 'True' : 'False', 'True']
      ]);
      return `nn.Conv2d(${inChannels}, ${a.outChannels}, ${pyPair(a.kernel)}${rest})`;
    }
    case 'convtranspose2d': {
      const a = node.attrs;
      const rest = kwargs([
        ['stride', pyPair(a.stride), '1'],
        ['padding', pyPair(a.padding), '0'],
        ['output_padding', pyPair(a.outputPadding), '0'],
        ['bias', a.bias ? 'True' : 'False', 'True']
      ]);
      return `nn.ConvTranspose2d(${inChannels}, ${a.outChannels}, ${pyPair(a.kernel)}${rest})`;
    }
    case 'linear':
      return `nn.Linear(${inChannels}, ${node.attrs.outFeatures}${node.attrs.bias ? '' : ', bias=False'})`;
    case 'batchnorm':
      return node.attrs.frozen ? `FrozenBatchNorm2d(${inChannels})` : `nn.BatchNorm2d(${inChannels})`;
    case 'groupnorm':
      return `nn.GroupNorm(${node.attrs.groups}, ${inChannels})`;
    default:
      return null;
  }
}

/** The conv's input expression with any padding the module does not do itself. */
export function convInput(a: Conv2dAttrs, x: string): { expr: string; same: boolean } {
  const plan = convPlan(a);
  if (plan.kind === 'explicit') return { expr: `F.pad(${x}, (${plan.pads.join(', ')}))`, same: false };
  if (plan.kind === 'same')
    return {
      expr: `_same(${x}, (${a.kernel.join(', ')}), (${a.stride.join(', ')}), (${a.dilation.join(', ')}))`,
      same: true
    };
  return { expr: x, same: false };
}

/** F.max_pool2d / F.avg_pool2d for a pool node; max-pool padding never wins a max (-inf). */
export function poolCall(
  kind: 'max' | 'avg',
  id: string,
  a: PoolAttrs,
  x: string
): { expr: string; same: boolean } {
  const plan = padPlan(a.padding, a.kernel, a.stride);
  const ceil = a.ceilMode ? ', ceil_mode=True' : '';
  const fn = kind === 'max' ? 'F.max_pool2d' : 'F.avg_pool2d';
  const k = pyPair(a.kernel);
  const s = pyPair(a.stride);
  if (plan.kind === 'inline') {
    const pad = pyPair(plan.pad);
    const cip = kind === 'avg' && a.countIncludePad === false ? ', count_include_pad=False' : '';
    return { expr: `${fn}(${x}, ${k}, ${s}${pad === '0' ? '' : `, ${pad}`}${ceil}${cip})`, same: false };
  }
  // Padding by hand changes what ceil_mode and count_include_pad mean; the engine never builds those.
  if (kind === 'avg' || a.ceilMode)
    throw new Error(
      `${id}: a ${kind}-pool with asymmetric or SAME padding${ceil ? ' and ceil_mode' : ''} has no PyTorch export`
    );
  if (plan.kind === 'same')
    return {
      expr: `${fn}(_same(${x}, (${a.kernel.join(', ')}), (${a.stride.join(', ')}), (1, 1), -math.inf), ${k}, ${s})`,
      same: true
    };
  return { expr: `${fn}(F.pad(${x}, (${plan.pads.join(', ')}), value=-math.inf), ${k}, ${s})`, same: false };
}
