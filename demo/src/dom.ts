/** A tiny element builder: the sandbox is plain DOM, so the host page owes nothing to Lit. */
export type Child = Node | string | number | null | undefined | false | Child[];

type Props = Record<string, unknown>;

/**
 * `h('button', { class: 'x', onclick: fn, '.value': v, 'aria-label': 'y' }, 'text')`:
 * `on*` keys add listeners, `.`-prefixed keys set properties, the rest are attributes
 * (`false`, `null` and `undefined` leave them out, `true` sets them empty).
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value as EventListener);
    else if (key.startsWith('.')) (element as unknown as Record<string, unknown>)[key.slice(1)] = value;
    // Through the CSSOM, which a strict Content Security Policy allows (a style attribute it blocks).
    else if (key === 'style') element.style.cssText = String(value);
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...flatten(children));
  return element;
}

export function flatten(children: Child[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  for (const child of children) {
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (child !== null && child !== undefined && child !== false) out.push(typeof child === 'number' ? String(child) : child);
  }
  return out;
}

/** Replaces an element's children. */
export function render(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...flatten(children));
}

/** "3 min ago", "just now": times in the sandbox are relative to the page's clock. */
export function ago(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function clock(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

let counter = 0;
/** Ids for label/aria wiring, unique in the page. */
export const uid = (prefix: string): string => `${prefix}-${++counter}`;
