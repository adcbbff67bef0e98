import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { createMemoryBackend } from '@baton/sdk';
import './define.js';
import { defineElement } from './shared/define.js';
import { BatonMessageEditor } from './message-editor/baton-message-editor.js';
import { BatonProvider } from './provider/baton-provider.js';
import { demo, loaded, MemoryStorage, menuButton, sendButton, setup, shadow, text, textarea, waitUntil } from './test/fixtures.js';

describe('baton-provider', () => {
  it('builds a client from backend and user-id, and gives it to descendants', async () => {
    const backend = createMemoryBackend(demo());
    const provider = await fixture<BatonProvider>(html`<baton-provider user-id="bob" .backend=${backend}>
      <div><baton-message-editor conversation-id="c-login" .storage=${new MemoryStorage()}></baton-message-editor></div>
    </baton-provider>`);
    const editor = provider.querySelector('baton-message-editor')!;
    await loaded(editor);
    expect(provider.client?.userId).to.equal('bob');
    expect(editor.client === provider.client, 'the editor has the provider\'s client').to.equal(true);
    expect(text(sendButton(editor))).to.equal('Send');
    expect(shadow(provider, '[part~="base"]')).to.exist;
    provider.userId = 'carol';
    await waitUntil(() => editor.client?.userId === 'carol', 'did not switch user');
    await waitUntil(() => text(sendButton(editor)) === 'Takeover & Send');
  });
});

describe('define guard', () => {
  it('warns instead of throwing when the tag is already taken', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      expect(() => defineElement('baton-message-editor', class extends HTMLElement {})).not.to.throw();
      defineElement('baton-message-editor', BatonMessageEditor);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('<baton-message-editor> is already defined');
    expect(customElements.get('baton-message-editor')).to.equal(BatonMessageEditor);
  });
});

describe('form association', () => {
  it('submits the draft under its name and clears on form reset', async () => {
    const { client } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    const form = await fixture<HTMLFormElement>(html`<form>
      <baton-message-editor name="reply" conversation-id="c-refund" .client=${client} .storage=${new MemoryStorage()}></baton-message-editor>
    </form>`);
    const editor = form.querySelector('baton-message-editor')!;
    await loaded(editor);
    textarea(editor).focus();
    await sendKeys({ type: 'from the form' });
    await editor.updateComplete;
    expect(new FormData(form).get('reply')).to.equal('from the form');
    expect(editor.value).to.equal('from the form');
    form.reset();
    await editor.updateComplete;
    expect(editor.value).to.equal('');
    expect(textarea(editor).value).to.equal('');
  });

  it('disables its controls inside a disabled fieldset', async () => {
    const { client } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    const form = await fixture<HTMLFormElement>(html`<form><fieldset disabled>
      <baton-message-editor conversation-id="c-refund" .client=${client} .storage=${new MemoryStorage()}></baton-message-editor>
    </fieldset></form>`);
    const editor = form.querySelector('baton-message-editor')!;
    await loaded(editor);
    expect(textarea(editor).disabled).to.equal(true);
    expect(menuButton(editor).disabled).to.equal(true);
  });
});

describe('look and fit', () => {
  it('is not restyled by aggressive global CSS on the host page', async () => {
    const style = document.createElement('style');
    // Sizes follow the root font size (rem) on purpose; everything under <body> is fair game.
    style.textContent = `body, body * { color: rgb(255, 0, 0) !important; font-size: 40px !important; line-height: 3 !important;
      text-transform: uppercase !important; letter-spacing: 9px !important; text-align: right !important; }
      button, textarea, [role] { display: none !important; background: lime !important; }`;
    document.head.append(style);
    try {
      const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
      const button = sendButton(editor);
      const css = getComputedStyle(button);
      expect(css.display).to.equal('flex', 'a flex item, not hidden by the page');
      expect(css.color).not.to.equal('rgb(255, 0, 0)');
      expect(css.fontSize).not.to.equal('40px');
      expect(css.textTransform).to.equal('none');
      expect(css.letterSpacing).to.equal('normal');
      expect(getComputedStyle(textarea(editor)).textAlign).to.equal('start');
      expect(button.getBoundingClientRect().height).to.be.within(30, 60);
    } finally {
      style.remove();
    }
  });

  it('follows --baton-* custom properties and exposes parts', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    editor.style.setProperty('--baton-accent', 'rgb(1, 2, 3)');
    // The colour change is animated (120 ms).
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(getComputedStyle(sendButton(editor)).backgroundColor).to.equal('rgb(1, 2, 3)');
    for (const part of ['base', 'textarea', 'send-button', 'menu-button', 'menu', 'menu-item', 'notice', 'toolbar']) {
      expect(editor.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.exist;
    }
  });

  it('has dark defaults and respects reduced motion', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    const base = shadow(editor, '[part~="base"]');
    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(27, 31, 37)');
    await emulateMedia({ colorScheme: 'light' });
    const menu = shadow(editor, '[role="menu"]');
    expect(getComputedStyle(menu).transitionDuration).to.contain('0.12s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(menu).transitionDuration).to.equal('0s, 0s');
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('grows the text area with its content, up to a limit', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    const before = textarea(editor).getBoundingClientRect().height;
    textarea(editor).focus();
    for (let i = 0; i < 3; i++) {
      await sendKeys({ type: 'line' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
    }
    await editor.updateComplete;
    const grown = textarea(editor).getBoundingClientRect().height;
    expect(grown).to.be.greaterThan(before + 30);
    for (let i = 0; i < 20; i++) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
    }
    await editor.updateComplete;
    expect(textarea(editor).getBoundingClientRect().height).to.be.at.most(12 * 16 + 2, '12rem, the default --baton-editor-max-height');
  });
});
