import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, createMemoryBackend } from '@baton/sdk';
import { BatonMessageEditor, BatonProvider } from './react.js';
import type { BatonActionEvent } from './shared/events.js';
import { demo, loaded, MemoryStorage, sendButton, text, textarea, waitUntil } from './test/fixtures.js';

describe('React wrapper', () => {
  it('renders the elements and forwards an event to its on… prop', async () => {
    const backend = createMemoryBackend(demo());
    const client = createClient({ backend, userId: 'alice' });
    const sent: BatonActionEvent<'send'>[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    try {
      root.render(
        createElement(
          BatonProvider,
          { client },
          createElement(BatonMessageEditor, {
            conversationId: 'c-refund',
            storage: new MemoryStorage(),
            onBatonSend: (event: BatonActionEvent<'send'>) => sent.push(event),
          }),
        ),
      );
      await waitUntil(() => host.querySelector('baton-message-editor'), 'React did not render the element');
      const editor = host.querySelector('baton-message-editor')!;
      await loaded(editor);
      expect(editor.conversationId).to.equal('c-refund');
      expect(text(sendButton(editor))).to.equal('Send');
      textarea(editor).focus();
      await sendKeys({ type: 'From React' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => sent.length === 1, 'onBatonSend was not called');
      expect(sent[0].payload.body).to.equal('From React');
      expect(sent[0].conversationId).to.equal('c-refund');
    } finally {
      root.unmount();
      host.remove();
    }
  });
});
