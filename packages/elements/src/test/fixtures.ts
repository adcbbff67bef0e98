/** Test helpers: a memory backend on the demo workspace with a fixed clock, and shadow-DOM lookups. */
import { fixture, html, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import {
  createClient,
  createDemoSnapshot,
  createMemoryBackend,
  DEMO_EPOCH,
  type BatonClient,
  type MemoryBackend,
  type WorkspaceSnapshot,
} from '@baton/sdk';
import '../define.js';
import type { BatonMessageEditor } from '../message-editor/baton-message-editor.js';
import type { DraftStorage } from '../shared/draft-store.js';

/** open-wc's `waitUntil` with a 5 s timeout: its 1 s default is short for a loaded CI machine. */
export const waitUntil = (...[predicate, message, options]: Parameters<typeof openWcWaitUntil>): Promise<void> =>
  openWcWaitUntil(predicate, message, { timeout: 5000, ...options });

export const NOW = DEMO_EPOCH;

/** A Storage stand-in, so tests never touch (or depend on) the page's localStorage. */
export class MemoryStorage implements DraftStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

export interface Setup {
  backend: MemoryBackend;
  client: BatonClient;
  editor: BatonMessageEditor;
  storage: MemoryStorage;
  clock: { now: number };
}

export interface SetupOptions {
  userId: string;
  conversationId: string;
  snapshot?: WorkspaceSnapshot;
  backend?: MemoryBackend;
  storage?: MemoryStorage;
  clock?: { now: number };
  lang?: string;
  dir?: string;
  /** Wraps the backend the client uses (to stage races). */
  wrap?: (backend: MemoryBackend) => MemoryBackend;
}

export function demo(change?: (snapshot: WorkspaceSnapshot) => void): WorkspaceSnapshot {
  const snapshot = createDemoSnapshot(NOW);
  change?.(snapshot);
  return snapshot;
}

export async function setup(options: SetupOptions): Promise<Setup> {
  const clock = options.clock ?? { now: NOW };
  const backend = options.backend ?? createMemoryBackend(options.snapshot ?? demo(), { now: () => clock.now, random: () => 0.5 });
  const client = createClient({ backend: options.wrap ? options.wrap(backend) : backend, userId: options.userId });
  const storage = options.storage ?? new MemoryStorage();
  const provider = await fixture(html`<baton-provider .client=${client} lang=${options.lang ?? 'en'} dir=${options.dir ?? 'ltr'}>
    <baton-message-editor
      conversation-id=${options.conversationId}
      .storage=${storage}
      .now=${() => clock.now}
    ></baton-message-editor>
  </baton-provider>`);
  const editor = provider.querySelector('baton-message-editor')!;
  await loaded(editor);
  return { backend, client, editor, storage, clock };
}

/** Waits until the editor shows the conversation and what the viewer may do. */
export async function loaded(editor: BatonMessageEditor): Promise<void> {
  await waitUntil(() => {
    const close = editor.shadowRoot?.querySelector('[data-item="close"]');
    return !!close && !/Loading|Wird geladen/.test(close.textContent ?? '');
  }, 'the editor did not load its conversation');
  await editor.updateComplete;
}

export function shadow<T extends Element = HTMLElement>(editor: Element, selector: string): T {
  return editor.shadowRoot!.querySelector<T>(selector)!;
}

export const sendButton = (editor: Element) => shadow<HTMLButtonElement>(editor, '[part~="send-button"]');
export const menuButton = (editor: Element) => shadow<HTMLButtonElement>(editor, '[part~="menu-button"]');
export const textarea = (editor: Element) => shadow<HTMLTextAreaElement>(editor, 'textarea.message');
export const notice = (editor: Element) => shadow(editor, '[part~="notice"]');
export const menuItem = (editor: Element, id: 'transfer' | 'team' | 'ai' | 'close') => shadow(editor, `[data-item="${id}"]`);
export const dialog = (editor: Element) => shadow<HTMLDialogElement>(editor, 'dialog');
export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A real mouse click at the element's centre (through the browser, not `el.click()`). */
export async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'nearest' });
  const rect = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** Resolves after the editor re-rendered following async work (backend calls, store updates). */
export async function settle(editor: BatonMessageEditor): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await editor.updateComplete;
  }
}

export const assigneeOf = (backend: MemoryBackend, id: string) => backend.state.conversations.get(id)?.assignee;
export const conversationOf = (backend: MemoryBackend, id: string) => backend.state.conversations.get(id)!;
