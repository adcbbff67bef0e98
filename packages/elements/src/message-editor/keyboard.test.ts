import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { assigneeOf, conversationOf, dialog, menuButton, notice, settle, setup, shadow, text, textarea, waitUntil } from '../test/fixtures.js';

const focused = (editor: HTMLElement) => editor.shadowRoot!.activeElement as HTMLElement | null;

/** Counts mouse and pointer events on the page, to prove a flow used the keyboard alone. */
function watchMouse() {
  let count = 0;
  const count1 = () => count++;
  const names = ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'mousemove'];
  for (const name of names) document.addEventListener(name, count1, true);
  return {
    get count() {
      return count;
    },
    stop: () => names.forEach((name) => document.removeEventListener(name, count1, true)),
  };
}

describe('menu button (keyboard)', () => {
  it('opens with arrows, wraps, supports Home/End, uses a roving tabindex and returns focus on Escape', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    menuButton(editor).focus();
    await sendKeys({ press: 'ArrowUp' });
    await editor.updateComplete;
    expect(menuButton(editor).getAttribute('aria-expanded')).to.equal('true');
    expect(focused(editor)?.dataset.item).to.equal('close', 'ArrowUp opens on the last item');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(editor)?.dataset.item).to.equal('transfer', 'wraps to the first');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(editor)?.dataset.item).to.equal('close', 'wraps to the last');
    await sendKeys({ press: 'Home' });
    expect(focused(editor)?.dataset.item).to.equal('transfer');
    await sendKeys({ press: 'End' });
    expect(focused(editor)?.dataset.item).to.equal('close');
    const tabbable = [...editor.shadowRoot!.querySelectorAll('[role="menuitem"]')].filter((i) => i.getAttribute('tabindex') === '0');
    expect(tabbable.map((i) => (i as HTMLElement).dataset.item)).to.deep.equal(['close']);
    await sendKeys({ press: 'Escape' });
    await editor.updateComplete;
    expect(menuButton(editor).getAttribute('aria-expanded')).to.equal('false');
    expect(shadow(editor, '[role="menu"]').hidden).to.equal(true);
    expect(focused(editor) === menuButton(editor), 'focus returns to the menu button').to.equal(true);
  });

  it('keeps focus inside a dialog and returns it to the menu button on Escape', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    menuButton(editor).focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog(editor)?.open);
    await waitUntil(() => focused(editor)?.getAttribute('role') === 'combobox', 'focus did not start in the search field');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    // The confirm button stays focusable while nobody is picked (aria-disabled, like Send).
    expect(text(focused(editor))).to.equal('Transfer', 'Shift+Tab wraps to the last control');
    expect(focused(editor)?.getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    expect(focused(editor)?.getAttribute('role')).to.equal('combobox', 'Tab wraps to the first');
    await sendKeys({ press: 'Escape' });
    await settle(editor);
    expect(editor.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(focused(editor) === menuButton(editor), 'focus returns to the menu button').to.equal(true);
  });
});

describe('keyboard only', () => {
  it('transfers, transfers to a team and takes over with no mouse events', async () => {
    const mouse = watchMouse();
    // Transfer: Tab to the menu, Enter, Enter, search, pick, note, confirm.
    const one = await setup({ userId: 'alice', conversationId: 'c-refund' });
    textarea(one.editor).focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(one.editor) === menuButton(one.editor), 'Tab reaches the menu button').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await one.editor.updateComplete;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(one.editor)?.getAttribute('role') === 'combobox', 'no search field focus');
    await waitUntil(() => one.editor.shadowRoot!.querySelector('#option-carol'));
    await sendKeys({ type: 'car' });
    await one.editor.updateComplete;
    expect(focused(one.editor)!.getAttribute('aria-activedescendant')).to.equal('option-carol');
    await sendKeys({ press: 'Enter' });
    await one.editor.updateComplete;
    expect(shadow(one.editor, '#option-carol').getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'VIP customer' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => assigneeOf(one.backend, 'c-refund')?.id === 'carol', 'not transferred');
    expect(one.backend.state.log.get('c-refund')!.at(-1)!.note).to.equal('VIP customer');

    // Team transfer: ArrowDown opens the menu, ArrowDown to "Transfer teams…", radios by arrow keys.
    const two = await setup({ userId: 'bob', conversationId: 'c-login' });
    menuButton(two.editor).focus();
    await sendKeys({ press: 'ArrowDown' });
    await two.editor.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => (focused(two.editor) as HTMLInputElement | null)?.type === 'radio', 'no team focus');
    await sendKeys({ press: 'ArrowDown' });
    await two.editor.updateComplete;
    expect((focused(two.editor) as HTMLInputElement).value).to.equal('team-billing');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(text(focused(two.editor))).to.equal('Transfer to team');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => assigneeOf(two.backend, 'c-login')?.id === 'dave', 'not routed');
    await settle(two.editor);
    expect(text(notice(two.editor))).to.equal('Assigned to Dave Okafor via Billing.');

    // Takeover & Send: type and press Enter.
    const three = await setup({ userId: 'carol', conversationId: 'c-login' });
    textarea(three.editor).focus();
    await sendKeys({ type: 'Carol taking over' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => assigneeOf(three.backend, 'c-login')?.id === 'carol', 'no takeover');
    expect(conversationOf(three.backend, 'c-login').status).to.equal('open');
    expect(three.backend.state.messages.get('c-login')!.at(-1)!.body).to.equal('Carol taking over');

    mouse.stop();
    expect(mouse.count).to.equal(0);
  });
});
