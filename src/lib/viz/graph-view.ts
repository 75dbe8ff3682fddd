/**
 * Zoom arithmetic of the layer graph, without a DOM: the readable fit, the area's height, centring on
 * a box, the part on screen (the minimap's outline) and which wheel events zoom. A view is d3-zoom's
 * transform: screen = graph × k + (x, y). Also the minimap's keyboard panning.
 */

/**
 * The fit never draws the graph smaller than this: its 11 px labels stay at 8.8 px or more. A graph
 * wider than that pans sideways instead (the minimap shows where), and a taller one scrolls or pans.
 */
export const MIN_SCALE = 0.8;
const PAD = 8;

export interface Size {
  width: number;
  height: number;
}

export interface View {
  x: number;
  y: number;
  k: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The fit's scale: the whole width (in full screen also the whole height) where that stays readable,
 * otherwise MIN_SCALE; never enlarged past 1.
 */
export function fitScale(graph: Size, area: Size, wholeHeight: boolean): number {
  const kw = (area.width - 2 * PAD) / graph.width;
  const kh = wholeHeight ? (area.height - 2 * PAD) / graph.height : Infinity;
  return Math.max(MIN_SCALE, Math.min(1, kw, kh));
}

/** The fitted view: centred along each axis where the graph fits, else starting at its edge. */
export function fitView(graph: Size, area: Size, wholeHeight: boolean): View {
  const k = fitScale(graph, area, wholeHeight);
  const place = (inner: number, outer: number) => (inner + 2 * PAD <= outer ? (outer - inner) / 2 : PAD);
  return { x: place(graph.width * k, area.width), y: place(graph.height * k, area.height), k };
}

/** Height of the graph's area on the page: the graph at the fit's scale, between 220 px and `max`. */
export function areaHeight(graph: Size, width: number, max: number): number {
  const k = fitScale(graph, { width, height: 0 }, false);
  return Math.round(Math.min(max, Math.max(220, graph.height * k + 2 * PAD)));
}

/** The view that puts the middle of `box` in the middle of the area at scale k. */
export function centreOn(box: Rect, area: Size, k: number): View {
  return { x: area.width / 2 - (box.x + box.w / 2) * k, y: area.height / 2 - (box.y + box.h / 2) * k, k };
}

/** The part of the graph on screen, in graph coordinates. */
export function visibleRect(view: View, area: Size): Rect {
  return { x: -view.x / view.k, y: -view.y / view.k, w: area.width / view.k, h: area.height / view.k };
}

/** True when some of the graph lies outside the area (then the minimap is worth its corner). */
export function offScreen(graph: Size, view: View, area: Size): boolean {
  const r = visibleRect(view, area);
  const eps = 1 / view.k;
  return r.x > eps || r.y > eps || r.x + r.w < graph.width - eps || r.y + r.h < graph.height - eps;
}

/** Scale of a minimap that shows the whole graph within `box`. */
export function minimapScale(graph: Size, box: Size): number {
  return Math.min(box.width / graph.width, box.height / graph.height);
}

/** A minimap arrow key pans the view this far on screen; with Shift, most of the area (a page). */
export const PAN_STEP = 60;
const PAGE = 0.8;

/**
 * The minimap's keys: an arrow moves the part on screen that way by PAN_STEP (Shift: 80% of the area
 * along that axis), as a drag on the minimap would; Home returns to the fitted start. `dx`, `dy` are
 * the change of the view's translation (moving right shows what lies right: x decreases).
 */
export function minimapKey(
  ev: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  area: Size
): { dx: number; dy: number } | 'home' | null {
  if (ev.key === 'Home') return 'home';
  const x = ev.shiftKey ? area.width * PAGE : PAN_STEP;
  const y = ev.shiftKey ? area.height * PAGE : PAN_STEP;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [x, 0],
    ArrowRight: [-x, 0],
    ArrowUp: [0, y],
    ArrowDown: [0, -y]
  };
  const m = moves[ev.key];
  return m ? { dx: m[0], dy: m[1] } : null;
}

/**
 * The view translated by (dx, dy), kept where some of the graph stays on screen: along an axis where
 * the graph is wider than the area, its edge stops PAD inside the area's edge; where it fits, the
 * translation stays as it was.
 */
export function panBy(view: View, dx: number, dy: number, graph: Size, area: Size): View {
  // A view already dragged past a limit may move back, never further out.
  const clamp = (t: number, d: number, inner: number, outer: number) => {
    if (inner + 2 * PAD <= outer) return t;
    return Math.min(Math.max(t, PAD), Math.max(Math.min(t, outer - PAD - inner), t + d));
  };
  return {
    x: clamp(view.x, dx, graph.width * view.k, area.width),
    y: clamp(view.y, dy, graph.height * view.k, area.height),
    k: view.k
  };
}

type ZoomEvent = Pick<MouseEvent, 'type' | 'ctrlKey' | 'metaKey'> & {
  button?: number;
  touches?: { length: number };
};

/**
 * Which events d3-zoom may act on. The wheel zooms only with Ctrl or Cmd (a trackpad pinch arrives as
 * a Ctrl+wheel), so a plain wheel scrolls the page; a touch pans or pinches with two fingers, one
 * finger scrolls the page (in full screen, where there is no page to scroll, one finger pans).
 * A double click opens a group, it never zooms.
 */
export function zoomsOn(ev: ZoomEvent, fullscreen: boolean): boolean {
  if (ev.type === 'wheel') return ev.ctrlKey || ev.metaKey;
  if (ev.type === 'dblclick') return false;
  if (ev.type.startsWith('touch')) return fullscreen || (ev.touches?.length ?? 0) >= 2;
  return !ev.ctrlKey && !ev.button;
}

/**
 * Zoom per wheel event, as d3's default (2^delta) but gentler for a mouse: a Ctrl+wheel notch
 * (deltaY 100) zooms 1.15×, where d3's tenfold Ctrl boost, meant for a pinch's small deltas, gives 4×.
 */
export function wheelDelta(ev: Pick<WheelEvent, 'deltaY' | 'deltaMode' | 'ctrlKey'>): number {
  const unit = ev.deltaMode === 1 ? 0.05 : ev.deltaMode ? 1 : 0.002;
  const pinch = ev.ctrlKey && Math.abs(ev.deltaY) < 50 ? 10 : 1;
  return -ev.deltaY * unit * pinch;
}
