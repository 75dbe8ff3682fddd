/**
 * One hue per stage, as CSS custom properties so light and dark schemes (viz.css) can differ and the
 * SVG export can inline the resolved colours.
 */
const STAGE_KEYS = ['input', 'stem', 'C2', 'C3', 'C4', 'C5', 'neck', 'ppm', 'head', 'aux'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

/** The stage a node id or tap name belongs to (its colour). */
export function stageOf(idOrTap: string): StageKey {
  const top = idOrTap.split('/')[0];
  if (top === 'C1') return 'stem';
  if (/^P\d$/.test(top)) return 'neck';
  if (top.startsWith('ppm')) return 'ppm';
  if (top === 'cls' || top === 'out' || top === 'logits') return 'head';
  return (STAGE_KEYS as readonly string[]).includes(top) ? (top as StageKey) : 'head';
}

export function stageColor(idOrTap: string): string {
  return `var(--as-${stageOf(idOrTap)})`;
}
