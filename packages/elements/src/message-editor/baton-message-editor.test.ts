import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  assigneeOf,
  click,
  conversationOf,
  demo,
  menuButton,
  menuItem,
  notice,
  sendButton,
  settle,
  setup,
  text,
  textarea,
  waitUntil,
} from '../test/fixtures.js';

async function type(editor: HTMLElement, body: string) {
  textarea(editor).focus();
  await sendKeys({ type: body });
}

describe('send button', () => {
  it('says Send to the assignee and sends on Enter', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    expect(text(sendButton(editor))).to.equal('Send');
    expect(sendButton(editor).getAttribute('aria-disabled')).to.equal('true', 'disabled while the draft is empty');
    await type(editor, 'Refund issued');
    expect(sendButton(editor).getAttribute('aria-disabled')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => backend.state.messages.get('c-refund')!.some((m) => m.body === 'Refund issued'));
    await settle(editor);
    expect(textarea(editor).value).to.equal('');
    expect(text(notice(editor))).to.equal('Message sent.');
  });

  it('adds a line on Shift+Enter instead of sending', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await type(editor, 'one');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'two' });
    expect(textarea(editor).value).to.equal('one\ntwo');
    expect(backend.state.messages.get('c-refund')!.length).to.equal(3);
  });

  it('says Takeover & Send to someone who may take over', async () => {
    const { editor } = await setup({ userId: 'bob', conversationId: 'c-refund' });
    expect(text(sendButton(editor))).to.equal('Takeover & Send');
    await type(editor, 'x');
    expect(sendButton(editor).getAttribute('aria-disabled')).to.equal('false');
  });

  it('says Claim on a pending conversation, Claim & Send once there is text', async () => {
    const { editor } = await setup({ userId: 'dave', conversationId: 'c-upgrade' });
    expect(text(sendButton(editor))).to.equal('Claim');
    expect(sendButton(editor).getAttribute('aria-disabled')).to.equal('false', 'a claim needs no message');
    await type(editor, 'Hello Sam');
    expect(text(sendButton(editor))).to.equal('Claim & Send');
  });

  it('is disabled with the reason in words when the viewer may not take over', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-login' });
    await type(editor, 'hi');
    expect(sendButton(editor).getAttribute('aria-disabled')).to.equal('true');
    expect(text(sendButton(editor))).to.equal('Takeover & Send');
    const reason = editor.shadowRoot!.querySelector('[part~="reason"]')!;
    expect(text(reason)).to.equal("Assigned to Bob Chen. Your role can't take over this team's conversations.");
    expect(sendButton(editor).getAttribute('aria-describedby')).to.equal(reason.id);
  });

  it('names a role without the permission, a closed conversation, and the plan', async () => {
    const grace = await setup({ userId: 'grace', conversationId: 'c-login' });
    expect(text(grace.editor.shadowRoot!.querySelector('[part~="reason"]'))).to.equal(
      "Assigned to Bob Chen. Your role can't take over conversations.",
    );
    const closed = await setup({ userId: 'carol', conversationId: 'c-thanks' });
    expect(text(closed.editor.shadowRoot!.querySelector('[part~="reason"]'))).to.equal('This conversation is closed.');
    const free = await setup({ userId: 'bob', conversationId: 'c-refund', snapshot: demo((s) => (s.workspace.plan = 'free')) });
    expect(text(free.editor.shadowRoot!.querySelector('[part~="reason"]'))).to.equal('Requires the Lite plan.');
    expect(sendButton(free.editor).getAttribute('aria-disabled')).to.equal('true');
  });

  it('does not act when clicked while disabled', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-login' });
    await type(editor, 'hi');
    let requested = false;
    editor.addEventListener('baton-takeover-request', () => (requested = true));
    await click(sendButton(editor));
    await settle(editor);
    expect(requested).to.equal(false);
    expect(assigneeOf(backend, 'c-login')).to.deep.equal({ type: 'user', id: 'bob' });
  });
});

