/** The contract every op module fulfils: shape rule, parameters, MACs and receptive field. */
import type { OpAttrs, OpKind, Pair, ReceptiveField, Shape } from '../types';

export type ShapeOutcome =
  | { shape: Shape; pad?: [number, number, number, number]; warnings?: string[] }
  | { error: string; empty?: boolean };

export interface OpRule<K extends OpKind> {
  infer(attrs: OpAttrs[K], inputs: Shape[]): ShapeOutcome;
  /** Learnable parameters (weights, biases, BN affine); buffers such as running stats are not counted. */
  params(attrs: OpAttrs[K], inputs: Shape[], out: Shape): number;
  /** Multiply-accumulates: convolutions and linear layers only (torchvision's and fvcore's convention). */
  macs(attrs: OpAttrs[K], inputs: Shape[], out: Shape): number;
  /** Called only when every input has a field; null where the op has no fixed field (RoIAlign). */
  rf(
    attrs: OpAttrs[K],
    inputRfs: ReceptiveField[],
    inputs: Shape[],
    out: Shape,
    pad?: [number, number, number, number]
  ): ReceptiveField | null;
}

export const none = (): number => 0;
export const passRf = (_a: unknown, rfs: ReceptiveField[]): ReceptiveField => rfs[0];

/** Receptive field after a sliding window of extent keff, stride s and leading padding, per axis. */
export function windowRf(rf: ReceptiveField, keff: Pair, stride: Pair, padBefore: Pair): ReceptiveField {
  const axis = (i: 0 | 1) => ({
    size: rf.size[i] + (keff[i] - 1) * rf.stride[i],
    stride: rf.stride[i] * stride[i],
    start: rf.start[i] + ((keff[i] - 1) / 2 - padBefore[i]) * rf.stride[i]
  });
  const h = axis(0);
  const w = axis(1);
  return { size: [h.size, w.size], stride: [h.stride, w.stride], start: [h.start, w.start] };
}

export function spatial(s: Shape): string {
  return `${s[2]}x${s[3]}`;
}

export function sameSpatial(a: Shape, b: Shape): boolean {
  return a[2] === b[2] && a[3] === b[3];
}
