import { expect, fixtureCleanup, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemoryBackend } from '@baton/sdk';
import type { BatonActionEvent, BatonErrorEvent, BatonRequestEvent } from '../shared/events.js';
import type { BatonMessageEditor } from './baton-message-editor.js';
import {
  assigneeOf,
  click,
  conversationOf,
  demo,
  dialog,
  menuButton,
  menuItem,
  notice,
  sendButton,
  settle,
  setup,
  shadow,
  text,
  textarea,
  waitUntil,
} from '../test/fixtures.js';

async function type(editor: HTMLElement, body: string) {
  textarea(editor).focus();
  await sendKeys({ type: body });
}

/** A request on its way over the network: long enough for the page to render meanwhile. */
const inFlight = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Wraps a backend so the user goes away while a transfer to them is on its way: the backend refuses it. */
function awayInFlight(userId: string) {
  return (inner: MemoryBackend): MemoryBackend => ({
    ...inner,
    async execute(command) {
      if (command.type === 'transfer' && command.targetUserId === userId) {
        await inFlight();
        await inner.execute({ type: 'set-availability', actor: { type: 'system' }, userId, availability: 'away' });
      }
      return inner.execute(command);
    },
  });
}

async function openDialogByClick(editor: HTMLElement, item: 'transfer' | 'team') {
  await click(menuButton(editor));
  await click(menuItem(editor, item));
  await waitUntil(() => dialog(editor)?.open, 'dialog did not open');
}

describe('transfer to an agent', () => {
  it('searches, picks and transfers with a note, then says where it went', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('[role="option"]'), 'no candidates');
    // The focus starts in the search field: type to filter.
    await sendKeys({ type: 'bob' });
    await editor.updateComplete;
    const options = [...editor.shadowRoot!.querySelectorAll('[role="option"]')];
    expect(options.map((o) => text(o.querySelector('.name')))).to.deep.equal(['Bob Chen']);
    expect(text(options[0])).to.contain('Online').and.contain('1 of 3 open').and.contain('Support');
    await click(options[0]);
    expect(options[0].getAttribute('aria-selected')).to.equal('true');
    await click(shadow(editor, '#transfer-note'));
    await sendKeys({ type: 'Needs a refund approval' });
    await click(shadow(editor, 'dialog [part~="confirm-button"]'));
    await waitUntil(() => assigneeOf(backend, 'c-refund')?.id === 'bob', 'not transferred');
    const entry = backend.state.log.get('c-refund')!.at(-1)!;
    expect(entry.action).to.equal('transfer');
    expect(entry.note).to.equal('Needs a refund approval');
    await settle(editor);
    expect(editor.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(text(notice(editor))).to.equal('Transferred to Bob Chen.');
    const focusedNow = editor.shadowRoot!.activeElement;
    expect(focusedNow === menuButton(editor), `focus returns to the menu button, not ${focusedNow?.outerHTML.slice(0, 80)}`).to.equal(true);
  });

  it('shows who may not receive it, disabled with the reason', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('[role="option"]'));
    const option = (id: string) => shadow(editor, `#option-${id}`);
    expect(option('erin').getAttribute('aria-disabled')).to.equal('true');
    expect(text(option('erin'))).to.contain('Away').and.contain('Erin Walsh is away.');
    expect(option('henry').getAttribute('aria-disabled')).to.equal('true');
    expect(text(option('henry'))).to.contain('Deactivated').and.contain('Henry Ford is deactivated.');
    expect(option('bob').getAttribute('aria-disabled')).to.equal('false');
    await click(option('erin'));
    expect(option('erin').getAttribute('aria-selected')).to.equal('false');
    expect(shadow(editor, 'dialog [part~="confirm-button"]').getAttribute('aria-disabled')).to.equal('true');
  });

  it('stays smooth with 10,000 candidates: renders a window, filters and scrolls fast', async () => {
    const snapshot = demo((s) => {
      for (let i = 0; i < 10_000; i++) {
        s.users.push({
          ...s.users[1],
          id: `agent-${i}`,
          name: `Agent ${String(i).padStart(5, '0')}`,
          email: undefined,
          token: undefined,
        });
      }
      s.teams[0].members.push(...Array.from({ length: 10_000 }, (_, i) => `agent-${i}`));
    });
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund', snapshot });
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelectorAll('[role="option"]').length > 0, 'no candidates', { timeout: 8000 });
    expect(text(shadow(editor, '#result-count'))).to.equal('10007 agents');
    expect(editor.shadowRoot!.querySelectorAll('[role="option"]').length).to.be.below(40);
    const listbox = shadow(editor, '[role="listbox"]');
    let started = performance.now();
    listbox.scrollTop = 5000 * 52;
    listbox.dispatchEvent(new Event('scroll'));
    await editor.updateComplete;
    expect(performance.now() - started).to.be.below(100);
    const rendered = [...editor.shadowRoot!.querySelectorAll('[role="option"]')];
    expect(rendered.length).to.be.below(40);
    expect(rendered.some((o) => o.getAttribute('aria-posinset') === '5001')).to.equal(true);
    shadow<HTMLInputElement>(editor, '[role="combobox"]').focus();
    started = performance.now();
    await sendKeys({ type: '09999' });
    await editor.updateComplete;
    expect(performance.now() - started).to.be.below(1500);
    expect([...editor.shadowRoot!.querySelectorAll('[role="option"] .name')].map(text)).to.deep.equal(['Agent 09999']);
  });
});

