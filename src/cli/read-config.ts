/** `--from FILE`: a config file's text, refusing anything over the import's size limit unread. */
import { readFileSync, statSync } from 'node:fs';
import { MAX_FILE_BYTES, tooLarge } from '../lib/import';
import { quoteInput } from '../lib/quote-input';

export type ReadConfig = (path: string) => { ok: true; text: string } | { ok: false; message: string };

export const readConfigFile: ReadConfig = (path) => {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { ok: false, message: `--from ${quoteInput(path)} is not a file` };
    const big = stat.size > MAX_FILE_BYTES ? tooLarge(path, stat.size) : null;
    if (big) return { ok: false, message: big };
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    return { ok: false, message: `--from ${quoteInput(path)}: ${why}` };
  }
};
