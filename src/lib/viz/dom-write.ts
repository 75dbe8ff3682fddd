/**
 * Writes that skip unchanged values. On a slider tick most boxes and labels of a diagram keep their
 * value, and each DOM write, even of the same value, makes the browser redo style and layout work
 * (Mask R-CNN's pyramid has about 40 blocks with 4 labels each).
 */
export function setAttr(el: Element, name: string, value: string | number): void {
  const v = String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setStyle(el: SVGElement | HTMLElement, name: string, value: string): void {
  if (el.style.getPropertyValue(name) !== value) el.style.setProperty(name, value);
}
