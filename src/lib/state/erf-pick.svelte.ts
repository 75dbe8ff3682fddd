/**
 * A cell picked in the anchors view, for the receptive-field view to draw. Both views are fetched after
 * the explorer starts, so they share this instead of passing it through the page (whose own code is
 * what its first load counts).
 */
export const erfPick = $state<{ current: { tap: string; cell: [number, number] } | null }>({ current: null });
