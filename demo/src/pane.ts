import type { BatonMessageEditor, BatonProvider } from '@baton/elements';
import {
  createClient,
  type AssignmentEntry,
  type BatonClient,
  type Conversation,
  type ConversationFilter,
  type ConversationStatus,
  type ListStore,
  type Message,
  type Notification,
} from '@baton/sdk';
import { ago, clock, h, render, uid } from './dom.js';
import { Names, notificationText, verbOf } from './names.js';
import type { Sandbox } from './sandbox.js';

type View = 'mine' | 'pending' | 'all';

const SVG = 'http://www.w3.org/2000/svg';
function bellIcon(): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M10 2a5 5 0 0 0-5 5v3.6L3.3 13.5A1 1 0 0 0 4.2 15h11.6a1 1 0 0 0 .9-1.5L15 10.6V7a5 5 0 0 0-5-5zm-2 14a2 2 0 0 0 4 0z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

const STATUS_LABEL: Record<ConversationStatus, string> = { open: 'Open', pending: 'Waiting', closed: 'Closed' };

/**
 * One agent's inbox, as a helpdesk would build it: its own list, thread and details, with
 * Baton's provider and message editor embedded for the composer.
 */
export class AgentPane {
  readonly client: BatonClient;
  readonly element: HTMLElement;
  readonly editor: BatonMessageEditor;
  readonly names: Names;
  selected: string | null = null;

  private view: View = 'mine';
  private team = '';
  private assignee = '';
  private status = '';
  private list: ListStore | undefined;
  private stopList: (() => void) | undefined;
  private stopSelected: (() => void)[] = [];
  private readonly seenAt = new Map<string, number>();
  private readonly subjects = new Map<string, string>();
  private readonly toastedIds = new Set<string>();
  private items: readonly Conversation[] = [];
  private readonly listItems = new Map<string, { item: HTMLLIElement; button: HTMLButtonElement }>();

  private readonly heading: HTMLElement;
  private readonly presence: HTMLElement;
  private readonly bell: HTMLButtonElement;
  private readonly bellCount: HTMLElement;
  private readonly inbox: HTMLElement;
  private readonly toasts: HTMLElement;
  private readonly listElement: HTMLElement;
  private readonly filters: HTMLElement;
  private readonly viewInputs = new Map<View, HTMLInputElement>();
  private readonly teamSelect = h('select');
  private readonly assigneeSelect = h('select');
  private readonly statusSelect = h('select');
  private readonly thread: HTMLElement;
  private readonly threadTitle: HTMLElement;
  private readonly details: HTMLElement;
  private readonly timeline: HTMLElement;
  private readonly composer: HTMLElement;

