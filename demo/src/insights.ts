import type { AssignmentEntry, BatonClient, BatonEvent, Conversation } from '@baton/sdk';
import { h, render } from './dom.js';
import type { Sandbox } from './sandbox.js';

/** Actions that give a conversation to a person (closing a ticket keeps its assignee: not counted). */
const GIVES = new Set(['transfer', 'transfer-to-team', 'takeover', 'claim', 'handoff', 'routed']);

/**
 * Assignments per agent since the sandbox started (or since "Clear"), split into routing's
 * and people's, with the order routing picked agents in: balanced, random and round robin
 * look different here.
 */
export class Insights {
  readonly element: HTMLElement;
  private readonly table: HTMLElement;
  private readonly sequence: HTMLElement;
  private readonly method: HTMLElement;
  private entries = new Map<string, AssignmentEntry>();
  private conversations: readonly Conversation[] = [];
  private clearedAt = 0;

  constructor(
    sandbox: Sandbox,
    private readonly observer: BatonClient,
  ) {
    this.table = h('table', { class: 'chart' });
    this.sequence = h('ol', { class: 'sequence', 'aria-label': 'Latest automatic assignments, oldest first' });
    this.method = h('p', { class: 'hint' });
    this.element = h(
      'section',
      { class: 'card insights', 'aria-labelledby': 'insights-title' },
      h('h2', { id: 'insights-title' }, 'Assignments per agent'),
      this.method,
      this.table,
      h('h3', { class: 'subhead' }, 'Routing picked, in order'),
      this.sequence,
      h('button', { type: 'button', id: 'chart-clear', onclick: () => this.clear() }, 'Clear counts'),
    );
    sandbox.subscribeAll((event) => this.onEvent(event));
    observer.$directory.subscribe(() => this.render());
    const all = observer.list({});
    all.$items.subscribe((items) => {
      this.conversations = items;
      this.render();
    });
    void this.load();
  }

  private key = (e: AssignmentEntry) => `${e.conversationId}#${e.version}`;

  /** The logs as they stand now (the observer is an admin: it sees every conversation). */
  private async load() {
    const { backend, userId } = this.observer;
    const conversations = await backend.conversations(userId, {});
    const logs = await Promise.all(conversations.map((c) => backend.log(userId, c.id).catch(() => [])));
    for (const entry of logs.flat()) this.entries.set(this.key(entry), entry);
    this.render();
  }

  private onEvent(event: BatonEvent) {
    if (event.type === 'reset') {
      this.entries.clear();
      this.clearedAt = 0;
      void this.load();
    } else if (event.type === 'conversation' && event.entry) {
      this.entries.set(this.key(event.entry), event.entry);
      this.render();
    }
  }

  clear() {
    this.clearedAt = Math.max(0, ...[...this.entries.values()].map((e) => e.at));
    this.render();
  }

  private render() {
    const directory = this.observer.$directory.get();
    if (!directory) return;
    const counted = [...this.entries.values()]
      .filter((e) => e.at > this.clearedAt && GIVES.has(e.action) && e.to?.type === 'user')
      .sort((a, b) => a.at - b.at || a.version - b.version);
    const agents = directory.users.filter((u) => u.active && u.permissions.livechats.receive);
    const rows = agents.map((u) => {
      const mine = counted.filter((e) => e.to?.id === u.id);
      const auto = mine.filter((e) => e.auto).length;
      const open = this.conversations.filter((c) => c.status === 'open' && c.assignee?.type === 'user' && c.assignee.id === u.id).length;
      return { user: u, auto, manual: mine.length - auto, open };
    });
    const max = Math.max(1, ...rows.map((r) => r.auto + r.manual));
    const support = directory.teamspaces.find((t) => t.id === 'ts-support');
    this.method.textContent = support
      ? `Support routes ${support.settings.method === 'round-robin' ? 'round robin' : support.settings.method}` +
        `, limit ${support.settings.autoAssignLimit ?? 'none'} per agent, availability check ${support.settings.availabilityCheck ? 'on' : 'off'}.`
      : '';
    render(
      this.table,
      h('caption', { class: 'visually-hidden' }, 'Assignments each agent received, by routing and by people, and their open conversations now'),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'Agent'), h('th', { scope: 'col' }, 'Assignments (routing / people)'), h('th', { scope: 'col' }, 'Open now')),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            { 'data-user': r.user.id },
            h('th', { scope: 'row' }, r.user.name, r.user.availability === 'away' ? h('span', { class: 'muted' }, ' (away)') : null),
            h(
              'td',
              {},
              h(
                'span',
                { class: 'bars', 'aria-hidden': 'true' },
                h('span', { class: 'bar auto', style: `width: ${(r.auto / max) * 100}%` }),
                h('span', { class: 'bar manual', style: `width: ${(r.manual / max) * 100}%` }),
              ),
              h('span', { class: 'count', 'data-count': r.auto + r.manual }, `${r.auto + r.manual} (${r.auto} / ${r.manual})`),
            ),
            h('td', { 'data-open': r.open }, String(r.open)),
          ),
        ),
      ),
    );
    const names = new Map(directory.users.map((u) => [u.id, u.name]));
    const picks = counted.filter((e) => e.auto).slice(-16);
    render(
      this.sequence,
      picks.length
        ? picks.map((e) => h('li', { title: names.get(e.to!.id) ?? e.to!.id }, (names.get(e.to!.id) ?? e.to!.id).split(' ')[0]))
        : h('li', { class: 'empty' }, 'No automatic assignment yet: try “Hand off all to Support”.'),
    );
  }
}
