/**
 * One hue per stage, as CSS custom properties so light and dark schemes (viz.css) can differ and the
 * SVG export can inline the resolved colours.
 */
import { STAGE_TAPS, tapFamily } from '../models/taps';

const STAGE_KEYS = ['input', 'stem', ...STAGE_TAPS, 'neck', 'ppm', 'head', 'roi', 'aux'] as const;
type StageKey = (typeof STAGE_KEYS)[number];

/** The stage whose colour a node id (its top-level group) or a tap name (its stage) takes. */
function colourKey(idOrTap: string): StageKey {
  const top = idOrTap.split('/')[0];
  if (top === 'transform') return 'input';
  const stage = tapFamily(top)?.stage(top) ?? top;
  // The RoI heads run per region: their own hue, so the branch reads apart from the dense heads.
  if (stage === 'roi_heads') return 'roi';
  return (STAGE_KEYS as readonly string[]).includes(stage) ? (stage as StageKey) : 'head';
}

// Diagrams ask for every box's colour on every slider tick; the answer depends on the top-level name only.
const colours = new Map<string, string>();

export function stageColor(idOrTap: string): string {
  const top = idOrTap.split('/')[0];
  let c = colours.get(top);
  if (!c) {
    c = `var(--as-${colourKey(top)})`;
    colours.set(top, c);
  }
  return c;
}
