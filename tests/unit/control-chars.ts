/** Whether text holds a character a terminal acts on: C0 (ESC, CR, LF...), DEL or C1 (8-bit CSI). */
export function hasControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}
