/**
 * A host page with one agent's composer, for the browser suites: over the memory backend
 * (from /snapshot.json) or over HTTP on this page's origin. It exposes `hostile` for the
 * test to drive the backend and measure what the editor rendered.
 */
import { BatonMessageEditor, BatonProvider, defineElement } from '@baton/elements';
import { createHttpBackend, createMemoryBackend, type Backend, type Command, type WorkspaceSnapshot } from '@baton/sdk';

defineElement('baton-provider', BatonProvider);
defineElement('baton-message-editor', BatonMessageEditor);

const params = new URLSearchParams(location.search);
const userId = params.get('user')!;

async function backendOf(): Promise<Backend> {
  if (params.get('backend') === 'http')
    return createHttpBackend({ baseUrl: location.origin, token: `token-${userId}`, timeout: 3_000, retry: 4, reconnect: { min: 50, max: 200 }, onStreamError: () => {} });
  const snapshot = (await (await fetch('/snapshot.json')).json()) as WorkspaceSnapshot;
  return createMemoryBackend(snapshot);
}

const backend = await backendOf();
const provider = document.createElement('baton-provider');
provider.backend = backend;
provider.userId = userId;
const editor = document.createElement('baton-message-editor');
editor.conversationId = params.get('conversation')!;
provider.append(editor);
document.querySelector('main')!.append(provider);

const events: { type: string; code?: string }[] = [];
for (const type of ['baton-error', 'baton-send', 'baton-takeover', 'baton-transfer'])
  editor.addEventListener(type, (event) => events.push({ type, code: (event as Event & { code?: string }).code }));

/** Whether the characters of `text` (in a text node under `root`) run left to right on screen. */
function runsLeftToRight(root: Node, text: string): boolean | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(text);
    if (at < 0) continue;
    const rectOf = (offset: number) => {
      const range = document.createRange();
      range.setStart(node!, offset);
      range.setEnd(node!, offset + 1);
      return range.getBoundingClientRect();
    };
    return rectOf(at).left < rectOf(at + text.length - 1).left;
  }
  return null;
}

const hostile = {
  events,
  execute: (command: Command) => backend.execute(command),
  streaming: () => (backend as { streaming?: () => Promise<void> }).streaming?.(),
  runsLeftToRight: (text: string) => runsLeftToRight(editor.shadowRoot!, text),
};
(window as unknown as { hostile: typeof hostile }).hostile = hostile;
document.body.dataset.ready = 'true';