  constructor(
    private readonly sandbox: Sandbox,
    readonly userId: string,
    private readonly title: string,
  ) {
    this.client = createClient({ backend: sandbox.backendFor(userId), userId });
    this.names = new Names(() => this.client.$directory.get());
    const id = uid(`pane-${userId}`);
    this.heading = h('h2', { id: `${id}-title`, class: 'pane-name' }, userId);
    this.presence = h('p', { class: 'pane-role' }, title);
    this.bellCount = h('span', { class: 'badge', 'data-testid': 'unread' }, '0');
    this.bell = h(
      'button',
      { type: 'button', class: 'bell', 'aria-expanded': 'false', 'aria-controls': `${id}-inbox`, onclick: () => this.toggleInbox() },
      h('span', { class: 'visually-hidden' }, 'Notifications'),
      bellIcon(),
      this.bellCount,
    );
    this.inbox = h('div', { id: `${id}-inbox`, class: 'notification-list', hidden: true });
    this.toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    this.filters = h('div', { class: 'filters' });
    this.listElement = h('ul', { class: 'conversation-list', 'aria-label': 'Conversations' });
    this.threadTitle = h('h3', { class: 'thread-title' }, 'No conversation open');
    this.thread = h('ol', { class: 'thread', tabindex: '0', 'aria-label': 'Messages' });
    this.details = h('dl', { class: 'facts' });
    this.timeline = h('ol', { class: 'timeline', tabindex: '0', 'aria-label': 'Assignment log' });

    const provider = document.createElement('baton-provider') as BatonProvider;
    provider.client = this.client;
    this.editor = document.createElement('baton-message-editor') as BatonMessageEditor;
    // Its dialogs sit under the open conversation's title (h3).
    this.editor.setAttribute('heading-level', '4');
    this.editor.addEventListener('baton-error', (event) => this.element.dataset.lastError = event.code);
    provider.append(this.editor);
    this.composer = h('div', { class: 'composer', hidden: true }, provider);

    this.element = h(
      'section',
      { class: 'pane', 'aria-labelledby': `${id}-title`, 'data-agent': userId },
      h(
        'header',
        { class: 'pane-header' },
        h('div', { class: 'avatar', 'aria-hidden': 'true' }, userId.slice(0, 1).toUpperCase()),
        h('div', { class: 'pane-who' }, this.heading, this.presence),
        this.bell,
      ),
      this.inbox,
      this.toasts,
      h('nav', { class: 'pane-nav', 'aria-label': `${userId}: inbox` }, this.filters, this.listElement),
      h(
        'div',
        { class: 'conversation', role: 'region', 'aria-label': `${userId}: open conversation` },
        this.threadTitle,
        this.thread,
        this.composer,
        h(
          'details',
          { class: 'side', open: true },
          h('summary', {}, 'Details and assignment log'),
          this.details,
          h('h4', { class: 'subhead' }, 'Assignment log'),
          this.timeline,
        ),
      ),
    );

    this.client.$directory.subscribe(() => this.renderHeader());
    this.client.$unreadCount.subscribe((count) => {
      this.bellCount.textContent = String(count);
      this.bellCount.hidden = count === 0;
      this.bell.setAttribute('aria-label', `Notifications for ${this.names.user(userId)}: ${count} unread`);
    });
    this.client.$notifications.subscribe((list) => this.onNotifications(list));
    this.buildFilters();
    this.renderFilters();
    this.applyFilter();
  }

  /** Shows a conversation in this pane: thread, composer and details. */
  open(conversationId: string): void {
    this.selected = conversationId;
    this.seenAt.set(conversationId, Date.now());
    for (const stop of this.stopSelected) stop();
    const stores = this.client.conversation(conversationId);
    this.editor.conversationId = conversationId;
    this.composer.hidden = false;
    this.stopSelected = [
      stores.$conversation.subscribe((c) => this.renderDetails(c)),
      stores.$messages.subscribe((messages) => this.renderThread(messages)),
      stores.$log.subscribe((log) => this.renderTimeline(log)),
    ];
    this.renderList();
  }

  /** Switches the list to one of SPEC §5's views. */
  setView(view: View): void {
    this.view = view;
    this.renderFilters();
    this.applyFilter();
  }

  private filter(): ConversationFilter {
    const filter: ConversationFilter = {};
    if (this.view === 'mine') filter.mine = true;
    if (this.view === 'pending') filter.pending = true;
    if (this.team) filter.team = this.team;
    if (this.assignee) filter.assignee = this.assignee;
    if (this.status) filter.status = this.status as ConversationStatus;
    return filter;
  }

  private applyFilter() {
    this.stopList?.();
    this.list = this.client.list(this.filter());
    this.stopList = this.list.$items.subscribe((items) => {
      this.items = items;
      for (const c of items) this.subjects.set(c.id, c.subject);
      // An inbox opens on its first conversation, as helpdesks do.
      if (!this.selected && items.length) this.open(items[0].id);
      else this.renderList();
    });
    void this.list.refresh();
  }

