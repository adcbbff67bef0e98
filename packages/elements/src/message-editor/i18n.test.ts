import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, createMemoryBackend } from '@baton/sdk';
import {
  click,
  demo,
  loaded,
  menuButton,
  menuItem,
  MemoryStorage,
  NOW,
  notice,
  sendButton,
  settle,
  setup,
  shadow,
  text,
  textarea,
  waitUntil,
} from '../test/fixtures.js';
import type { BatonMessageEditor } from './baton-message-editor.js';

describe('German', () => {
  it('renders labels, menu items and reasons in German', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-login', lang: 'de-DE', snapshot: demo((s) => (s.workspace.plan = 'free')) });
    expect(text(sendButton(editor))).to.equal('Übernehmen & Senden');
    expect(text(shadow(editor, '[part~="reason"]'))).to.equal('Erfordert den Lite-Tarif.');
    expect(text(menuItem(editor, 'transfer').querySelector('.label'))).to.equal('Weiterleiten…');
    expect(text(menuItem(editor, 'close').querySelector('.item-reason'))).to.equal('Nur die zugewiesene Person kann schließen. Zugewiesen an Bob Chen.');
    expect(textarea(editor).placeholder).to.contain('Antwort schreiben');
    expect(shadow(editor, '[part~="base"]').getAttribute('lang')).to.equal('de-DE');
  });

  it('says who won a race, and when, in German', async () => {
    const clock = { now: NOW + 60_000 };
    const { editor, backend } = await setup({ userId: 'dave', conversationId: 'c-upgrade', lang: 'de', clock });
    // Frank claims it; Dave's client has not heard yet because the event comes after his request.
    editor.client!.claim = async () => {
      clock.now -= 5000;
      await backend.execute({ type: 'claim', actor: { type: 'user', id: 'frank' }, conversationId: 'c-upgrade' });
      clock.now += 5000;
      return backend.execute({ type: 'claim', actor: { type: 'user', id: 'dave' }, conversationId: 'c-upgrade', expectedVersion: 1 });
    };
    await click(sendButton(editor));
    await waitUntil(() => text(notice(editor)).includes('Frank'));
    expect(text(notice(editor))).to.equal('Frank Moreau hat sie vor 5 Sekunden angenommen. Ihr Entwurf bleibt erhalten.');
  });

  it('says "gerade eben" for a race lost under a second ago', async () => {
    const { editor, backend } = await setup({ userId: 'dave', conversationId: 'c-upgrade', lang: 'de' });
    editor.client!.claim = async () => {
      await backend.execute({ type: 'claim', actor: { type: 'user', id: 'frank' }, conversationId: 'c-upgrade' });
      return backend.execute({ type: 'claim', actor: { type: 'user', id: 'dave' }, conversationId: 'c-upgrade', expectedVersion: 1 });
    };
    await click(sendButton(editor));
    await waitUntil(() => text(notice(editor)).includes('Frank'));
    expect(text(notice(editor))).to.equal('Frank Moreau hat sie gerade eben angenommen. Ihr Entwurf bleibt erhalten.');
  });

  it('takes the language from the document when no ancestor sets one, and the element over its ancestors', async () => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'de';
    try {
      const backend = createMemoryBackend(demo());
      const client = createClient({ backend, userId: 'alice' });
      const el = await fixture<HTMLDivElement>(html`<div>
        <baton-message-editor conversation-id="c-refund" .client=${client} .storage=${new MemoryStorage()}></baton-message-editor>
        <section lang="en">
          <baton-message-editor conversation-id="c-refund" .client=${client} .storage=${new MemoryStorage()}></baton-message-editor>
          <baton-message-editor lang="de" conversation-id="c-refund" .client=${client} .storage=${new MemoryStorage()}></baton-message-editor>
        </section>
      </div>`);
      const [fromDocument, fromAncestor, fromElement] = [...el.querySelectorAll('baton-message-editor')] as BatonMessageEditor[];
      for (const editor of [fromDocument, fromAncestor, fromElement]) await loaded(editor);
      expect(text(sendButton(fromDocument))).to.equal('Senden');
      expect(text(sendButton(fromAncestor))).to.equal('Send');
      expect(text(sendButton(fromElement))).to.equal('Senden');
      el.querySelector('section')!.setAttribute('lang', 'de');
      await waitUntil(() => text(sendButton(fromAncestor)) === 'Senden', 'did not follow an ancestor lang change');
    } finally {
      document.documentElement.lang = previous;
    }
  });
});

