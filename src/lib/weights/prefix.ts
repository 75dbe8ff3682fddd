/**
 * How a checkpoint's keys relate to our canonical ones. People save different sub-modules:
 * `model.state_dict()` of Faster R-CNN gives `backbone.body.conv1.weight`, `model.backbone.state_dict()`
 * gives `body.conv1.weight`, DataParallel adds `module.`, and a classifier's body saved alone has no
 * prefix at all. The stem conv (`conv1.weight`, or `stem.0.weight` for a deep stem) anchors the guess.
 */

export interface KeyPrefix {
  /** Prefix the checkpoint has in front of the canonical names (e.g. 'module.'). */
  outer: string;
  /** Leading part of the canonical names the checkpoint lacks (e.g. 'backbone.' for `body.conv1.weight`). */
  stripped: string;
}

/** Where `stemKey` sits in the checkpoint: the shortest prefix P with P + stemKey present, outside layerN. */
function findBodyPrefix(keys: Iterable<string>, stemKey: string): string | null {
  let best: string | null = null;
  for (const k of keys) {
    if (!k.endsWith(stemKey)) continue;
    const p = k.slice(0, k.length - stemKey.length);
    if (p !== '' && !p.endsWith('.')) continue;
    if (/(^|\.)layer\d+\.\d+\.$/.test(p)) continue;
    if (best === null || p.length < best.length) best = p;
  }
  return best;
}

/**
 * Splits the checkpoint's body prefix P against the canonical one C on dot boundaries: the longest tail
 * of C that P ends with is shared; the rest of C is what the checkpoint lacks, the rest of P is extra.
 */
export function detectPrefix(
  keys: Iterable<string>,
  stemKey: string,
  canonicalBody: string
): KeyPrefix | null {
  const p = findBodyPrefix(keys, stemKey);
  if (p === null) return null;
  const parts = canonicalBody.split('.').filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const tail = parts
      .slice(i)
      .map((s) => `${s}.`)
      .join('');
    if (p.endsWith(tail)) {
      return {
        outer: p.slice(0, p.length - tail.length),
        stripped: parts
          .slice(0, i)
          .map((s) => `${s}.`)
          .join('')
      };
    }
  }
  return { outer: p, stripped: canonicalBody };
}

/** The checkpoint's name for a canonical key. */
export function toCheckpointKey(canonical: string, prefix: KeyPrefix): string {
  const rest = canonical.startsWith(prefix.stripped) ? canonical.slice(prefix.stripped.length) : canonical;
  return prefix.outer + rest;
}
