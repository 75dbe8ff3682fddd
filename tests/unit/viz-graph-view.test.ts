import { describe, expect, it } from 'vitest';
import {
  MIN_SCALE,
  areaHeight,
  centreOn,
  fitScale,
  fitView,
  PAN_STEP,
  minimapKey,
  offScreen,
  panBy,
  visibleRect,
  wheelDelta,
  zoomsOn
} from '../../src/lib/viz/graph-view';
import { pngScale } from '../../src/lib/viz/export-image';

// Hand calculations; the fit keeps an 8 px margin on each side.
describe('readable fit', () => {
  it('fits the width, never below the readable scale nor above 1', () => {
    expect(MIN_SCALE).toBe(0.8); // 11 px labels at 8.8 px
    expect(fitScale({ width: 1000, height: 300 }, { width: 916, height: 0 }, false)).toBeCloseTo(0.9);
    expect(fitScale({ width: 1000, height: 300 }, { width: 516, height: 0 }, false)).toBe(0.8);
    expect(fitScale({ width: 1000, height: 300 }, { width: 2016, height: 0 }, false)).toBe(1);
    // Full screen also fits the height: (366 - 16) / 500 = 0.7, held at 0.8.
    expect(fitScale({ width: 1000, height: 500 }, { width: 1216, height: 366 }, true)).toBe(0.8);
    expect(fitScale({ width: 1000, height: 500 }, { width: 1216, height: 466 }, true)).toBeCloseTo(0.9);
  });

  it('centres a graph that fits and starts a wider one at its edge', () => {
    expect(fitView({ width: 1000, height: 200 }, { width: 1216, height: 400 }, true)).toEqual({
      x: 108,
      y: 100,
      k: 1
    });
    // 2000 px at 0.8 is 1600 px, wider than 916: starts at the margin, still centred vertically.
    expect(fitView({ width: 2000, height: 200 }, { width: 916, height: 400 }, false)).toEqual({
      x: 8,
      y: 120,
      k: 0.8
    });
  });

  it('makes the area as tall as the fitted graph, within 220 px and the maximum', () => {
    expect(areaHeight({ width: 1000, height: 582 }, 916, 800)).toBe(540); // 582 x 0.9 + 16
    expect(areaHeight({ width: 1000, height: 582 }, 916, 400)).toBe(400);
    expect(areaHeight({ width: 1000, height: 100 }, 916, 800)).toBe(220);
  });
});

describe('pan, zoom and the minimap', () => {
  it('centres a box and reports the part on screen', () => {
    const v = centreOn({ x: 100, y: 50, w: 40, h: 20 }, { width: 400, height: 200 }, 2);
    expect(v).toEqual({ x: -40, y: -20, k: 2 });
    expect(visibleRect(v, { width: 400, height: 200 })).toEqual({ x: 20, y: 10, w: 200, h: 100 });
  });

  it('says when part of the graph is off screen', () => {
    const g = { width: 1000, height: 200 };
    const area = { width: 1216, height: 400 };
    expect(offScreen(g, fitView(g, area, false), area)).toBe(false);
    expect(offScreen(g, { x: 108, y: 100, k: 1.5 }, area)).toBe(true);
    expect(offScreen(g, { x: -50, y: 100, k: 1 }, area)).toBe(true);
  });

  it('zooms on Ctrl/Cmd+wheel and two-finger touches only; one finger pans in full screen', () => {
    const ev = (type: string, o: Partial<{ ctrlKey: boolean; metaKey: boolean; button: number }> = {}) => ({
      type,
      ctrlKey: false,
      metaKey: false,
      ...o
    });
    expect(zoomsOn(ev('wheel'), false)).toBe(false);
    expect(zoomsOn(ev('wheel'), true)).toBe(false);
    expect(zoomsOn(ev('wheel', { ctrlKey: true }), false)).toBe(true);
    expect(zoomsOn(ev('wheel', { metaKey: true }), false)).toBe(true);
    expect(zoomsOn({ ...ev('touchstart'), touches: { length: 1 } }, false)).toBe(false);
    expect(zoomsOn({ ...ev('touchstart'), touches: { length: 2 } }, false)).toBe(true);
    expect(zoomsOn({ ...ev('touchstart'), touches: { length: 1 } }, true)).toBe(true);
    expect(zoomsOn(ev('mousedown', { button: 0 }), false)).toBe(true);
    expect(zoomsOn(ev('mousedown', { button: 2 }), false)).toBe(false);
    expect(zoomsOn(ev('mousedown', { ctrlKey: true }), false)).toBe(false);
    expect(zoomsOn(ev('dblclick'), false)).toBe(false);
  });

  it('zooms 2^0.2 (1.15x) per Ctrl+wheel notch and keeps a pinch as responsive as d3 makes it', () => {
    // A notch: deltaY 100 px. d3's default would be 2^(100 x 0.002 x 10) = 4x.
    expect(2 ** wheelDelta({ deltaY: 100, deltaMode: 0, ctrlKey: true })).toBeCloseTo(0.8706, 4);
    expect(2 ** wheelDelta({ deltaY: -100, deltaMode: 0, ctrlKey: true })).toBeCloseTo(1.1487, 4);
    // A pinch step of 5 px: 5 x 0.002 x 10 = 0.1, as in d3.
    expect(wheelDelta({ deltaY: -5, deltaMode: 0, ctrlKey: true })).toBeCloseTo(0.1);
  });
});