describe('a conversation out of sight', () => {
  const cases = [
    { lang: 'en', reason: 'You can no longer see this conversation.' },
    { lang: 'de', reason: 'Sie können diese Unterhaltung nicht mehr sehen.' },
  ];
  for (const { lang, reason } of cases)
    it(`says the viewer can no longer see it on every disabled control (${lang})`, async () => {
      const first = await setup({ userId: 'dave', conversationId: 'c-invoice' });
      const { backend } = first;
      const dave = { type: 'user', id: 'dave' } as const;
      await backend.execute({ type: 'claim', actor: dave, conversationId: 'c-invoice' });
      await backend.execute({ type: 'transfer', actor: dave, conversationId: 'c-invoice', targetUserId: 'alice' });
      const { editor } = await setup({ userId: 'alice', conversationId: 'c-invoice', backend, storage: first.storage, lang });
      await backend.execute({ type: 'takeover', actor: dave, conversationId: 'c-invoice', messageId: 'm-dave', body: 'Dave here' });
      await waitUntil(() => menuItem(editor, 'close').getAttribute('aria-disabled') === 'true', 'close still enabled');
      await settle(editor);
      expect(text(shadow(editor, '[part~="reason"]'))).to.equal(reason);
      for (const id of ['transfer', 'team', 'ai', 'close'] as const)
        expect(text(menuItem(editor, id).querySelector('.item-reason')), id).to.equal(reason);
    });
});

describe('right to left', () => {
  it('lays out mirrored when an ancestor sets dir="rtl"', async () => {
    const { editor } = await setup({ userId: 'alice', conversationId: 'c-refund', dir: 'rtl', lang: 'ar' });
    const base = shadow(editor, '[part~="base"]');
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(textarea(editor)).direction).to.equal('rtl');
    // The menu button comes first in reading order, so in RTL it sits to the right of Send.
    expect(menuButton(editor).getBoundingClientRect().left).to.be.greaterThan(sendButton(editor).getBoundingClientRect().left);
    // The toolbar hugs the inline end: the left edge in RTL.
    expect(sendButton(editor).getBoundingClientRect().left - base.getBoundingClientRect().left).to.be.below(40);
    await click(menuButton(editor));
    const menu = shadow(editor, '[role="menu"]');
    expect(Math.abs(menu.getBoundingClientRect().left - menuButton(editor).getBoundingClientRect().left)).to.be.below(2);
    await click(menuItem(editor, 'transfer'));
    await waitUntil(() => shadow<HTMLDialogElement>(editor, 'dialog')?.open);
    expect(getComputedStyle(shadow(editor, 'dialog')).direction).to.equal('rtl');
    expect(text(sendButton(editor))).to.equal('Send', 'unknown languages fall back to English');
  });

  it('keeps typing and Enter working in RTL', async () => {
    const { editor, backend } = await setup({ userId: 'alice', conversationId: 'c-refund', dir: 'rtl' });
    textarea(editor).focus();
    await sendKeys({ type: 'salam' });
    const sent = oneEvent(editor, 'baton-send');
    await sendKeys({ press: 'Enter' });
    await sent;
    await settle(editor);
    expect(backend.state.messages.get('c-refund')!.at(-1)!.body).to.equal('salam');
  });
});

describe('catalogues', () => {
  it('loads German on demand and has nothing to load for English or unknown languages', async () => {
    const { catalogueFor, loadCatalogue } = await import('../shared/localize.js');
    expect(loadCatalogue('en')).to.equal(undefined);
    expect(loadCatalogue('ar')).to.equal(undefined);
    const german = await (loadCatalogue('de-AT') ?? Promise.resolve(catalogueFor('de-AT')));
    expect(german.lang).to.equal('de');
    expect(catalogueFor('de-AT')).to.equal(german);
    expect(loadCatalogue('de')).to.equal(undefined, 'already loaded');
  });

  it('words relative times in the language of the sentence around them', async () => {
    const { catalogueFor, loadCatalogue, relativeTime } = await import('../shared/localize.js');
    await loadCatalogue('de');
    expect(relativeTime(catalogueFor('en'), 0)).to.equal('just now');
    expect(relativeTime(catalogueFor('en'), 400)).to.equal('just now');
    expect(relativeTime(catalogueFor('en'), 2000)).to.equal('2 seconds ago');
    expect(relativeTime(catalogueFor('de'), 0)).to.equal('gerade eben');
    expect(relativeTime(catalogueFor('de'), 5000)).to.equal('vor 5 Sekunden');
    // A language without a catalogue reads English, times included.
    expect(relativeTime(catalogueFor('fr'), 2000)).to.equal('2 seconds ago');
  });
});
