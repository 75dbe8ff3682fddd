/**
 * The theoretical receptive field of one output cell, read from the engine's per-node field (size,
 * effective stride, and the centre of cell 0's field; core/ops/rule.ts), and the taps whose cells have
 * one. Coordinates are pixels of the tensor the backbone reads (`BuiltModel.image`: the input, or the
 * detection transform's resized and padded image), where the engine measures fields.
 */
import type { Graph, InferResult, Pair, ReceptiveField } from '../core/types';
import { orderedTaps } from '../models/taps';

export interface CellField {
  /** Field side per axis, [h, w], in input pixels. */
  size: Pair;
  /** Effective stride per axis: how far the field moves from one cell to the next. */
  stride: Pair;
  /** Centre of this cell's field, [y, x]. */
  centre: Pair;
  /** First row and column the field covers, [y, x]; negative where it starts on padding. */
  start: Pair;
  /** Last row and column it covers, [y, x]; past the image where it ends on padding. */
  end: Pair;
  /** The covered part that lies on the image, [y0, y1, x0, x1] inclusive. */
  inside: [number, number, number, number];
  /** Whether some of the field falls on padding (outside the image). */
  onPadding: boolean;
}

/** Where the field of `cell` (row, col) lies for a tap with field `rf` over an image of `image` [h, w]. */
export function cellField(rf: ReceptiveField, cell: Pair, image: Pair): CellField {
  const axis = (i: 0 | 1) => {
    const centre = rf.start[i] + cell[i] * rf.stride[i];
    const half = (rf.size[i] - 1) / 2;
    return { centre, start: centre - half, end: centre + half };
  };
  const y = axis(0);
  const x = axis(1);
  const clip = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  const inside: CellField['inside'] = [
    clip(Math.ceil(y.start), image[0]),
    clip(Math.floor(y.end), image[0]),
    clip(Math.ceil(x.start), image[1]),
    clip(Math.floor(x.end), image[1])
  ];
  const onPadding = y.start < 0 || x.start < 0 || y.end > image[0] - 1 || x.end > image[1] - 1;
  return {
    size: rf.size,
    stride: rf.stride,
    centre: [y.centre, x.centre],
    start: [y.start, x.start],
    end: [y.end, x.end],
    inside,
    onPadding
  };
}

/** The middle cell of an h x w map (the default pick): row floor(h/2), column floor(w/2). */
export function centreCell(h: number, w: number): Pair {
  return [Math.floor(h / 2), Math.floor(w / 2)];
}

/** The node the gradient is taken with respect to: the tensor the backbone reads (build.ts's `image`). */
export function imageNode(graph: Graph): string {
  return graph.nodes.find((n) => n.op === 'padto')?.id ?? graph.nodes[0].id;
}

export interface ErfTap {
  tap: string;
  node: string;
  rf: ReceptiveField;
  /** The tap's output [h, w]. */
  grid: Pair;
}

/**
 * Taps whose cells have a fixed field (not after a RoIAlign, where a region's field depends on its
 * box) and a spatial grid, in the registry's order.
 */
export function erfTaps(graph: Graph, result: InferResult): ErfTap[] {
  return orderedTaps(graph.taps).flatMap((tap) => {
    const node = graph.taps[tap];
    const st = result.stats.get(node);
    if (!st?.rf || !st.shape || st.shape[2] < 1 || st.shape[3] < 1) return [];
    return [{ tap, node, rf: st.rf, grid: [st.shape[2], st.shape[3]] as Pair }];
  });
}
