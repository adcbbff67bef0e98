import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { errorsOf, openSandbox, pane, root, startSandbox, type Sandbox } from './harness.js';

const shots = `${root}/docs/screenshots`;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let sandbox: Sandbox;

before(async () => {
  mkdirSync(shots, { recursive: true });
  sandbox = await startSandbox();
});
after(async () => {
  await sandbox?.close();
});

/**
 * A fresh page (its own browser context, so its own memory backend), closed when the test ends.
 * A page on the memory backend must end its test having logged no error.
 */
async function open(t: TestContext, query = ''): Promise<Page> {
  const page = await openSandbox(sandbox, query);
  page.setDefaultTimeout(8_000);
  t.after(async () => {
    const errors = [...errorsOf(page)];
    await page.context().close();
    if (!query.includes('backend=http')) assert.deepEqual(errors, [], 'the page logged errors');
  });
  return page;
}

const editor = (page: Page, agent: string) => pane(page, agent).locator('baton-message-editor');
const fact = (page: Page, agent: string, name: string) => pane(page, agent).locator(`dd[data-fact="${name}"]`);

/** Opens the editor's menu in an agent's pane and picks an item, by clicks. */
async function menu(page: Page, agent: string, item: 'transfer' | 'team' | 'ai' | 'close') {
  await editor(page, agent).locator('[part~="menu-button"]').click();
  await editor(page, agent).locator(`[role="menuitem"][data-item="${item}"]`).click();
}

async function startScenario(page: Page, id: string) {
  await page.locator(`[data-scenario="${id}"]`).click();
  await page.locator('#scenario-do[aria-disabled="false"]').waitFor();
}

async function doStep(page: Page) {
  await page.locator('#scenario-do[aria-disabled="false"]').click();
}

/** Fails unless `expected` is the focused element, naming what has focus instead (often `<body>`). */
async function assertFocused(expected: Locator, what: string) {
  const { focused, active } = await expected.evaluate((element) => {
    const active = document.activeElement;
    return { focused: active === element, active: !active || active === document.body ? '<body>' : active.outerHTML.slice(0, 160) };
  });
  assert.notEqual(active, '<body>', `${what}: focus fell to <body>`);
  assert.ok(focused, `${what}: focus is on ${active}`);
}

const stepStates = (page: Page) => page.locator('.steps .step').evaluateAll((steps) => steps.map((s) => (s as HTMLElement).dataset.state));

/** The control panel's customer writes in the conversation it has selected (clicked without moving focus). */
async function customerWritesTo(page: Page, text: string) {
  await page.locator('#control-customer-text').fill(text);
  await page.locator('#control-customer-send').dispatchEvent('click');
}

/** Alice opens another of the chats while the control panel's customer is set to write in c-refund. */
async function aliceLooksElsewhere(page: Page) {
  await pane(page, 'alice').locator('input[type="radio"][value="all"]').check();
  await pane(page, 'alice').locator('.conversation-item[data-conversation="c-login"]').click();
  await page.locator('#control-customer-conversation').selectOption('c-refund');
}

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

