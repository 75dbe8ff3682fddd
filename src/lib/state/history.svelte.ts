/**
 * Keeps page state and the address bar in step. Pages are prerendered, so the query is read on the
 * client after hydration. Discrete changes push a history entry; a slider drag pushes one entry and
 * then replaces it, at most every DRAG_WRITE_MS and once more on release, so Back returns to where the
 * drag began and the address bar costs nothing on most drag ticks. A change of the selection alone
 * replaces the entry: Back goes to the previous configuration, not through every click.
 */
import { onMount } from 'svelte';
import { pushState, replaceState } from '$app/navigation';
import type { Explorer } from './explorer.svelte';
import { type Route, withQuery } from './paths';
import { type UrlProblem, withoutSelection } from './url';

export interface QuerySource {
  route: Route;
  /** The current state as a query string (no '?'); read inside an effect, so it must be reactive. */
  query: () => string;
  /** Applies a query string from the address bar; returns what could not apply. */
  load: (search: string) => UrlProblem[];
  dragging: () => boolean;
}

/** A drag writes the address bar at most this often (SvelteKit's replaceState costs ~5 ms a call). */
const DRAG_WRITE_MS = 250;

export function syncQuery(source: QuerySource, onproblems: (p: UrlProblem[]) => void): void {
  let ready = false;
  let written = '';
  // The drag's own history entry has been pushed; later ticks of the same drag replace it.
  let dragEntry = false;
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const writeDrag = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === null) return;
    const url = withQuery(source.route, pending);
    pending = null;
    if (dragEntry) replaceState(url, {});
    else pushState(url, {});
    dragEntry = true;
  };
  // Pointer release writes the drag's last state at once and closes its entry, so the next drag gets
  // an entry of its own. A change event (also fired by each keyboard step) writes without closing, so
  // arrow-key steps share one entry as before.
  const release = () => {
    writeDrag();
    dragEntry = false;
  };
  const load = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = null;
    dragEntry = false;
    onproblems(source.load(location.search));
    written = source.query();
  };

  onMount(() => {
    if (location.search) load();
    else written = source.query();
    ready = true;
    addEventListener('popstate', load);
    addEventListener('pointerup', release, true);
    addEventListener('change', writeDrag, true);
    return () => {
      clearTimeout(timer);
      removeEventListener('popstate', load);
      removeEventListener('pointerup', release, true);
      removeEventListener('change', writeDrag, true);
    };
  });

  $effect(() => {
    const q = source.query();
    if (!ready || q === written) return;
    const selectionOnly = withoutSelection(q) === withoutSelection(written);
    written = q;
    if (source.dragging()) {
      pending = q;
      timer ??= setTimeout(writeDrag, DRAG_WRITE_MS);
      return;
    }
    release();
    if (selectionOnly) replaceState(withQuery(source.route, q), {});
    else pushState(withQuery(source.route, q), {});
  });
}

export function syncWithUrl(explorer: Explorer, onproblems: (p: UrlProblem[]) => void): void {
  syncQuery(
    {
      route: '/',
      query: () => explorer.permalink,
      load: (s) => explorer.loadQuery(s),
      dragging: () => explorer.dragging
    },
    onproblems
  );
}
