/**
 * Makes an element on the page modal while it covers the window (the layer graph's full screen):
 * a dialog with a name, focus moved into it, everything outside it `inert` (Tab, clicks and screen
 * readers cannot reach the page behind), Tab and Shift+Tab wrapped at its ends, and the page's
 * scrolling stopped. The returned function undoes all of it and gives focus back to the element that
 * had it before (the button that opened it). `inert` instead of a native <dialog>: the element is a
 * live part of the page (Svelte owns it) and only changes its styling when it covers the window.
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab reaches inside `el`, in document order (visible ones only). */
function tabbable(el: HTMLElement): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.getClientRects().length > 0);
}

/** Every element beside `el` and beside each of its ancestors up to <body>: what `inert` must cover. */
function outside(el: HTMLElement): Element[] {
  const out: Element[] = [];
  for (let node: Element = el; node.parentElement && node !== document.body; node = node.parentElement)
    for (const sib of node.parentElement.children) if (sib !== node) out.push(sib);
  return out;
}

export function holdModal(el: HTMLElement, label: string): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // Only what was not inert already is released again.
  const madeInert = outside(el).filter((e) => e instanceof HTMLElement && !e.inert) as HTMLElement[];
  for (const e of madeInert) e.inert = true;
  const attrs = { role: 'dialog', 'aria-modal': 'true', 'aria-label': label, tabindex: '-1' };
  const before = Object.keys(attrs).map((k) => [k, el.getAttribute(k)] as const);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const root = document.documentElement;
  const overflow = root.style.overflow;
  root.style.overflow = 'hidden';

  function onKey(ev: KeyboardEvent) {
    if (ev.key !== 'Tab') return;
    const list = tabbable(el);
    if (!list.length) return ev.preventDefault();
    const [first, last] = [list[0], list[list.length - 1]];
    const at = document.activeElement;
    if (ev.shiftKey && (at === first || at === el)) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && at === last) {
      ev.preventDefault();
      first.focus();
    }
  }
  el.addEventListener('keydown', onKey);
  el.focus({ preventScroll: true });

  return () => {
    el.removeEventListener('keydown', onKey);
    for (const e of madeInert) e.inert = false;
    for (const [k, v] of before) {
      if (v === null) el.removeAttribute(k);
      else el.setAttribute(k, v);
    }
    root.style.overflow = overflow;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  };
}