// Each page has its own in-page workspace, so these run side by side.
describe('demo sandbox (memory backend)', { concurrency: 3 }, () => {
  it('shows four agent panes with their inboxes, and axe finds no violations', async (t) => {
    const page = await open(t);
    assert.equal(await page.locator('.pane').count(), 4);
    await assert.doesNotReject(fact(page, 'alice', 'assignee').filter({ hasText: 'Alice Martin' }).waitFor());
    await assert.doesNotReject(editor(page, 'alice').locator('[part~="send-button"]').filter({ hasText: 'Send' }).waitFor());
    await page.screenshot({ path: `${shots}/sandbox.png` });
    assert.deepEqual(await axeViolations(page), []);
    // Axe again with the editor's menu open and a scenario under way.
    await startScenario(page, 'escalation');
    await editor(page, 'alice').locator('[part~="menu-button"]').click();
    await editor(page, 'alice').locator('[role="menu"]:not([hidden])').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    // The browser asks for an icon after the page loads; let that request finish before reading the console.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errorsOf(page), []);
  });

  it('escalation: Alice transfers through the editor and Carol sees it live (toast, badge, inbox)', async (t) => {
    const page = await open(t);
    await startScenario(page, 'escalation');
    await menu(page, 'alice', 'transfer');
    const combobox = editor(page, 'alice').locator('[part~="combobox"]');
    await combobox.fill('carol');
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    await editor(page, 'alice').locator('#transfer-note').fill('Customer asks for a manager');
    await page.screenshot({ path: `${shots}/transfer-dialog.png` });
    assert.deepEqual(await axeViolations(page), [], 'axe, with the transfer dialog open');
    await editor(page, 'alice').locator('.transfer-dialog [part~="confirm-button"]').click();

    // Carol's pane, live: a toast, an unread badge, and the chat in her own list.
    await pane(page, 'carol').locator('.toast-assigned').filter({ hasText: 'Refund for a double charge' }).waitFor();
    assert.equal(await pane(page, 'carol').locator('[data-testid="unread"]').textContent(), '1');
    await pane(page, 'carol').locator('.conversation-item[data-conversation="c-refund"]').waitFor();
    await fact(page, 'alice', 'assignee').filter({ hasText: 'Carol Diaz' }).waitFor();
    assert.deepEqual(await stepStates(page), ['done', 'current']);

    await doStep(page);
    await page.locator('[data-testid="scenario-outcome"]').waitFor();
    await pane(page, 'carol').locator('.thread .message.mine').filter({ hasText: "I'm Carol" }).waitFor();
    const entry = pane(page, 'carol').locator('.timeline .entry[data-action="transfer"]');
    assert.match(await entry.innerText(), /Alice Martin transferred it[\s\S]*Alice Martin → Carol Diaz[\s\S]*Customer asks for a manager/);
  });

  it('shift change: Bob goes away and his chats are redistributed to online Support agents', async (t) => {
    const page = await open(t);
    await startScenario(page, 'shift');
    await pane(page, 'bob').locator('.conversation-item').nth(2).waitFor();
    assert.equal(await pane(page, 'bob').locator('.conversation-item').count(), 3);
    await page.locator('#control-bob-availability').selectOption('away');
    await pane(page, 'bob').locator('.conversation-list .empty').waitFor();
    await pane(page, 'bob').locator('.pane-role').filter({ hasText: 'Away' }).waitFor();
    assert.deepEqual(await stepStates(page), ['done', 'current']);
    await doStep(page);
    const outcome = await page.locator('[data-testid="scenario-outcome"]').innerText();
    assert.doesNotMatch(outcome, /Bob Chen|a queue/);
    assert.match(outcome, /Bob’s chats went to (Alice Martin|Carol Diaz|Grace Kim)/);
    await pane(page, 'bob').locator('.pane-role').filter({ hasText: 'Online' }).waitFor();
  });

  it('team transfer: waits in the Escalations queue and drains to Carol when she comes online', async (t) => {
    const page = await open(t);
    await startScenario(page, 'queue');
    await pane(page, 'carol').locator('.pane-role').filter({ hasText: 'Away' }).waitFor();
    await menu(page, 'alice', 'team');
    await editor(page, 'alice').locator('[part~="team-option"][data-team="team-escalations"] input').check();
    await editor(page, 'alice').locator('.team-dialog [part~="confirm-button"]').click();
    await fact(page, 'alice', 'status').filter({ hasText: 'Waiting' }).waitFor();
    assert.equal(await fact(page, 'alice', 'team').textContent(), 'Escalations');
    assert.deepEqual(await stepStates(page), ['done', 'current']);

    await page.locator('#control-carol-availability').selectOption('online');
    await pane(page, 'carol').locator('.toast-assigned').filter({ hasText: 'Refund for a double charge' }).waitFor();
    await page.locator('[data-testid="scenario-outcome"]').waitFor();
    await fact(page, 'alice', 'assignee').filter({ hasText: 'Carol Diaz' }).waitFor();
    // Each pane follows its own client's events: wait for Alice's log to show the assignment, then check it is the newest entry.
    await pane(page, 'alice').locator('.timeline .entry').filter({ hasText: 'Routing assigned it automatically' }).first().waitFor();
    assert.match(await pane(page, 'alice').locator('.timeline .entry').first().innerText(), /Routing assigned it automatically/);
  });

  it('takeover race: Bob and Carol press Takeover & Send together, exactly one wins and both panes show who', async (t) => {
    const page = await open(t);
    await startScenario(page, 'race');
    for (const agent of ['bob', 'carol'])
      await editor(page, agent).locator('[part~="send-button"]').filter({ hasText: 'Takeover & Send' }).waitFor();
    await doStep(page);
    await page.locator('[data-testid="scenario-outcome"]').waitFor();
    const outcome = await page.locator('[data-testid="scenario-outcome"]').innerText();
    const winner = /Bob Chen won/.test(outcome) ? 'bob' : 'carol';
    const loser = winner === 'bob' ? 'carol' : 'bob';
    const winnerName = winner === 'bob' ? 'Bob Chen' : 'Carol Diaz';
    for (const agent of ['alice', 'bob', 'carol']) await fact(page, agent, 'assignee').filter({ hasText: winnerName }).waitFor();
    await editor(page, winner).locator('[part~="notice"]').filter({ hasText: 'You took over this conversation.' }).waitFor();
    await editor(page, loser).locator('[part~="notice"]').filter({ hasText: `${winnerName} took over` }).waitFor();
    // The loser's draft is kept; only the winner's message reached the customer.
    assert.notEqual(await editor(page, loser).locator('[part~="textarea"]').inputValue(), '');
    assert.equal(await pane(page, winner).locator('.thread .message.mine').count(), 1);
    assert.equal(await pane(page, loser).locator('.thread .message.mine').count(), 0);
    assert.equal(await pane(page, 'alice').locator('.timeline .entry[data-action="takeover"]').count(), 1);
    await page.screenshot({ path: `${shots}/takeover-race.png` });
  });

  it('closed back to the AI agent: Alice closes, the customer writes, Ava hands off again', async (t) => {
    const page = await open(t);
    await startScenario(page, 'close');
    await menu(page, 'alice', 'close');
    await fact(page, 'alice', 'status').filter({ hasText: 'Closed' }).waitFor();
    assert.equal(await fact(page, 'alice', 'assignee').textContent(), 'Ava (AI)');
    await page.locator('#control-customer-conversation').selectOption('c-refund');
    await page.locator('#control-customer-text').fill('One more question, please.');
    await page.locator('#control-customer-send').click();
    await page.locator('.step[data-state="current"]').filter({ hasText: 'Ava hands off' }).waitFor();
    await doStep(page);
    await page.locator('[data-testid="scenario-outcome"]').filter({ hasText: 'Back with a person' }).waitFor();
    // The outcome follows the sandbox's client; Alice's log follows hers. Wait for the second handoff to reach it.
    await pane(page, 'alice').locator('.timeline .entry[data-action="handoff"]').nth(1).waitFor();
    const actions = await pane(page, 'alice').locator('.timeline .entry').evaluateAll((entries) => entries.map((e) => (e as HTMLElement).dataset.action));
    assert.deepEqual(actions.slice(0, 3), ['handoff', 'reopened', 'chat-closed']);
  });

  it('plan changes disable and re-enable person-made actions, and gate routing methods', async (t) => {
    const page = await open(t);
    const transferItem = editor(page, 'alice').locator('[role="menuitem"][data-item="transfer"]');
    await page.locator('#control-plan').selectOption('free');
    await editor(page, 'alice').locator('[part~="menu-button"]').click();
    await transferItem.filter({ hasText: 'Requires the Lite plan' }).waitFor();
    assert.equal(await transferItem.getAttribute('aria-disabled'), 'true');
    assert.equal(await editor(page, 'alice').locator('[role="menuitem"][data-item="close"]').getAttribute('aria-disabled'), 'false');
    await page.screenshot({ path: `${shots}/plan-free.png` });
    await page.keyboard.press('Escape');

    await page.locator('#control-teamspace-ts-support-method, #control-ts-support-method').first().selectOption('round-robin');
    await page.locator('.control-status').filter({ hasText: 'plan-required' }).waitFor();

    await page.locator('#control-plan').selectOption('lite');
    await editor(page, 'alice').locator('[part~="menu-button"]').click();
    await page.waitForFunction(() =>
      document.querySelector('.pane[data-agent="alice"] baton-message-editor')?.shadowRoot?.querySelector('[data-item="transfer"]')?.getAttribute('aria-disabled') === 'false');
    assert.equal(await transferItem.locator('.item-reason').count(), 0);
  });

  it('routing chart: handing off every AI-held chat shows assignments per agent and the order routing picked', async (t) => {
    const page = await open(t);
    await page.locator('#control-ts-support-method').selectOption('round-robin');
    await page.locator('.control-status').filter({ hasText: 'Round robin' }).waitFor();
    await page.locator('#chart-clear').click();
    await page.locator('#control-handoff-all').click();
    await page.locator('.control-status').filter({ hasText: 'handed off to Support' }).waitFor();
    const picks = await page.locator('.sequence li:not(.empty)').allInnerTexts();
    assert.ok(picks.length >= 5, `expected at least 5 automatic assignments, got ${picks.length}`);
    assert.ok(new Set(picks).size >= 3, `round robin spreads chats: ${picks.join(', ')}`);
    const counts = await page.locator('table.chart .count').evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.count)));
    assert.equal(counts.reduce((a, b) => a + b, 0), picks.length);
    await page.locator('.insights').screenshot({ path: `${shots}/routing-chart.png` });
  });
});

