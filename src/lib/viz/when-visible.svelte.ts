/**
 * A value that follows its source at once while an element is on screen, and otherwise catches up
 * when the element scrolls into view, when the source has been still for a moment, or, during a drag, when
 * the pointer is released (pointer-held.ts). A diagram fed
 * through it costs nothing per slider tick while it is scrolled away (ResNet-152 + FPN: the charts,
 * graph, anchors and table below the fold were most of a 45 ms tick), yet it is never stale for long:
 * tests and screen readers that look at it without scrolling see the new numbers after IDLE_MS.
 */
import { untrack } from 'svelte';
import { onPointerRelease, pointerHeld } from './pointer-held';

const IDLE_MS = 150;

export class WhenVisible<T> {
  #shown: T = $state.raw() as T;
  // Until the observer reports, the element counts as visible, so the first render is never deferred.
  #visible = true;
  #pending: { value: T } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #changed = 0;
  // Set while the view waits for a held pointer's release (a drag) rather than for the idle timer.
  #cancelRelease: (() => void) | undefined;

  constructor(source: () => T, element: () => Element | undefined | null) {
    this.#shown = untrack(source);

    $effect(() => {
      const value = source();
      if (this.#visible) return this.#show(value);
      this.#pending = { value };
      this.#changed = performance.now();
      this.#arm(IDLE_MS);
    });

    $effect(() => {
      const el = element();
      if (!el || typeof IntersectionObserver === 'undefined') return;
      const io = new IntersectionObserver(
        (entries) => {
          this.#visible = entries[entries.length - 1].isIntersecting;
          if (this.#visible) this.#flush();
        },
        { rootMargin: '40px 0px' }
      );
      io.observe(el);
      return () => {
        io.disconnect();
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#cancelRelease?.();
        this.#cancelRelease = undefined;
      };
    });
  }

  get current(): T {
    return this.#shown;
  }

  // One timer per quiet spell, re-armed for the remainder when it fires early: clearTimeout and
  // setTimeout on every tick cost Chromium ~0.25 ms a pair, per view.
  #arm(ms: number) {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const left = this.#changed + IDLE_MS - performance.now();
      if (left > 1) this.#arm(left);
      else if (pointerHeld()) this.#cancelRelease ??= onPointerRelease(() => this.#release());
      else this.#flush();
    }, ms);
  }

  #show(value: T) {
    this.#pending = null;
    this.#shown = value;
  }

  #release() {
    this.#cancelRelease = undefined;
    this.#flush();
  }

  #flush() {
    if (this.#pending) this.#show(this.#pending.value);
  }
}