describe('transfer to a team', () => {
  it('assigns through routing and says "Assigned to … via …"', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await openDialogByClick(editor, 'team');
    await waitUntil(() => editor.shadowRoot!.querySelector('[data-team="team-billing"]'));
    const billing = shadow(editor, '[data-team="team-billing"]');
    expect(text(billing)).to.contain('Billing').and.contain('1 of 2 online').and.contain('2 waiting').and.contain('Balanced');
    await click(billing);
    await click(shadow(editor, 'dialog [part~="confirm-button"]'));
    await waitUntil(() => assigneeOf(backend, 'c-refund')?.id === 'dave', 'not routed to Dave');
    expect(conversationOf(backend, 'c-refund').team).to.equal('team-billing');
    await settle(editor);
    expect(text(notice(editor))).to.equal('Assigned to Dave Okafor via Billing.');
  });

  it('queues when nobody is available and says "Waiting in the … queue"', async () => {
    const snapshot = demo((s) => (s.users.find((u) => u.id === 'dave')!.availability = 'away'));
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund', snapshot });
    await openDialogByClick(editor, 'team');
    await waitUntil(() => editor.shadowRoot!.querySelector('[data-team="team-billing"]'));
    await click(shadow(editor, '[data-team="team-billing"]'));
    await click(shadow(editor, 'dialog [part~="confirm-button"]'));
    await waitUntil(() => conversationOf(backend, 'c-refund').status === 'pending', 'not queued');
    expect(assigneeOf(backend, 'c-refund')).to.equal(null);
    await settle(editor);
    expect(text(notice(editor))).to.equal('Waiting in the Billing queue.');
  });

  it('shows a team that is not linked to the teamspace as disabled with the reason', async () => {
    const { editor } = await setup({ userId: 'dave', conversationId: 'c-vat' });
    await openDialogByClick(editor, 'team');
    await waitUntil(() => editor.shadowRoot!.querySelector('[data-team="team-support"]'));
    const support = shadow(editor, '[data-team="team-support"]');
    expect(support.querySelector('input')!.disabled).to.equal(true);
    expect(text(support)).to.contain('Support is not linked to the Billing teamspace.');
  });
});

