/**
 * "Export > safetensors keys" and `archscope --emit keys`: the state_dict keys and PyTorch-layout
 * shapes the weight loader expects for this configuration (weights/check.ts expectedTensors, the list
 * the loader itself checks a file against), as JSON: write a .safetensors file with exactly these
 * tensors and it loads (docs/weights.md).
 */
import type { Analysis } from '../models/analyze';
import { expectedTensors } from '../weights/check';
import { unsupportedReason } from '../weights/torchvision-keys';
import { completeStats } from './probe';
import { type ExportSource, cliCommand, permalink } from './source';

/** Why the configuration has no key list (no torchvision layout), or null when it has one. */
export const keyListUnavailable = (a: Analysis): string | null => unsupportedReason(a.model.config);

export function toKeyList(a: Analysis, src: ExportSource): string {
  const reason = keyListUnavailable(a);
  if (reason) throw new Error(reason);
  const { layout, tensors } = expectedTensors(a.model, completeStats(a));
  const head = {
    permalink: permalink(src),
    cli: cliCommand(src, 'keys'),
    about:
      "The tensors ArchScope's weight loader reads for this configuration: state_dict keys and PyTorch-layout shapes " +
      '(docs/weights.md). Stored as F32 (F16, BF16 and F64 are converted on load); num_batches_tracked counters are ' +
      "ignored; a prefix in front of the keys (DataParallel's module.) is found from the stem conv's key.",
    bodyPrefix: layout.bodyPrefix,
    ...(layout.ignoredPrefixes.length ? { ignoredPrefixes: layout.ignoredPrefixes } : {}),
    count: tensors.length
  };
  // One tensor per line (`"conv1.weight": [64, 3, 7, 7]`), so the list reads and diffs like a table.
  const keys = tensors.map(
    (t) => `    ${JSON.stringify(t.key)}: ${JSON.stringify(t.shape).replace(/,/g, ', ')}`
  );
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "keys": {\n${keys.join(',\n')}\n  }\n}\n`;
}
