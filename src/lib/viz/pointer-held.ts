/**
 * Whether a pointer button is held anywhere on the page (a slider being dragged), and callbacks for its
 * release. Off-screen views wait for the release instead of the "slider rests" timer: a hand's drag can
 * pause longer than that timer between ticks (the bench drags Mask R-CNN's Height slider; with a timer
 * alone the graph, charts and anchors below the fold re-rendered on most ticks).
 */
let held = false;
let installed = false;
const waiting = new Set<() => void>();

function install() {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const opts = { capture: true, passive: true } as const;
  window.addEventListener('pointerdown', () => (held = true), opts);
  const release = () => {
    held = false;
    const now = [...waiting];
    waiting.clear();
    for (const f of now) f();
  };
  window.addEventListener('pointerup', release, opts);
  window.addEventListener('pointercancel', release, opts);
  // A release outside the window can be missed: losing focus ends the hold too.
  window.addEventListener('blur', release, opts);
}

// At import, not on first use: the first use comes from a timer after the drag's pointerdown.
install();

export function pointerHeld(): boolean {
  return held;
}

/** Calls f once when the held pointer is released; returns a function that cancels it. */
export function onPointerRelease(f: () => void): () => void {
  waiting.add(f);
  return () => waiting.delete(f);
}