describe('other actions', () => {
  it('transfers to the AI agent from the menu', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await click(menuButton(editor));
    await click(menuItem(editor, 'ai'));
    await waitUntil(() => assigneeOf(backend, 'c-refund')?.type === 'ai');
    expect(assigneeOf(backend, 'c-refund')).to.deep.equal({ type: 'ai', id: 'ai-ava' });
    await settle(editor);
    expect(text(notice(editor))).to.equal('Handed back to Ava (AI).');
    expect(text(sendButton(editor))).to.equal('Takeover & Send');
  });

  it('closes from the menu', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await click(menuButton(editor));
    await click(menuItem(editor, 'close'));
    await waitUntil(() => conversationOf(backend, 'c-refund').status === 'closed');
    await settle(editor);
    expect(text(notice(editor))).to.equal('Conversation closed.');
    expect(text(shadow(editor, '[part~="reason"]'))).to.equal('This conversation is closed.');
  });

  it('takes over and sends in one step (click)', async () => {
    const { editor, backend } = await setup({ userId: 'bob', conversationId: 'c-refund' });
    await type(editor, 'Bob here, I will finish this.');
    await click(sendButton(editor));
    await waitUntil(() => assigneeOf(backend, 'c-refund')?.id === 'bob');
    expect(backend.state.messages.get('c-refund')!.at(-1)!.body).to.equal('Bob here, I will finish this.');
    await settle(editor);
    expect(textarea(editor).value).to.equal('');
    expect(text(sendButton(editor))).to.equal('Send');
  });

  it('claims from the queue without a message, and with one', async () => {
    const { editor, backend } = await setup({ userId: 'dave', conversationId: 'c-upgrade' });
    await click(sendButton(editor));
    await waitUntil(() => assigneeOf(backend, 'c-upgrade')?.id === 'dave');
    expect(conversationOf(backend, 'c-upgrade').status).to.equal('open');
    const other = await setup({ userId: 'dave', conversationId: 'c-invoice', backend });
    await type(other.editor, 'On it, Lena');
    expect(text(sendButton(other.editor))).to.equal('Claim & Send');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => assigneeOf(backend, 'c-invoice')?.id === 'dave');
    expect(backend.state.messages.get('c-invoice')!.at(-1)!.body).to.equal('On it, Lena');
  });
});

