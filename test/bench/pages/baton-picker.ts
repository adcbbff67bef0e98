/** The Baton composer on a workspace of 10,001 agents: its transfer picker lists 10,000. */
import { BatonMessageEditor, BatonProvider, defineElement } from '@baton/elements';
import { createClient, createMemoryBackend } from '@baton/sdk';
import { benchWorkspace } from '../workspace.js';
import { installProbe } from './probe.js';

defineElement('baton-provider', BatonProvider);
defineElement('baton-message-editor', BatonMessageEditor);

const CANDIDATES = 10_000;
const backend = createMemoryBackend(benchWorkspace({ agents: CANDIDATES + 1, conversations: 2 * (CANDIDATES + 1), awayEvery: 7 }));
const client = createClient({ backend, userId: 'u0' });

const provider = document.createElement('baton-provider');
provider.client = client;
const editor = document.createElement('baton-message-editor');
editor.conversationId = 'c0';
provider.append(editor);
document.body.append(provider);

installProbe(() => {
  const root = editor.shadowRoot;
  return !!root?.querySelector<HTMLDialogElement>('dialog.transfer-dialog')?.open && !!root.querySelector('[role=option]');
});
