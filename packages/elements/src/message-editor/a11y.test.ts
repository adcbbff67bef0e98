import { expect } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import { sendKeys } from '@web/test-runner-commands';
import { click, demo, dialog, menuButton, menuItem, notice, settle, setup, shadow, text, textarea, waitUntil } from '../test/fixtures.js';

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}
declare const axe: { run(context: Element, options?: object): Promise<AxeResult> };

/** Runs axe on the editor (shadow DOM included) and fails with a readable list of violations. */
async function expectNoViolations(editor: HTMLElement, state: string) {
  // Let fade-ins finish: half-transparent text mid-transition is not what people read.
  await Promise.all(editor.shadowRoot!.getAnimations().map((animation) => animation.finished));
  const { violations } = await axe.run(editor, { resultTypes: ['violations'] });
  const summary = violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(summary, state).to.deep.equal([]);
}

describe('accessibility (axe)', () => {
  it('has no violations with the menu closed, open, and in each dialog', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    await expectNoViolations(editor, 'menu closed');
    await click(menuButton(editor));
    await editor.updateComplete;
    expect(shadow(editor, '[role="menu"]').hidden).to.equal(false);
    await expectNoViolations(editor, 'menu open');
    await click(menuItem(editor, 'transfer'));
    await waitUntil(() => editor.shadowRoot!.querySelector('[role="option"]'));
    shadow<HTMLInputElement>(editor, '[role="combobox"]').focus();
    await sendKeys({ press: 'ArrowDown' });
    await editor.updateComplete;
    await expectNoViolations(editor, 'transfer dialog');
    await sendKeys({ type: 'nobody by this name' });
    await editor.updateComplete;
    expect(text(shadow(editor, '#result-count'))).to.equal('No agent matches.');
    await expectNoViolations(editor, 'transfer dialog without matches');
    await sendKeys({ press: 'Escape' });
    await settle(editor);
    await click(menuButton(editor));
    await click(menuItem(editor, 'team'));
    await waitUntil(() => editor.shadowRoot!.querySelector('[data-team]'));
    await expectNoViolations(editor, 'team dialog');
    expect(dialog(editor).open).to.equal(true);
  });

  it('has no violations in disabled states (menu open with disabled items)', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-login', snapshot: demo((s) => (s.workspace.plan = 'free')) });
    await editor.updateComplete;
    expect(shadow(editor, '[part~="send-button"]').getAttribute('aria-disabled')).to.equal('true');
    await expectNoViolations(editor, 'disabled');
    await click(menuButton(editor));
    await expectNoViolations(editor, 'disabled items');
  });

  it('has no violations in the error state', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    textarea(editor).focus();
    await sendKeys({ type: 'Too late' });
    // The conversation closes under the viewer before the client hears of it.
    editor.client!.send = () => backend.execute({ type: 'close', actor: { type: 'user', id: 'frank' }, conversationId: 'c-refund' }).then(() => {
      throw Object.assign(new Error('closed'), { name: 'BatonError', code: 'conversation-closed', refusal: { code: 'conversation-closed', message: 'closed' } });
    });
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(notice(editor).dataset.tone).to.equal('error');
    await expectNoViolations(editor, 'error');
  });
});

describe('the axe check itself', () => {
  it('sees into the shadow root: an unlabeled button there is reported', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund' });
    const broken = document.createElement('button');
    editor.shadowRoot!.querySelector('[part~="toolbar"]')!.append(broken);
    const { violations } = await axe.run(editor, { resultTypes: ['violations'] });
    expect(violations.map((v) => v.id)).to.include('button-name');
    broken.remove();
  });
});