describe('demo sandbox by keyboard: focus stays on the control the user is on', { concurrency: 3 }, () => {
  it('changing the view (Space, arrow keys) keeps focus on the chosen radio', async (t) => {
    const page = await open(t);
    const view = (value: string) => pane(page, 'alice').locator(`input[type="radio"][value="${value}"]`);
    await view('all').focus();
    await page.keyboard.press('Space');
    assert.equal(await view('all').isChecked(), true);
    await pane(page, 'alice').locator('.conversation-item').nth(4).waitFor();
    await assertFocused(view('all'), 'after Space on "All"');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await view('pending').isChecked(), true);
    await assertFocused(view('pending'), 'after ArrowLeft to "To claim"');
    await page.keyboard.press('ArrowRight');
    await assertFocused(view('all'), 'after ArrowRight back to "All"');
  });

  it('opening a conversation from the list keeps focus on it, also while notifications arrive', async (t) => {
    const page = await open(t);
    await pane(page, 'alice').locator('input[type="radio"][value="all"]').check();
    const item = pane(page, 'alice').locator('.conversation-item[data-conversation="c-login"]');
    await item.focus();
    await page.keyboard.press('Enter');
    await pane(page, 'alice').locator('.conversation-item[aria-current="true"][data-conversation="c-login"]').waitFor();
    await assertFocused(item, 'after Enter on a conversation');

    // The customer writes in another chat of Alice's (a click event, so focus stays in her list).
    const other = pane(page, 'alice').locator('.conversation-item[data-conversation="c-refund"]');
    await page.locator('#control-customer-conversation').selectOption('c-refund');
    await page.locator('#control-customer-text').fill('Any news?');
    await item.focus();
    await page.locator('#control-customer-send').dispatchEvent('click');
    await other.locator('.badge').waitFor();
    await assertFocused(item, 'after a notification re-rendered the list');
  });

  it('"Do it for me" keeps focus on the button from step to step, then on the outcome', async (t) => {
    const page = await open(t);
    const scenario = page.locator('[data-scenario="escalation"]');
    await scenario.focus();
    await page.keyboard.press('Enter');
    const doIt = page.locator('#scenario-do');
    await page.locator('#scenario-do[aria-disabled="false"]').waitFor();
    await assertFocused(scenario, 'after starting a scenario');
    await doIt.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.steps .step[data-state="done"]').length === 1);
    await assertFocused(doIt, 'after the first step');
    assert.deepEqual(await axeViolations(page), [], 'axe, with "Do it for me" focused');
    await page.locator('#scenario-do[aria-disabled="false"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="scenario-outcome"]').waitFor();
    await assertFocused(page.locator('[data-testid="scenario-outcome"]'), 'after the last step');
    assert.deepEqual(await axeViolations(page), []);
  });

  it('a toast opens its conversation with focus on the thread; Dismiss moves focus to the next toast, then the bell', async (t) => {
    const page = await open(t);
    const toasts = pane(page, 'alice').locator('.toast');
    const customerWrites = (text: string) => customerWritesTo(page, text);
    // Alice looks at another chat; the customer of hers writes, and its toast brings her back.
    await aliceLooksElsewhere(page);
    await customerWrites('Still charged twice.');
    await toasts.first().locator('.toast-open').focus();
    await page.keyboard.press('Enter');
    await pane(page, 'alice').locator('.conversation-item[data-conversation="c-refund"][aria-current="true"]').waitFor();
    await assertFocused(pane(page, 'alice').locator('.thread'), 'after Enter on a toast');

    await customerWrites('Hello?');
    await toasts.nth(0).waitFor();
    await customerWrites('Anyone there?');
    await toasts.nth(1).waitFor();
    await toasts.nth(0).locator('.toast-close').focus();
    await page.keyboard.press('Enter');
    assert.equal(await toasts.count(), 1);
    await assertFocused(toasts.nth(0).locator('.toast-close'), 'after Dismiss with another toast left');
    await page.keyboard.press('Enter');
    assert.equal(await toasts.count(), 0);
    await assertFocused(pane(page, 'alice').locator('.bell'), 'after Dismiss on the last toast');
  });
  it('a toast kept past its 8 s because focus is on it opens or dismisses by Enter without losing focus', async (t) => {
    const page = await open(t);
    await page.clock.install();
    const toasts = pane(page, 'alice').locator('.toast');
    const customerWrites = (text: string) => customerWritesTo(page, text);
    await aliceLooksElsewhere(page);
    await customerWrites('Still charged twice.');
    await toasts.first().locator('.toast-open').focus();
    await page.clock.fastForward(9_000);
    assert.equal(await toasts.count(), 1, 'the focused toast outlives its timer');
    await page.keyboard.press('Enter');
    await pane(page, 'alice').locator('.conversation-item[data-conversation="c-refund"][aria-current="true"]').waitFor();
    assert.deepEqual(errorsOf(page), [], 'after Enter on an expired toast');
    await assertFocused(pane(page, 'alice').locator('.thread'), 'after Enter on an expired toast');
    assert.equal(await toasts.count(), 0);

    await customerWrites('Hello?');
    await toasts.first().locator('.toast-close').focus();
    await page.clock.fastForward(9_000);
    // The customer writes again, by a click event: filling in the text would take focus off the toast.
    await page.locator('#control-customer-send').dispatchEvent('click');
    await toasts.nth(1).waitFor();
    await toasts.nth(1).locator('.toast-close').focus();
    await page.keyboard.press('Enter');
    assert.equal(await toasts.count(), 1);
    await assertFocused(toasts.nth(0).locator('.toast-close'), 'after Dismiss on an expired toast with a newer one left');
    await page.clock.fastForward(9_000);
    assert.equal(await toasts.count(), 1, 'the newer toast, now focused, outlives its timer too');
    await page.keyboard.press('Enter');
    assert.equal(await toasts.count(), 0);
    await assertFocused(pane(page, 'alice').locator('.bell'), 'after Dismiss on the last, expired toast');
    assert.deepEqual(errorsOf(page), []);
  });

  it('"Hand off all" keeps focus in the hand-off controls once nothing is left to hand off', async (t) => {
    const page = await open(t);
    const all = page.locator('#control-handoff-all');
    await all.focus();
    await page.keyboard.press('Enter');
    await page.locator('.control-status').filter({ hasText: 'handed off to Support' }).waitFor();
    assert.equal(await all.innerText(), 'Nothing to hand off');
    assert.equal(await all.isDisabled(), true);
    await assertFocused(page.locator('#control-handoff-target'), 'after "Hand off all"');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errorsOf(page), []);
  });

  it('the last single "AI agent hands off" keeps focus in the hand-off controls', async (t) => {
    const page = await open(t);
    const one = page.locator('#control-handoff');
    const all = page.locator('#control-handoff-all');
    await one.focus();
    const held = Number((await all.innerText()).match(/\d+/)?.[0]);
    assert.ok(held > 1, `several chats start with an AI agent: ${await all.innerText()}`);
    for (let left = held; left > 0; left--) {
      await assertFocused(one, `with ${left} chats held by an AI agent`);
      await page.keyboard.press('Enter');
      await all.filter({ hasText: left > 1 ? `all ${left - 1} ` : 'Nothing to hand off' }).waitFor();
    }
    assert.equal(await one.isDisabled(), true);
    await assertFocused(page.locator('#control-handoff-target'), 'after the last hand-off');
    assert.deepEqual(errorsOf(page), []);
  });

  it('the open notification inbox keeps focus on a notification while new ones arrive', async (t) => {
    const page = await open(t);
    const inbox = pane(page, 'alice').locator('.notification-list');
    await page.locator('#control-customer-conversation').selectOption('c-refund');
    await page.locator('#control-customer-send').dispatchEvent('click');
    await pane(page, 'alice').locator('.toast').first().waitFor();
    await pane(page, 'alice').locator('.bell').focus();
    await page.keyboard.press('Enter');
    const first = inbox.locator('li button').first();
    await first.focus();
    const id = await first.getAttribute('data-notification');
    await page.locator('#control-customer-send').dispatchEvent('click');
    await inbox.locator('li').nth(1).waitFor();
    await assertFocused(inbox.locator(`[data-notification="${id}"]`), 'after a notification arrived in the open inbox');
  });
});