describe('live changes and races', () => {
  it('follows an update from another client while typing: keeps the draft and announces it', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await type(editor, 'Half a sentence');
    await backend.execute({ type: 'takeover', actor: { type: 'user', id: 'bob' }, conversationId: 'c-refund', messageId: 'm-bob', body: 'Taking this' });
    await settle(editor);
    expect(textarea(editor).value).to.equal('Half a sentence');
    expect(text(notice(editor))).to.equal('Bob Chen took over this conversation.');
    expect(notice(editor).getAttribute('role')).to.equal('status');
    expect(sendButton(editor).getAttribute('aria-disabled')).to.equal('true');
    expect(text(shadow(editor, '[part~="reason"]'))).to.contain('Assigned to Bob Chen.');
    // Typing continues where it was.
    await sendKeys({ type: ' more' });
    expect(textarea(editor).value).to.equal('Half a sentence more');
  });

  it('announces a conversation transferred to the viewer, who may then send', async () => {
    const { editor, backend } = await setup({ userId: 'carol', conversationId: 'c-refund' });
    expect(text(sendButton(editor))).to.equal('Takeover & Send');
    await backend.execute({ type: 'transfer', actor: { type: 'user', id: 'alice' }, conversationId: 'c-refund', targetUserId: 'carol' });
    await settle(editor);
    expect(text(notice(editor))).to.equal('Alice Martin transferred this conversation to Carol Diaz.');
    expect(text(sendButton(editor))).to.equal('Send');
  });

  it('loses a race: says who and when, keeps the draft and its message id, offers what now makes sense', async () => {
    const clock = { now: 0 };
    const { editor, backend, storage } = await setup({
      userId: 'frank',
      conversationId: 'c-login',
      clock,
      // Carol's takeover lands while Frank's request is in flight, two seconds before it arrives.
      wrap: (inner) => ({
        ...inner,
        async execute(command) {
          if (command.type === 'takeover' && command.actor.type === 'user' && command.actor.id === 'frank' && !raced) {
            raced = true;
            clock.now -= 2000;
            await inner.execute({ type: 'takeover', actor: { type: 'user', id: 'carol' }, conversationId: 'c-login', messageId: 'm-carol', body: 'Carol here' });
            clock.now += 2000;
          }
          return inner.execute(command);
        },
      }),
    });
    let raced = false;
    clock.now = Date.UTC(2025, 10, 24, 9, 0, 10);
    await type(editor, 'Frank here');
    const draftKey = [...storage.items.keys()][0];
    const messageId = JSON.parse(storage.items.get(draftKey)!).messageId;
    const error = oneEvent(editor, 'baton-error');
    await click(sendButton(editor));
    expect(((await error) as unknown as BatonErrorEvent).code).to.equal('version-conflict');
    await settle(editor);
    expect(assigneeOf(backend, 'c-login')!.id).to.equal('carol');
    // Frank (admin) may still take over, from Carol now: the notice points at the button that does.
    expect(text(notice(editor))).to.equal('Carol Diaz took over 2 seconds ago. Your draft is kept. Use “Takeover & Send” to try again.');
    expect(textarea(editor).value).to.equal('Frank here');
    expect(JSON.parse(storage.items.get(draftKey)!).messageId).to.equal(messageId);
    // One control per action: a screen reader lists no two buttons of the same name.
    const names = [...editor.shadowRoot!.querySelectorAll('button')].map(text);
    expect(names.filter((name) => name === 'Takeover & Send')).to.have.length(1);
    expect(new Set(names).size).to.equal(names.length);
    const sent = oneEvent(editor, 'baton-takeover');
    await click(sendButton(editor));
    expect(((await sent) as unknown as BatonActionEvent<'takeover'>).payload.messageId).to.equal(messageId, 'the retry reuses the message id');
    expect(assigneeOf(backend, 'c-login')!.id).to.equal('frank');
    expect(backend.state.messages.get('c-login')!.filter((m) => m.id === messageId).length).to.equal(1);
  });

  it('loses a race it cannot retry: the draft stays and the button explains', async () => {
    let raced = false;
    const { editor, backend } = await setup({
      userId: 'alice',
      conversationId: 'c-refund',
      wrap: (inner) => ({
        ...inner,
        async execute(command) {
          if (!raced) {
            raced = true;
            await inner.execute({ type: 'takeover', actor: { type: 'user', id: 'bob' }, conversationId: 'c-refund', messageId: 'm-bob', body: 'Mine now' });
          }
          return inner.execute(command);
        },
      }),
    });
    await type(editor, 'My reply');
    const announced: string[] = [];
    new MutationObserver(() => announced.push(text(notice(editor)))).observe(notice(editor), { childList: true, subtree: true, characterData: true });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(notice(editor)).includes('Bob Chen'));
    await settle(editor);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Under a second ago reads "just now", not "now" or "0 seconds ago"; nothing to retry, nothing offered.
    expect(text(notice(editor))).to.equal('Bob Chen took over just now. Your draft is kept.');
    // One announcement, the one that says what became of the viewer's message.
    expect(announced.filter(Boolean)).to.deep.equal(['Bob Chen took over just now. Your draft is kept.']);
    expect(textarea(editor).value).to.equal('My reply');
    expect(backend.state.messages.get('c-refund')!.some((m) => m.body === 'My reply')).to.equal(false);
  });
});

