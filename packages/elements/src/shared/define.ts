/**
 * Registers a custom element unless its tag is taken. Pages embed us next to other widgets,
 * possibly another version of Baton: a clash is worth a warning, never an exception.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === element) return;
  if (existing) {
    console.warn(`<${tag}> is already defined by another script; Baton keeps the existing definition.`);
    return;
  }
  customElements.define(tag, element);
}