  private renderHeader() {
    const me = this.client.$me.get();
    const name = me?.name ?? this.userId;
    this.heading.textContent = name;
    // Landmarks are named per agent: four inboxes share the page.
    this.element.querySelector('.pane-nav')?.setAttribute('aria-label', `${name}: inbox`);
    this.element.querySelector('.conversation')?.setAttribute('aria-label', `${name}: open conversation`);
    const online = me?.availability === 'online' && me.active;
    render(
      this.presence,
      h('span', { class: `dot ${online ? 'online' : 'away'}`, 'aria-hidden': 'true' }),
      `${online ? 'Online' : me?.active === false ? 'Deactivated' : 'Away'} · ${this.title}${me?.role === 'admin' ? ' · admin' : ''}`,
    );
    this.renderFilters();
    this.renderList();
    if (this.selected) this.renderDetails(this.client.conversation(this.selected).$conversation.get());
  }

  /** The view radios and filter selects, built once so a focused control survives every update. */
  private buildFilters() {
    const group = uid('view');
    const views: [View, string][] = [
      ['mine', 'Mine'],
      ['pending', 'To claim'],
      ['all', 'All'],
    ];
    const select = (label: string, element: HTMLSelectElement, set: (v: string) => void) => {
      element.id = uid('filter');
      element.addEventListener('change', () => {
        set(element.value);
        this.applyFilter();
      });
      return h('span', { class: 'filter' }, h('label', { for: element.id }, label), element);
    };
    render(
      this.filters,
      h(
        'fieldset',
        { class: 'views' },
        h('legend', { class: 'visually-hidden' }, 'View'),
        views.map(([view, label]) => {
          const input = h('input', { type: 'radio', id: uid('v'), name: group, value: view, onchange: () => this.setView(view) });
          this.viewInputs.set(view, input);
          return h('span', { class: 'view' }, input, h('label', { for: input.id }, label));
        }),
      ),
      h(
        'div',
        { class: 'selects' },
        select('Team', this.teamSelect, (v) => (this.team = v)),
        select('Assignee', this.assigneeSelect, (v) => (this.assignee = v)),
        select('Status', this.statusSelect, (v) => (this.status = v)),
      ),
    );
  }

  private renderFilters() {
    const directory = this.client.$directory.get();
    for (const [view, input] of this.viewInputs) input.checked = this.view === view;
    const options = (element: HTMLSelectElement, value: string, entries: [string, string][]) => {
      const current = [...element.options].map((o) => [o.value, o.text]);
      if (JSON.stringify(current) !== JSON.stringify(entries))
        render(element, entries.map(([v, text]) => h('option', { value: v }, text)));
      element.value = value;
    };
    options(this.teamSelect, this.team, [['', 'Any team'], ...(directory?.teams ?? []).map((t): [string, string] => [t.id, t.name])]);
    options(this.assigneeSelect, this.assignee, [
      ['', 'Anyone'],
      ...(directory?.users ?? []).filter((u) => u.active).map((u): [string, string] => [u.id, u.name]),
      ...(directory?.aiAgents ?? []).map((a): [string, string] => [a.id, a.name]),
    ]);
    options(this.statusSelect, this.status, [['', 'Any status'], ['open', 'Open'], ['pending', 'Waiting'], ['closed', 'Closed']]);
  }

  private unreadIn(conversationId: string): number {
    const seen = this.seenAt.get(conversationId) ?? 0;
    return this.client.$notifications.get().filter((n) => n.conversationId === conversationId && n.at > seen).length;
  }

