/**
 * Keeps an Explorer and the address bar in step. The page is prerendered, so the query is read on the
 * client after hydration. Discrete changes push a history entry; a slider drag pushes one entry when
 * it starts and then replaces it, so Back returns to the size before the drag.
 */
import { onMount } from 'svelte';
import { pushState, replaceState } from '$app/navigation';
import type { Explorer } from './explorer.svelte';
import type { UrlProblem } from './url';

export function syncWithUrl(explorer: Explorer, onproblems: (p: UrlProblem[]) => void): void {
  let ready = false;
  let written = '';
  let dragEntry = false;

  const load = () => {
    onproblems(explorer.loadQuery(location.search));
    written = explorer.query;
  };

  onMount(() => {
    if (location.search) load();
    else written = explorer.query;
    ready = true;
    addEventListener('popstate', load);
    return () => removeEventListener('popstate', load);
  });

  $effect(() => {
    const q = explorer.query;
    if (!ready || q === written) return;
    written = q;
    if (explorer.dragging && dragEntry) replaceState(`?${q}`, {});
    else pushState(`?${q}`, {});
    dragEntry = explorer.dragging;
  });
}
