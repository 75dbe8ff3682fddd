/**
 * A value that follows its source at most once every `ms` (the first change at once, the last one
 * after the wait), for outputs that are slow to write and need not follow every slider tick:
 * document.title costs ~2.5 ms a write in Chromium, a tenth of a frame.
 */
import { untrack } from 'svelte';

export class Throttled<T> {
  #value: T = $state.raw() as T;
  #last = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #next: T;

  constructor(source: () => T, ms: number) {
    this.#value = this.#next = untrack(source);
    $effect(() => {
      const value = source();
      this.#next = value;
      const wait = this.#last + ms - performance.now();
      if (wait <= 0 && this.#timer === undefined) this.#set(value);
      // One timer per wait, writing whatever is newest when it fires (clearing a timer per tick costs).
      else
        this.#timer ??= setTimeout(
          () => {
            this.#timer = undefined;
            this.#set(this.#next);
          },
          Math.max(0, wait)
        );
    });
    $effect(() => () => clearTimeout(this.#timer));
  }

  get current(): T {
    return this.#value;
  }

  #set(value: T) {
    this.#last = performance.now();
    this.#value = value;
  }
}