describe('demo sandbox (HTTP backend: the reference server inside the dev server)', () => {
  it('a transfer reaches another pane over the event stream, and a takeover race has exactly one winner', async (t) => {
    const reset = await fetch(`${sandbox.url}__sandbox/reset`, { method: 'POST' });
    assert.equal(reset.status, 204);
    const page = await open(t, '?backend=http');
    assert.equal(await page.locator('body').getAttribute('data-backend'), 'http');
    await menu(page, 'alice', 'transfer');
    const combobox = editor(page, 'alice').locator('[part~="combobox"]');
    await combobox.fill('carol');
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    await editor(page, 'alice').locator('.transfer-dialog [part~="confirm-button"]').click();
    await pane(page, 'carol').locator('.toast-assigned').filter({ hasText: 'Refund for a double charge' }).waitFor();
    await pane(page, 'carol').locator('.conversation-item[data-conversation="c-refund"]').waitFor();

    // Starting a scenario resets the server's workspace and reloads the page, then sets the scene.
    await page.locator('[data-scenario="race"]').click();
    await page.waitForURL(/backend=http/);
    await page.locator('.steps .step[data-state="current"]').filter({ hasText: 'Takeover & Send at once' }).waitFor({ timeout: 15_000 });
    await page.locator('#scenario-do[aria-disabled="false"]').waitFor();
    for (const agent of ['bob', 'carol'])
      await editor(page, agent).locator('[part~="send-button"]').filter({ hasText: 'Takeover & Send' }).waitFor();
    await fact(page, 'bob', 'assignee').filter({ hasText: 'Alice Martin' }).waitFor();
    await doStep(page);
    const outcome = await page.locator('[data-testid="scenario-outcome"]').innerText();
    const winnerName = /Bob Chen won/.test(outcome) ? 'Bob Chen' : 'Carol Diaz';
    const loser = winnerName === 'Bob Chen' ? 'carol' : 'bob';
    await editor(page, loser).locator('[part~="notice"]').filter({ hasText: `${winnerName} took over` }).waitFor();
    // Each pane has its own event stream: wait for all three to show the winner before reading Alice's log.
    for (const agent of ['alice', 'bob', 'carol']) await fact(page, agent, 'assignee').filter({ hasText: winnerName }).waitFor();
    assert.equal(await pane(page, 'alice').locator('.timeline .entry[data-action="takeover"]').count(), 1);
  });
});
