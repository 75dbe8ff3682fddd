/**
 * Keeps page state and the address bar in step. Pages are prerendered, so the query is read on the
 * client after hydration. Discrete changes push a history entry; a slider drag pushes one entry when
 * it starts and then replaces it, so Back returns to where the drag began.
 */
import { onMount } from 'svelte';
import { pushState, replaceState } from '$app/navigation';
import type { Explorer } from './explorer.svelte';
import { type Route, withQuery } from './paths';
import type { UrlProblem } from './url';

export interface QuerySource {
  route: Route;
  /** The current state as a query string (no '?'); read inside an effect, so it must be reactive. */
  query: () => string;
  /** Applies a query string from the address bar; returns what could not apply. */
  load: (search: string) => UrlProblem[];
  dragging: () => boolean;
}

export function syncQuery(source: QuerySource, onproblems: (p: UrlProblem[]) => void): void {
  let ready = false;
  let written = '';
  let dragEntry = false;

  const load = () => {
    onproblems(source.load(location.search));
    written = source.query();
  };

  onMount(() => {
    if (location.search) load();
    else written = source.query();
    ready = true;
    addEventListener('popstate', load);
    return () => removeEventListener('popstate', load);
  });

  $effect(() => {
    const q = source.query();
    if (!ready || q === written) return;
    written = q;
    const dragging = source.dragging();
    if (dragging && dragEntry) replaceState(withQuery(source.route, q), {});
    else pushState(withQuery(source.route, q), {});
    dragEntry = dragging;
  });
}

export function syncWithUrl(explorer: Explorer, onproblems: (p: UrlProblem[]) => void): void {
  syncQuery(
    {
      route: '/',
      query: () => explorer.query,
      load: (s) => explorer.loadQuery(s),
      dragging: () => explorer.dragging
    },
    onproblems
  );
}
