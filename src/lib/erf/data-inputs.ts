/** Which inputs of a node its values depend on: an upsample's size reference is only a shape. */
import type { GraphNode } from '../core/types';

export function dataInputs(node: GraphNode): number[] {
  if (node.op === 'upsample' && node.attrs.sizeFromInput) return [0];
  return node.inputs.map((_, i) => i);
}