describe('menu items', () => {
  it('are all enabled for the assignee of a livechat', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    for (const id of ['transfer', 'team', 'ai', 'close'] as const) {
      expect(menuItem(editor, id).getAttribute('aria-disabled'), id).to.equal('false');
    }
    expect(text(menuItem(editor, 'transfer'))).to.equal('Transfer…');
    expect(text(menuItem(editor, 'team'))).to.equal('Transfer teams…');
    expect(text(menuItem(editor, 'ai'))).to.equal('Transfer to AI agent');
    expect(text(menuItem(editor, 'close'))).to.equal('Close conversation');
  });

  it('are disabled with the reason for someone who is not the assignee', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-login' });
    for (const id of ['transfer', 'team', 'ai'] as const) {
      expect(menuItem(editor, id).getAttribute('aria-disabled'), id).to.equal('true');
      expect(text(menuItem(editor, id).querySelector('.item-reason')), id).to.equal('Only the assignee can transfer. Assigned to Bob Chen.');
    }
    expect(text(menuItem(editor, 'close').querySelector('.item-reason'))).to.equal('Only the assignee can close. Assigned to Bob Chen.');
  });

  it('say "Requires the Lite plan" on the Free plan', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund', snapshot: demo((s) => (s.workspace.plan = 'free')) });
    for (const id of ['transfer', 'team', 'ai'] as const) {
      expect(menuItem(editor, id).getAttribute('aria-disabled'), id).to.equal('true');
      expect(text(menuItem(editor, id).querySelector('.item-reason')), id).to.equal('Requires the Lite plan.');
    }
    expect(menuItem(editor, 'close').getAttribute('aria-disabled'), 'closing works on every plan').to.equal('false');
  });

  it('explain that tickets have no AI agent, and a role without transfer permission', async () => {
    const ticket = await setup({ userId: 'dave', conversationId: 'c-vat' });
    expect(text(menuItem(ticket.editor, 'ai').querySelector('.item-reason'))).to.equal('Tickets have no AI agent to return to.');
    expect(menuItem(ticket.editor, 'transfer').getAttribute('aria-disabled')).to.equal('false');
    const noTransfer = await setup({
      userId: 'grace',
      conversationId: 'c-refund',
      snapshot: demo((s) => (s.conversations.find((c) => c.id === 'c-refund')!.assignee = { type: 'user', id: 'grace' })),
    });
    expect(text(menuItem(noTransfer.editor, 'transfer').querySelector('.item-reason'))).to.equal("Your role can't transfer livechats.");
    expect(text(menuItem(noTransfer.editor, 'team').querySelector('.item-reason'))).to.equal("Your role can't transfer livechats.");
    expect(menuItem(noTransfer.editor, 'close').getAttribute('aria-disabled')).to.equal('false');
  });

  it('do nothing when a disabled item is clicked', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-login' });
    await click(menuButton(editor));
    await click(menuItem(editor, 'close'));
    await settle(editor);
    expect(conversationOf(backend, 'c-login').status).to.equal('open');
    expect(editor.shadowRoot!.querySelector('dialog')).to.equal(null);
  });
});

describe('menu placement', () => {
  const rect = (el: Element) => el.getBoundingClientRect();

  it('lines up with its button when there is room', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await click(menuButton(editor));
    const menu = editor.shadowRoot!.querySelector('[role="menu"]')!;
    expect(Math.abs(rect(menu).right - rect(menuButton(editor)).right)).to.be.below(2);
  });

  for (const [width, dir] of [[340, 'ltr'], [340, 'rtl'], [220, 'ltr']] as const)
    it(`stays inside a ${width} px composer (${dir})`, async () => {
      const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund', dir });
      editor.style.width = `${width}px`;
      await click(menuButton(editor));
      const menu = editor.shadowRoot!.querySelector('[role="menu"]')!;
      const base = rect(editor.shadowRoot!.querySelector('[part~="base"]')!);
      expect(rect(menu).left, 'left edge').to.be.at.least(base.left);
      expect(rect(menu).right, 'right edge').to.be.at.most(base.right);
      // Every item's text is in view, none cut off.
      for (const item of menu.querySelectorAll('[role="menuitem"]')) expect(item.scrollWidth).to.be.at.most(item.clientWidth);
    });
});

describe('markup as shipped', () => {
  it('renders the minified templates: no text node in the shadow root holds a line break', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await click(menuButton(editor));
    await click(menuItem(editor, 'transfer'));
    await waitUntil(() => editor.shadowRoot!.querySelectorAll('[role="option"]').length > 0, 'the transfer dialog lists candidates');
    const root = editor.shadowRoot!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
    const breaks: string[] = [];
    let texts = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) texts++;
      // Lit's own markers are empty comments, `?lit$<digits>$`, and `?` after a template that ends in a
      // binding; any other comment is one the template kept.
      const value = node.nodeValue ?? '';
      if (/\n/.test(value) || (node.nodeType === Node.COMMENT_NODE && !/^(\?(lit\$\d+\$)?)?$/.test(value)))
        breaks.push(JSON.stringify(value));
    }
    expect(root.querySelector('dialog[open]'), 'the dialog is part of what was walked').to.not.equal(null);
    expect(texts).to.be.greaterThan(20);
    expect(breaks).to.deep.equal([]);
  });
});