  /**
   * Updates the list in place, one button per conversation kept across updates, so a keyboard
   * user on an item stays on it while notifications and events arrive.
   */
  private renderList() {
    const focused = this.listElement.contains(document.activeElement) ? document.activeElement : null;
    const focusedIndex = focused ? [...this.listElement.querySelectorAll('.conversation-item')].indexOf(focused) : -1;
    if (!this.items.length) {
      this.listItems.clear();
      render(this.listElement, h('li', { class: 'empty' }, this.view === 'mine' ? 'Nothing assigned to you.' : 'No conversations.'));
    } else {
      const rows = this.items.map((c) => {
        let row = this.listItems.get(c.id);
        if (!row) {
          const button = h('button', { type: 'button', class: 'conversation-item', 'data-conversation': c.id, onclick: () => this.open(c.id) });
          row = { item: h('li', {}, button), button };
          this.listItems.set(c.id, row);
        }
        this.renderListItem(row.button, c);
        return row.item;
      });
      const kept = new Set(this.items.map((c) => c.id));
      for (const id of this.listItems.keys()) if (!kept.has(id)) this.listItems.delete(id);
      // Only rows out of place move: a moved or removed node drops focus, which is restored below.
      for (const child of [...this.listElement.children]) if (!rows.includes(child as HTMLLIElement)) child.remove();
      rows.forEach((row, index) => {
        if (this.listElement.children[index] !== row) this.listElement.insertBefore(row, this.listElement.children[index] ?? null);
      });
    }
    if (!focused || document.activeElement === focused) return;
    const items = this.listElement.querySelectorAll<HTMLElement>('.conversation-item');
    // The focused conversation left this view: focus its neighbour, or the view switch when the list is empty.
    const target = focused.isConnected ? (focused as HTMLElement) : items[Math.min(focusedIndex, items.length - 1)] ?? this.viewInputs.get(this.view);
    target?.focus({ preventScroll: true });
  }

  private renderListItem(button: HTMLButtonElement, c: Conversation) {
    const unread = c.id === this.selected ? 0 : this.unreadIn(c.id);
    if (c.id === this.selected) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    render(
      button,
      h('span', { class: 'subject' }, c.subject),
      unread ? h('span', { class: 'badge', 'aria-label': `${unread} unread` }, String(unread)) : null,
      h(
        'span',
        { class: 'meta' },
        h('span', { class: `status status-${c.status}` }, STATUS_LABEL[c.status]),
        ` ${c.customer} · ${this.names.assignee(c.assignee)}`,
      ),
    );
  }

  private renderThread(messages: readonly Message[]) {
    const me = this.userId;
    render(
      this.thread,
      messages.map((m) =>
        h(
          'li',
          { class: `message from-${m.author.type}${m.author.type === 'user' && m.author.id === me ? ' mine' : ''}` },
          h('span', { class: 'author' }, this.names.author(m.author)),
          h('span', { class: 'body' }, m.body),
          h('time', { datetime: new Date(m.at).toISOString() }, ago(m.at)),
        ),
      ),
    );
    this.thread.scrollTop = this.thread.scrollHeight;
  }

  private renderDetails(c: Conversation | undefined) {
    if (!c) return;
    this.subjects.set(c.id, c.subject);
    this.threadTitle.textContent = c.subject;
    this.element.dataset.assignee = c.assignee?.id ?? '';
    const fact = (term: string, value: string, name = term.toLowerCase()) => [h('dt', {}, term), h('dd', { 'data-fact': name }, value)];
    render(
      this.details,
      fact('Customer', c.customer),
      fact('Channel', c.kind === 'livechat' ? 'Live chat' : 'Ticket'),
      fact('Status', STATUS_LABEL[c.status]),
      fact('Assignee', this.names.assignee(c.assignee)),
      fact('Team', this.names.team(c.team)),
      fact('Teamspace', this.names.teamspace(c.teamspace)),
      c.origin ? fact('AI agent', this.names.ai(c.origin), 'ai') : null,
      fact('Version', String(c.version)),
    );
  }

  private renderTimeline(log: readonly AssignmentEntry[]) {
    if (!log.length) {
      render(this.timeline, h('li', { class: 'empty' }, 'No assignment changes yet.'));
      return;
    }
    render(
      this.timeline,
      [...log].reverse().map((e) =>
        h(
          'li',
          { class: 'entry', 'data-action': e.action },
          h('time', { datetime: new Date(e.at).toISOString() }, clock(e.at)),
          h('span', { class: 'who' }, this.names.actor(e.actor)),
          ` ${verbOf(e)}`,
          h('span', { class: 'route' }, `${this.names.assignee(e.from)} → ${this.names.assignee(e.to)}`),
          e.team ? h('span', { class: 'chip' }, `via ${this.names.team(e.team)}`) : null,
          e.auto ? h('span', { class: 'chip' }, 'auto') : null,
          e.note ? h('q', { class: 'note' }, e.note) : null,
        ),
      ),
    );
  }

