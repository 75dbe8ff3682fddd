/**
 * Brings the details panel into view: a link far above it (a diagnostic's) selected a node. Its own
 * module, so the summary strip can call it while the panel's code is still a deferred chunk.
 */
export function revealDetails(): void {
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  document
    .querySelector('[data-testid="details"]')
    ?.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
}
