/**
 * What the four diagrams share. Each is a `Diagram`, as Observable Plot's marks share one contract:
 * `layout` turns its input (the analysis and the view's own choices) into plain data, pure and tested
 * without a DOM, and `render` draws that data into the SVG with keyed d3 joins (the anchors view draws
 * its few elements with Svelte markup instead). Each component keeps its state in a `DiagramView` and
 * its markup in `DiagramFrame.svelte`.
 */
import type { Analysis } from '../models/analyze';
import { WhenVisible } from './when-visible.svelte';

export interface Diagram<Input, Layout, Draw> {
  layout(input: Input): Layout;
  render(target: SVGElement, layout: Layout, draw: Draw): void;
}

/** The props every diagram component takes. */
export interface DiagramProps {
  analysis: Analysis;
  selected?: string | null;
  onselect?: (id: string) => void;
  /** File-name part of exports; defaults to the preset the config equals, else 'custom'. */
  name?: string;
}

/**
 * A diagram's elements and its input. Scrolled away, the input waits until the diagram is seen or the
 * slider rests (when-visible.svelte.ts), so an off-screen diagram costs nothing per tick.
 */
export class DiagramView<T> {
  svg = $state<SVGSVGElement>();
  wrap = $state<HTMLDivElement>();
  #gate: WhenVisible<T>;

  constructor(source: () => T) {
    this.#gate = new WhenVisible(source, () => this.wrap);
  }

  get current(): T {
    return this.#gate.current;
  }
}