describe('PNG size', () => {
  it('draws at 2x unless the canvas limits (16384 px a side, 64 M pixels) need less', () => {
    expect(pngScale(1110, 582)).toBe(2);
    expect(pngScale(20000, 500)).toBeCloseTo(0.8192); // 16384 / 20000
    expect(pngScale(10000, 10000)).toBeCloseTo(0.8); // sqrt(64e6 / 1e8)
  });
});

// Hand calculations: an area of 900 x 400, a step of 60 px, Shift: 80% of the axis (720 or 320 px).
describe('minimap keys', () => {
  const area = { width: 900, height: 400 };
  it('arrows move the part on screen that way: the translation the opposite way', () => {
    expect(PAN_STEP).toBe(60);
    expect(minimapKey({ key: 'ArrowRight', shiftKey: false }, area)).toEqual({ dx: -60, dy: 0 });
    expect(minimapKey({ key: 'ArrowLeft', shiftKey: false }, area)).toEqual({ dx: 60, dy: 0 });
    expect(minimapKey({ key: 'ArrowDown', shiftKey: false }, area)).toEqual({ dx: 0, dy: -60 });
    expect(minimapKey({ key: 'ArrowUp', shiftKey: true }, area)).toEqual({ dx: 0, dy: 320 });
    expect(minimapKey({ key: 'ArrowRight', shiftKey: true }, area)).toEqual({ dx: -720, dy: 0 });
    expect(minimapKey({ key: 'Home', shiftKey: false }, area)).toBe('home');
    expect(minimapKey({ key: 'a', shiftKey: false }, area)).toBeNull();
  });

  it('panning stops with the graph edge 8 px inside the area, and leaves an axis that fits alone', () => {
    // A 2000 x 300 graph at k = 1: x ranges from 8 down to 900 - 8 - 2000 = -1108; 300 + 16 <= 400 fits.
    const graph = { width: 2000, height: 300 };
    expect(panBy({ x: 8, y: 50, k: 1 }, -720, -60, graph, area)).toEqual({ x: -712, y: 50, k: 1 });
    expect(panBy({ x: -712, y: 50, k: 1 }, -720, 0, graph, area)).toEqual({ x: -1108, y: 50, k: 1 });
    expect(panBy({ x: 8, y: 50, k: 1 }, 60, 0, graph, area)).toEqual({ x: 8, y: 50, k: 1 });
    // At k = 0.5 the graph is 1000 px wide: the far limit is 900 - 8 - 1000 = -108.
    expect(panBy({ x: 0, y: 0, k: 0.5 }, -720, 0, graph, area).x).toBe(-108);
    // Dragged past the start (x = 200): a key may bring it back, not further out.
    expect(panBy({ x: 200, y: 50, k: 1 }, 60, 0, graph, area).x).toBe(200);
    expect(panBy({ x: 200, y: 50, k: 1 }, -60, 0, graph, area).x).toBe(140);
  });
});