describe('drafts', () => {
  it('survive re-creating the element, per conversation and user, and clear once accepted', async () => {
    const first = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await type(first.editor, 'Draft to keep');
    first.editor.remove();
    const again = await setup({ userId: 'alice', conversationId: 'c-refund', backend: first.backend, storage: first.storage });
    expect(textarea(again.editor).value).to.equal('Draft to keep');
    const otherUser = await setup({ userId: 'bob', conversationId: 'c-refund', backend: first.backend, storage: first.storage });
    expect(textarea(otherUser.editor).value).to.equal('');
    const otherConversation = await setup({ userId: 'alice', conversationId: 'c-thanks', backend: first.backend, storage: first.storage });
    expect(textarea(otherConversation.editor).value).to.equal('');
    textarea(again.editor).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => first.backend.state.messages.get('c-refund')!.some((m) => m.body === 'Draft to keep'));
    await settle(again.editor);
    expect(first.storage.items.size).to.equal(0);
  });

  /** Holds every command with a message until `release()`, so the test types while it is in flight. */
  function heldMessages() {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const wrap = (inner: MemoryBackend): MemoryBackend => ({
      ...inner,
      async execute(command) {
        if ('body' in command && command.body) await gate;
        return inner.execute(command);
      },
    });
    return { wrap, release: () => release() };
  }

  it('keep what was typed while a send was in flight, under a new message id', async () => {
    const held = heldMessages();
    const { editor, backend, storage } = await setup({ userId: 'alice', conversationId: 'c-refund', wrap: held.wrap });
    await type(editor, 'First message');
    const sentId = JSON.parse([...storage.items.values()][0]).messageId;
    const accepted = oneEvent(editor, 'baton-send');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: ' second thought' });
    held.release();
    await accepted;
    await settle(editor);
    expect(backend.state.messages.get('c-refund')!.filter((m) => m.id === sentId).map((m) => m.body)).to.deep.equal(['First message']);
    expect(textarea(editor).value).to.equal('second thought');
    const stored = JSON.parse([...storage.items.values()][0]);
    expect(stored.body).to.equal('second thought');
    expect(stored.messageId).to.not.equal(sentId);
    // The kept text is a message of its own: sending it adds a second one.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => backend.state.messages.get('c-refund')!.some((m) => m.body === 'second thought' && m.id === stored.messageId));
    await settle(editor);
    expect(textarea(editor).value).to.equal('');
    expect(storage.items.size).to.equal(0);
  });

  it('keep a draft edited while a takeover was in flight as it now reads', async () => {
    const held = heldMessages();
    const { editor, backend, storage } = await setup({ userId: 'carol', conversationId: 'c-refund', wrap: held.wrap });
    await type(editor, 'Taking this');
    const accepted = oneEvent(editor, 'baton-takeover');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ type: 'Now: ' });
    held.release();
    await accepted;
    await settle(editor);
    expect(assigneeOf(backend, 'c-refund')!.id).to.equal('carol');
    expect(backend.state.messages.get('c-refund')!.at(-1)!.body).to.equal('Taking this');
    expect(textarea(editor).value).to.equal('Now: Taking this');
    expect(JSON.parse([...storage.items.values()][0]).body).to.equal('Now: Taking this');
  });

  it('stays when a send is refused', async () => {
    const { editor, storage } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await type(editor, 'keep me');
    editor.client!.send = async () => {
      // As the SDK refuses it: the English sentence travels with the code.
      const message = 'This conversation is closed.';
      throw Object.assign(new Error(message), { name: 'BatonError', code: 'conversation-closed', refusal: { code: 'conversation-closed', message } });
    };
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(textarea(editor).value).to.equal('keep me');
    expect(storage.items.size).to.equal(1);
    expect(text(notice(editor))).to.equal('This conversation is closed.');
  });
});

