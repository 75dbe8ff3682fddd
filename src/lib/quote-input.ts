/**
 * The one way a message echoes text the user typed (a CLI argument, a URL parameter, a config
 * value): in double quotes, with anything a terminal or a page would act on or hide written out
 * visibly, and cut after about QUOTE_MAX characters. So `--set $'depth=\e[31mRED'` cannot recolour
 * the terminal, a newline cannot split an error into two lines, and a 10,000-item list cannot make
 * a 49,000-character line.
 */

/** Visible characters of the quoted text before it is cut. */
export const QUOTE_MAX = 60;

// Control (Cc: C0, DEL and C1, which holds the 8-bit CSI 0x9b), format (Cf: bidi overrides,
// zero-width characters), lone surrogates, private-use and unassigned code points, line and
// paragraph separators; plus the quote and the backslash, so an escape in the text stays readable.
const NEEDS_ESCAPE = /[\p{C}\p{Zl}\p{Zp}"\\]/u;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

function escapeChar(ch: string): string {
  if (!NEEDS_ESCAPE.test(ch)) return ch;
  if (SHORT[ch]) return SHORT[ch];
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
}

/**
 * `"text"`, escaped; longer text is cut to its first QUOTE_MAX visible characters, marked with an
 * ellipsis and followed by the full length, e.g. `"1,1,1,...…" (19,999 characters)`.
 */
export function quoteInput(raw: string): string {
  let out = '';
  let count = 0;
  let cut = false;
  // By code point, so an emoji is never split into two halves of a surrogate pair.
  for (const ch of raw) {
    count++;
    if (cut) continue;
    const piece = escapeChar(ch);
    if (out.length + piece.length > QUOTE_MAX) cut = true;
    else out += piece;
  }
  return cut ? `"${out}…" (${count.toLocaleString('en-US')} characters)` : `"${out}"`;
}
