/**
 * Dropped or picked files -> the import's input. A file over the size limit is refused by its size
 * before any of it is read, so a 10 MB weights file dropped by mistake costs nothing.
 */
import type { ConfigFile } from '$lib/import';
import { tooLarge } from '$lib/import/limits';

export async function readFiles(files: File[]): Promise<{ files: ConfigFile[]; errors: string[] }> {
  const out: ConfigFile[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const big = tooLarge(f.name, f.size);
    if (big) errors.push(big);
    else out.push({ name: f.name, text: await f.text() });
  }
  return { files: out, errors };
}