describe('events', () => {
  it('fires request and result events with ids in the payload, bubbling and composed', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    const seen: Event[] = [];
    const names = ['baton-send-request', 'baton-send', 'baton-transfer-request', 'baton-transfer', 'baton-close-request', 'baton-close'];
    for (const name of names) document.addEventListener(name, (e) => seen.push(e));
    await type(editor, 'hello');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => seen.some((e) => e.type === 'baton-send'));
    const request = seen[0] as BatonRequestEvent<'send'>;
    expect(request.type).to.equal('baton-send-request');
    expect(request.bubbles && request.composed && request.cancelable).to.equal(true);
    expect(request.conversationId).to.equal('c-refund');
    expect(request.payload.body).to.equal('hello');
    const done = seen[1] as BatonActionEvent<'send'>;
    expect(done.payload.messageId).to.equal(request.payload.messageId);
    expect(done.outcome).to.deep.include({ status: 'open', duplicate: false, version: 2 });
    expect(done.bubbles && done.composed).to.equal(true);
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('#option-carol'));
    await click(shadow(editor, '#option-carol'));
    await click(shadow(editor, 'dialog [part~="confirm-button"]'));
    await waitUntil(() => seen.some((e) => e.type === 'baton-transfer'));
    const transfer = seen.find((e) => e.type === 'baton-transfer') as BatonActionEvent<'transfer'>;
    expect(transfer.payload).to.deep.equal({ targetUserId: 'carol' });
    expect(transfer.outcome.assignee).to.deep.equal({ type: 'user', id: 'carol' });
  });

  it('lets every -request be canceled: nothing happens', async () => {
    const cases: [string, string, (editor: HTMLElement) => Promise<void>][] = [
      ['alice', 'baton-send-request', async (e) => { await type(e, 'x'); await sendKeys({ press: 'Enter' }); }],
      ['bob', 'baton-takeover-request', async (e) => { await type(e, 'x'); await sendKeys({ press: 'Enter' }); }],
      ['alice', 'baton-transfer-to-ai-request', async (e) => { await click(menuButton(e)); await click(menuItem(e, 'ai')); }],
      ['alice', 'baton-close-request', async (e) => { await click(menuButton(e)); await click(menuItem(e, 'close')); }],
      ['alice', 'baton-transfer-request', async (e) => {
        await openDialogByClick(e, 'transfer');
        await waitUntil(() => e.shadowRoot!.querySelector('#option-carol'));
        await click(shadow(e, '#option-carol'));
        await click(shadow(e, 'dialog [part~="confirm-button"]'));
      }],
      ['alice', 'baton-transfer-to-team-request', async (e) => {
        await openDialogByClick(e, 'team');
        await waitUntil(() => e.shadowRoot!.querySelector('[data-team="team-billing"]'));
        await click(shadow(e, '[data-team="team-billing"]'));
        await click(shadow(e, 'dialog [part~="confirm-button"]'));
      }],
    ];
    for (const [userId, name, act] of cases) {
      const { editor, backend } = await setup({ userId, conversationId: 'c-refund' });
      const before = conversationOf(backend, 'c-refund').version;
      let canceled = false;
      editor.addEventListener(name, (e) => {
        e.preventDefault();
        canceled = true;
      });
      await act(editor);
      await settle(editor);
      expect(canceled, name).to.equal(true);
      expect(conversationOf(backend, 'c-refund').version, name).to.equal(before);
      fixtureCleanup();
    }
    const { editor, backend } = await setup({ userId: 'dave', conversationId: 'c-upgrade' });
    editor.addEventListener('baton-claim-request', (e) => e.preventDefault());
    await click(sendButton(editor));
    await settle(editor);
    expect(conversationOf(backend, 'c-upgrade').status).to.equal('pending');
  });

  it('fires baton-error with the refusal code', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund', wrap: awayInFlight('carol') });
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('#option-carol'));
    await click(shadow(editor, '#option-carol'));
    const error = oneEvent(editor, 'baton-error') as unknown as Promise<BatonErrorEvent>;
    await click(shadow(editor, 'dialog [part~="confirm-button"]'));
    const event = await error;
    expect(event.code).to.equal('target-unavailable');
    expect(event.action).to.equal('transfer');
    expect(event.conversationId).to.equal('c-refund');
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(editor);
    expect(text(shadow(editor, 'dialog .dialog-error'))).to.equal('Carol Diaz is away.');
  });
});