  private onNotifications(list: readonly Notification[]) {
    const fresh = list.filter((n) => !this.toastedIds.has(n.id));
    for (const n of list) this.toastedIds.add(n.id);
    if (this.selected) this.seenAt.set(this.selected, Date.now());
    for (const n of fresh.reverse()) void this.toast(n);
    this.renderList();
    if (!this.inbox.hidden) this.renderInbox();
  }

  private async subjectOf(conversationId: string): Promise<string> {
    const known = this.subjects.get(conversationId);
    if (known) return known;
    try {
      const c = await this.client.backend.conversation(this.userId, conversationId);
      this.subjects.set(c.id, c.subject);
      return c.subject;
    } catch {
      return 'a conversation';
    }
  }

  private async toast(n: Notification) {
    const text = notificationText(n, this.names, await this.subjectOf(n.conversationId));
    const toast = h(
      'div',
      { class: `toast toast-${n.kind}` },
      h('button', {
        type: 'button',
        class: 'toast-open',
        onclick: () => {
          this.open(n.conversationId);
          this.removeToast(toast, this.thread);
        },
      }, text),
      h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', onclick: () => this.removeToast(toast) }, '×'),
    );
    this.toasts.prepend(toast);
    while (this.toasts.children.length > 3) this.removeToast(this.toasts.lastElementChild as HTMLElement);
    setTimeout(() => {
      // A toast the user is on stays until they leave it: it does not vanish under their keyboard.
      if (toast.contains(document.activeElement)) {
        toast.addEventListener('focusout', (event) => {
          if (!toast.contains(event.relatedTarget as Node | null)) toast.remove();
        });
      } else toast.remove();
    }, 8000);
  }

  /**
   * Removes a toast; if it had focus, focus goes to `next`, else to the same button on the
   * next toast, else to the bell, which leads to the same notifications.
   */
  private removeToast(toast: HTMLElement, next?: HTMLElement) {
    const focused = toast.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const sibling = (toast.nextElementSibling ?? toast.previousElementSibling) as HTMLElement | null;
    // Focus moves first: an expired toast removes itself once focus leaves it.
    if (focused) (next ?? sibling?.querySelector<HTMLElement>(`.${focused.className}`) ?? this.bell).focus();
    toast.remove();
  }

  private toggleInbox() {
    const show = this.inbox.hidden;
    this.inbox.hidden = !show;
    this.bell.setAttribute('aria-expanded', String(show));
    if (show) {
      this.renderInbox();
      this.client.markNotificationsRead();
    }
  }

  private renderInbox() {
    const list = this.client.$notifications.get().slice(0, 8);
    const focused = this.inbox.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.notification : undefined;
    render(
      this.inbox,
      h('h3', { class: 'visually-hidden' }, 'Notifications'),
      list.length
        ? h(
            'ul',
            {},
            list.map((n) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', 'data-notification': n.id, onclick: () => this.open(n.conversationId) },
                  notificationText(n, this.names, this.subjects.get(n.conversationId) ?? 'a conversation'),
                  h('time', { datetime: new Date(n.at).toISOString() }, ` · ${ago(n.at)}`),
                ),
              ),
            ),
          )
        : h('p', {}, 'No notifications.'),
    );
    // New notifications re-render the open inbox: a keyboard user stays on the one they were on.
    if (focused) (this.inbox.querySelector<HTMLElement>(`[data-notification="${CSS.escape(focused)}"]`) ?? this.bell).focus();
  }
}
