import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, createMemoryBackend } from '@baton/sdk';
import { nothing } from 'lit';
import {
  click,
  demo,
  dialog,
  loaded,
  MemoryStorage,
  menuButton,
  menuItem,
  NOW,
  notice,
  settle,
  setup,
  shadow,
  text,
  textarea,
  waitUntil,
} from '../test/fixtures.js';

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}
declare const axe: { run(context: Element, options?: object): Promise<AxeResult> };

/** Runs axe on the context (the editor, or a page around it; shadow DOM included) and fails with a readable list of violations. */
async function expectNoViolations(context: HTMLElement, state: string, editor = context) {
  // Let fade-ins finish: half-transparent text mid-transition is not what people read.
  await Promise.all(editor.shadowRoot!.getAnimations().map((animation) => animation.finished));
  const { violations } = await axe.run(context, { resultTypes: ['violations'] });
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

describe('dialog title in the host page outline', () => {
  /** A host page whose headings go h1 to h3, with the editor under the h3 and an h4 after it. */
  async function hostPage(headingLevel?: number) {
    const backend = createMemoryBackend(demo(), { now: () => NOW, random: () => 0.5 });
    const client = createClient({ backend, userId: 'alice' });
    const page = await fixture<HTMLElement>(html`<main>
      <h1>Inbox</h1>
      <h2>Conversations</h2>
      <h3>Refund for a double charge</h3>
      <baton-provider .client=${client}>
        <baton-message-editor conversation-id="c-refund" heading-level=${headingLevel ?? nothing} .storage=${new MemoryStorage()}></baton-message-editor>
      </baton-provider>
      <h4>Details</h4>
    </main>`);
    const editor = page.querySelector('baton-message-editor')!;
    await loaded(editor);
    await click(menuButton(editor));
    await click(menuItem(editor, 'transfer'));
    await waitUntil(() => dialog(editor)?.open, 'the dialog did not open');
    return { page, editor, title: shadow(editor, 'dialog [role="heading"]') };
  }

  it('takes its level from heading-level, so an open dialog keeps the page axe-clean', async () => {
    const { page, editor, title } = await hostPage(4);
    expect(title.getAttribute('aria-level')).to.equal('4');
    expect(text(title)).to.equal('Transfer conversation');
    await expectNoViolations(page, 'transfer dialog open under an h3', editor);
  });

  it('clamps heading-level to 1–6 and falls back to 2 for what is not a number', async () => {
    const { editor, title } = await hostPage(4);
    for (const [attribute, level] of [['0', '1'], ['7', '6'], ['3.6', '4'], ['abc', '2']]) {
      editor.setAttribute('heading-level', attribute);
      await editor.updateComplete;
      expect(title.getAttribute('aria-level'), `heading-level="${attribute}"`).to.equal(level);
    }
  });

  it('is a level 2 heading by default, which axe reports under an h3 followed by an h4', async () => {
    const { page, title } = await hostPage();
    expect(title.getAttribute('aria-level')).to.equal('2');
    const { violations } = await axe.run(page, { resultTypes: ['violations'] });
    expect(violations.map((v) => v.id)).to.include('heading-order');
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