describe('focus and availability in the dialogs', () => {
  const confirmButton = (editor: HTMLElement) => shadow(editor, 'dialog [part~="confirm-button"]');
  const focusedIn = (editor: HTMLElement) => editor.shadowRoot!.activeElement;
  /** Presses Enter on the focused confirm button, and waits for the refusal and the frame after it. */
  const confirmRefused = async (editor: BatonMessageEditor) => {
    confirmButton(editor).focus();
    const error = oneEvent(editor, 'baton-error');
    await sendKeys({ press: 'Enter' });
    await error;
    await settle(editor);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  };

  it('keeps focus on Transfer when the transfer is refused, and says why', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund', wrap: awayInFlight('carol') });
    await type(editor, 'Draft stays');
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('#option-carol'));
    await sendKeys({ type: 'carol' });
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    await confirmRefused(editor);
    expect(dialog(editor).open).to.equal(true);
    expect(text(shadow(editor, 'dialog [role="alert"]'))).to.equal('Carol Diaz is away.');
    expect(document.activeElement).to.equal(editor);
    expect(focusedIn(editor), `focus is on ${focusedIn(editor)?.outerHTML.slice(0, 60)}`).to.equal(confirmButton(editor));
    expect(textarea(editor).value).to.equal('Draft stays');
  });

  it('keeps focus on Transfer to team when the plan changes under it', async () => {
    let changed = false;
    const { editor } = await setup({
      userId: 'alice',
      conversationId: 'c-refund',
      wrap: (inner) => ({
        ...inner,
        async execute(command) {
          if (command.type === 'transfer-to-team' && !changed) {
            changed = true;
            await inFlight();
            await inner.execute({ type: 'set-plan', actor: { type: 'system' }, plan: 'free' });
          }
          return inner.execute(command);
        },
      }),
    });
    await openDialogByClick(editor, 'team');
    await waitUntil(() => editor.shadowRoot!.querySelector('[data-team="team-billing"]'));
    await click(shadow(editor, '[data-team="team-billing"]'));
    await confirmRefused(editor);
    expect(text(shadow(editor, 'dialog [role="alert"]'))).to.equal('Requires the Lite plan.');
    expect(focusedIn(editor), `focus is on ${focusedIn(editor)?.outerHTML.slice(0, 60)}`).to.equal(confirmButton(editor));
  });

  it('unselects an agent who goes away, says why, and offers no transfer certain to fail', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('#option-carol'));
    await click(shadow(editor, '#option-carol'));
    const status = shadow(editor, '#transfer-status');
    expect(text(status)).to.equal('Selected: Carol Diaz');
    expect(confirmButton(editor).getAttribute('aria-disabled')).to.equal('false');
    await backend.execute({ type: 'set-availability', actor: { type: 'system' }, userId: 'carol', availability: 'away' });
    await waitUntil(() => shadow(editor, '#option-carol').getAttribute('aria-disabled') === 'true', 'Carol still available');
    await editor.updateComplete;
    expect(shadow(editor, '#option-carol').getAttribute('aria-selected')).to.equal('false');
    expect(status.getAttribute('role')).to.equal('status');
    expect(text(status)).to.equal('Carol Diaz is no longer selected. Carol Diaz is away.');
    expect(confirmButton(editor).getAttribute('aria-disabled')).to.equal('true');
    expect(confirmButton(editor).getAttribute('aria-describedby')).to.equal('transfer-status');
    let requested = false;
    editor.addEventListener('baton-transfer-request', () => (requested = true));
    await click(confirmButton(editor));
    await settle(editor);
    expect(requested).to.equal(false);
    // Picking someone else clears the explanation.
    await click(shadow(editor, '#option-bob'));
    expect(text(status)).to.equal('Selected: Bob Chen');
    expect(confirmButton(editor).getAttribute('aria-disabled')).to.equal('false');
  });

  it('unselects the pick when the viewer loses sight of the conversation, and says so', async () => {
    const first = await setup({ userId: 'dave', conversationId: 'c-invoice' });
    const { backend } = first;
    const dave = { type: 'user', id: 'dave' } as const;
    await backend.execute({ type: 'claim', actor: dave, conversationId: 'c-invoice' });
    await backend.execute({ type: 'transfer', actor: dave, conversationId: 'c-invoice', targetUserId: 'alice' });
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-invoice', backend, storage: first.storage });
    await openDialogByClick(editor, 'transfer');
    await waitUntil(() => editor.shadowRoot!.querySelector('#option-bob'));
    await click(shadow(editor, '#option-bob'));
    const status = shadow(editor, '#transfer-status');
    expect(text(status)).to.equal('Selected: Bob Chen');
    await backend.execute({ type: 'takeover', actor: dave, conversationId: 'c-invoice', messageId: 'm-dave', body: 'Dave here' });
    await waitUntil(() => confirmButton(editor).getAttribute('aria-disabled') === 'true', 'the transfer is still offered');
    await settle(editor);
    expect(text(status)).to.equal('Bob Chen is no longer selected. You can no longer see this conversation.');
    expect(confirmButton(editor).getAttribute('aria-describedby')).to.equal('transfer-status');
    let requested = false;
    editor.addEventListener('baton-transfer-request', () => (requested = true));
    confirmButton(editor).focus();
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(requested).to.equal(false);
    expect(text(shadow(editor, 'dialog [role="alert"]'))).to.equal('');
  });

  it('unselects a team that may no longer receive it and keeps focus in the dialog', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await openDialogByClick(editor, 'team');
    await waitUntil(() => editor.shadowRoot!.querySelector('[data-team="team-billing"]'));
    const radio = shadow<HTMLInputElement>(editor, '[data-team="team-billing"] input');
    radio.focus();
    await sendKeys({ press: 'Space' });
    await editor.updateComplete;
    expect(radio.checked).to.equal(true);
    expect(focusedIn(editor)).to.equal(radio);
    await backend.execute({ type: 'set-plan', actor: { type: 'system' }, plan: 'free' });
    await waitUntil(() => radio.disabled, 'Billing still enabled');
    await settle(editor);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(radio.checked).to.equal(false);
    expect(text(shadow(editor, '#team-status'))).to.equal('Billing is no longer selected. Requires the Lite plan.');
    expect(confirmButton(editor).getAttribute('aria-disabled')).to.equal('true');
    expect(focusedIn(editor), `focus is on ${focusedIn(editor)?.outerHTML.slice(0, 60)}`).to.equal(confirmButton(editor));
  });

  it('keeps focus on the control that acted after Send, Takeover & Send and a menu action, accepted or refused', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await type(editor, 'Clicked');
    await click(sendButton(editor));
    await waitUntil(() => text(notice(editor)) === 'Message sent.');
    expect(focusedIn(editor)).to.equal(sendButton(editor));
    const bob = await setup({ userId: 'bob', conversationId: 'c-refund', backend });
    await type(bob.editor, 'Mine');
    // Frank closes it first; Bob's takeover is refused.
    await backend.execute({ type: 'close', actor: { type: 'user', id: 'frank' }, conversationId: 'c-refund' });
    bob.editor.client!.takeover = () =>
      Promise.reject(Object.assign(new Error('closed'), { name: 'BatonError', code: 'conversation-closed', refusal: { code: 'conversation-closed', message: 'This conversation is closed.' } }));
    await click(sendButton(bob.editor));
    await settle(bob.editor);
    expect(focusedIn(bob.editor)).to.equal(sendButton(bob.editor));
    // A menu action, refused then accepted: focus is back on the menu button each time.
    const other = await setup({ userId: 'bob', conversationId: 'c-login' });
    const transferToAi = other.editor.client!.transferToAi;
    other.editor.client!.transferToAi = () =>
      Promise.reject(Object.assign(new Error('offline'), { name: 'BatonError', code: 'unavailable', refusal: { code: 'unavailable', message: 'offline' } }));
    for (const outcome of ["Can't reach the server right now. Your draft is kept; try again.", 'Handed back to Ava (AI).']) {
      menuButton(other.editor).focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await other.editor.updateComplete;
      expect(focusedIn(other.editor)).to.equal(menuItem(other.editor, 'ai'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(notice(other.editor)) === outcome, `not "${outcome}"`);
      await settle(other.editor);
      expect(focusedIn(other.editor), outcome).to.equal(menuButton(other.editor));
      other.editor.client!.transferToAi = transferToAi;
    }
  });
});
