/** Hover tooltips of the diagrams: text lines placed under (or, in the lower half, over) a box. */
export interface Tip {
  lines: string[];
  x: number;
  y: number;
  /** Set when the tip opens upwards: the bottom edge's offset from the top of the diagram. */
  above: number | null;
}

/** Places a tip of at most `width` px beside `anchor`, inside `wrap`, `gap` px below it. */
export function placeTip(anchor: Element, wrap: Element, lines: string[], width: number, gap: number): Tip {
  const r = anchor.getBoundingClientRect();
  const base = wrap.getBoundingClientRect();
  return {
    lines,
    x: Math.min(r.left - base.left, base.width - width),
    y: r.bottom - base.top + gap,
    // In the lower half, open upwards so the tooltip stays inside the diagram.
    above: r.top - base.top > base.height / 2 ? r.top - base.top - 6 : null
  };
}
