/**
 * A second agent's composer, live over HTTP: createHttpBackend against the reference server
 * on this page's origin. `live.armNotice(name)` resolves with the wall-clock time (ms since
 * the epoch, comparable with Node's) at which the editor's live region first names `name`,
 * and the time at the end of the frame that paints it.
 */
import { BatonMessageEditor, BatonProvider, defineElement } from '@baton/elements';
import { createHttpBackend } from '@baton/sdk';

defineElement('baton-provider', BatonProvider);
defineElement('baton-message-editor', BatonMessageEditor);

const params = new URLSearchParams(location.search);
const backend = createHttpBackend({ baseUrl: location.origin, token: params.get('token')! });
const provider = document.createElement('baton-provider');
provider.backend = backend;
provider.userId = params.get('user')!;
const editor = document.createElement('baton-message-editor');
editor.conversationId = params.get('conversation')!;
provider.append(editor);
document.body.append(provider);

const wallClock = () => performance.timeOrigin + performance.now();
const noticeText = () => editor.shadowRoot?.querySelector('[part~="notice"]')?.textContent ?? '';

interface Live {
  streaming(): Promise<void>;
  armed: Promise<{ dom: number; painted: number }> | null;
  armNotice(name: string): void;
}

const live: Live = {
  streaming: () => backend.streaming(),
  armed: null,
  armNotice(name) {
    live.armed = new Promise((resolve) => {
      const check = () => {
        if (!noticeText().includes(name)) return false;
        const dom = wallClock();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ dom, painted: wallClock() });
          channel.port2.postMessage(null);
        });
        return true;
      };
      if (check()) return;
      const observer = new MutationObserver(() => {
        if (check()) observer.disconnect();
      });
      observer.observe(editor.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  },
};
(window as unknown as { live: Live }).live = live;
