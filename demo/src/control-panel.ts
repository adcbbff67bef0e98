import {
  ASSIGNMENT_METHODS,
  PLANS,
  isBatonError,
  type AssignmentMethod,
  type AssignmentSettings,
  type BatonClient,
  type Command,
  type Conversation,
  type Directory,
  type PermissionLevel,
  type Permissions,
  type PublicUser,
} from '@baton/sdk';
import { h, render } from './dom.js';
import type { Sandbox } from './sandbox.js';

const PLAN_LABEL: Record<string, string> = { free: 'Free', lite: 'Lite', pro: 'Pro', total: 'Total', enterprise: 'Enterprise' };
const METHOD_LABEL: Record<string, string> = { balanced: 'Balanced', random: 'Random', 'round-robin': 'Round robin', voluntary: 'Voluntary' };
const LEVELS: (PermissionLevel | 'none')[] = ['none', 'individual', 'team', 'workspace'];

const system = { type: 'system' } as const;
const newId = () => `m-sandbox-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The role an agent has in the sandbox's terms: admin, or the level of their transfer permission. */
export const levelOf = (user: PublicUser): PermissionLevel | 'none' | 'admin' =>
  user.role === 'admin' ? 'admin' : (user.permissions.livechats.transferTakeover ?? 'none');

/**
 * The things an evaluator flips: plan, routing settings, who is online and what they may do,
 * a customer writing, an AI agent handing off, and starting over. Everything is a system
 * command through the same backend the panes use.
 */
export class ControlPanel {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private conversations: readonly Conversation[] = [];
  private redistribute = true;
  /** Inputs keep their values across re-renders (events re-render the panel). */
  private customerConversation = 'c-refund';
  private customerText = 'Any update on this?';
  private handoffConversation = 'c-shipping';
  private handoffTarget = 'team:team-support';

  constructor(
    private readonly sandbox: Sandbox,
    private readonly observer: BatonClient,
  ) {
    this.status = h('p', { class: 'control-status', role: 'status' });
    this.body = h('div', { class: 'control-body' });
    this.element = h(
      'section',
      { class: 'card control-panel', 'aria-labelledby': 'control-title' },
      h('h2', { id: 'control-title' }, 'Control panel'),
      this.body,
      this.status,
    );
    observer.$directory.subscribe(() => this.render());
    const all = observer.list({});
    all.$items.subscribe((items) => {
      this.conversations = items;
      this.render();
    });
  }

  /** Runs a system command and says what happened (or why it was refused). */
  async run(command: Command, done: string): Promise<boolean> {
    try {
      await this.sandbox.system(command);
      this.status.textContent = done;
      this.status.dataset.tone = 'ok';
      return true;
    } catch (error) {
      this.status.textContent = isBatonError(error) ? `Refused (${error.code}): ${error.message}` : String(error);
      this.status.dataset.tone = 'error';
      return false;
    }
  }

  setAvailability(userId: string, availability: 'online' | 'away', redistribute = this.redistribute) {
    return this.run(
      { type: 'set-availability', actor: system, userId, availability, redistribute: availability === 'away' && redistribute },
      `${this.nameOf(userId)} is ${availability}${availability === 'away' && redistribute ? ': their open chats were handed back to routing' : ''}.`,
    );
  }

  inbound(conversationId: string, body: string) {
    return this.run(
      { type: 'inbound-message', actor: system, conversationId, messageId: newId(), body },
      `The customer wrote in “${this.subjectOf(conversationId)}”.`,
    );
  }

  handoff(conversationId: string, target: string) {
    const conversation = this.conversations.find((c) => c.id === conversationId);
    const [kind, id] = target.split(':');
    const command: Command = {
      type: 'handoff',
      actor: conversation?.origin ? { type: 'ai', id: conversation.origin } : system,
      conversationId,
      target: kind === 'user' ? { type: 'user', userId: id } : kind === 'team' ? { type: 'team', teamId: id } : { type: 'teamspace' },
    };
    return this.run(command, `The AI agent handed off “${this.subjectOf(conversationId)}”.`);
  }

  private nameOf(userId: string) {
    return this.observer.$directory.get()?.users.find((u) => u.id === userId)?.name ?? userId;
  }

  private subjectOf(conversationId: string) {
    return this.conversations.find((c) => c.id === conversationId)?.subject ?? conversationId;
  }

  private rendered: { directory: Directory; conversations: string } | undefined;

  private render() {
    const directory = this.observer.$directory.get();
    if (!directory) return;
    // Most events change nothing the panel shows: skip rebuilding it then.
    const conversations = this.conversations.map((c) => `${c.id}:${c.status}:${c.assignee?.type}`).join();
    if (this.rendered?.directory === directory && this.rendered.conversations === conversations) return;
    this.rendered = { directory, conversations };
    // Re-rendering must not steal focus from the control being used.
    const focused = document.activeElement && this.body.contains(document.activeElement) ? document.activeElement : null;
    const focusedSection = focused ? [...this.body.children].findIndex((section) => section.contains(focused)) : -1;
    render(
      this.body,
      this.planSection(directory),
      this.teamspaceSection(directory),
      this.agentSection(directory),
      this.customerSection(),
      this.handoffSection(directory),
      this.sandboxSection(),
    );
    if (focused) this.refocus(focused.id, this.body.children[focusedSection]);
  }

  /** Focuses the control with `id` again; if it is now gone or disabled, the first enabled control of its section. */
  private refocus(id: string, section: Element | undefined) {
    const enabled = (element: Element | null | undefined): element is HTMLElement => element instanceof HTMLElement && !element.matches(':disabled');
    const again = id ? document.getElementById(id) : null;
    const fallback = section?.querySelector('button:enabled, select:enabled, input:enabled, textarea:enabled');
    if (enabled(again)) again.focus();
    else if (enabled(fallback)) fallback.focus();
  }

  private field(label: string, control: HTMLElement, id: string) {
    control.id = id;
    return h('div', { class: 'field' }, h('label', { for: id }, label), control);
  }

  private planSection(directory: Directory) {
    const select = h(
      'select',
      {
        onchange: (e: Event) => {
          const plan = (e.target as HTMLSelectElement).value as Directory['workspace']['plan'];
          void this.run({ type: 'set-plan', actor: system, plan }, `The workspace is on the ${PLAN_LABEL[plan]} plan.`);
        },
      },
      PLANS.map((p) => h('option', { value: p, selected: p === directory.workspace.plan }, PLAN_LABEL[p])),
    );
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Workspace'),
      this.field('Plan', select, 'control-plan'),
      h('p', { class: 'hint' }, 'Transfers, takeovers and claims need Lite or above; routing methods need Lite (random), Pro (round robin), Total (voluntary).'),
    );
  }

  private teamspaceSection(directory: Directory) {
    return directory.teamspaces.map((ts) => {
      const configure = (settings: Partial<AssignmentSettings>, what: string) =>
        void this.run({ type: 'configure-teamspace', actor: system, teamspaceId: ts.id, settings }, `${ts.name}: ${what}.`);
      const method = h(
        'select',
        { onchange: (e: Event) => { const m = (e.target as HTMLSelectElement).value as AssignmentMethod; configure({ method: m }, `assignment method ${METHOD_LABEL[m]}`); } },
        ASSIGNMENT_METHODS.map((m) => h('option', { value: m, selected: m === ts.settings.method }, METHOD_LABEL[m])),
      );
      const check = h('input', {
        type: 'checkbox',
        '.checked': ts.settings.availabilityCheck,
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          configure({ availabilityCheck: on }, `availability check ${on ? 'on' : 'off'}`);
        },
      });
      const limit = h('input', {
        type: 'number',
        min: '1',
        max: '50',
        inputmode: 'numeric',
        placeholder: 'none',
        '.value': ts.settings.autoAssignLimit === null ? '' : String(ts.settings.autoAssignLimit),
        onchange: (e: Event) => {
          const raw = (e.target as HTMLInputElement).value.trim();
          const value = raw === '' ? null : Math.max(1, Math.round(Number(raw)));
          configure({ autoAssignLimit: value }, `auto-assign limit ${value ?? 'none'}`);
        },
      });
      return h(
        'fieldset',
        { 'data-teamspace': ts.id },
        h('legend', {}, `Teamspace ${ts.name}`),
        this.field('Assignment method', method, `control-${ts.id}-method`),
        h('div', { class: 'field inline' }, check, h('label', { for: `control-${ts.id}-check` }, 'Availability check')),
        this.field('Auto-assign limit', limit, `control-${ts.id}-limit`),
      );
    }).map((fieldset, i) => {
      const check = fieldset.querySelector('input[type=checkbox]');
      if (check) check.id = `control-${directory.teamspaces[i].id}-check`;
      return fieldset;
    });
  }

  private agentSection(directory: Directory) {
    const rows = directory.users.map((user) => {
      const availability = h(
        'select',
        {
          id: `control-${user.id}-availability`,
          'aria-label': `${user.name} availability`,
          disabled: !user.active,
          onchange: (e: Event) => void this.setAvailability(user.id, (e.target as HTMLSelectElement).value as 'online' | 'away'),
        },
        h('option', { value: 'online', selected: user.availability === 'online' }, 'Online'),
        h('option', { value: 'away', selected: user.availability === 'away' }, 'Away'),
      );
      const current = levelOf(user);
      const role = h(
        'select',
        {
          id: `control-${user.id}-role`,
          'aria-label': `${user.name} role`,
          onchange: (e: Event) => void this.setRole(user, (e.target as HTMLSelectElement).value),
        },
        [...LEVELS, 'admin'].map((level) =>
          h('option', { value: level, selected: level === current }, level === 'admin' ? 'Admin' : level === 'none' ? 'Receive only' : `Transfer/takeover: ${level}`),
        ),
      );
      return h(
        'tr',
        { 'data-user': user.id },
        h('th', { scope: 'row' }, user.name, user.active ? null : h('span', { class: 'muted' }, ' (deactivated)')),
        h('td', {}, availability),
        h('td', {}, role),
      );
    });
    const redistribute = h('input', {
      type: 'checkbox',
      id: 'control-redistribute',
      '.checked': this.redistribute,
      onchange: (e: Event) => (this.redistribute = (e.target as HTMLInputElement).checked),
    });
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Agents'),
      h('div', { class: 'field inline' }, redistribute, h('label', { for: 'control-redistribute' }, 'Going away hands their open chats back to routing (shift change)')),
      h(
        'table',
        { class: 'agents' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Agent'), h('th', { scope: 'col' }, 'Availability'), h('th', { scope: 'col' }, 'Role'))),
        h('tbody', {}, rows),
      ),
    );
  }

  private setRole(user: PublicUser, level: string) {
    const transferTakeover = level === 'none' || level === 'admin' ? (level === 'admin' ? 'workspace' : null) : (level as PermissionLevel);
    const permissions: Permissions = {
      livechats: { receive: true, transferTakeover },
      tickets: { receive: true, transferTakeover },
    };
    return this.run(
      { type: 'update-user', actor: system, userId: user.id, role: level === 'admin' ? 'admin' : 'agent', permissions },
      `${user.name} is now ${level === 'admin' ? 'an admin' : level === 'none' ? 'receive only' : `able to transfer and take over at ${level} level`}.`,
    );
  }

  private conversationSelect(id: string, label: string, value: string, filter: (c: Conversation) => boolean, set: (v: string) => void) {
    const options = this.conversations.filter(filter);
    return this.field(
      label,
      h(
        'select',
        { onchange: (e: Event) => set((e.target as HTMLSelectElement).value) },
        options.map((c) => h('option', { value: c.id, selected: c.id === value }, `${c.subject} (${c.status})`)),
      ),
      id,
    );
  }

  private customerSection() {
    const text = h('input', {
      type: 'text',
      '.value': this.customerText,
      oninput: (e: Event) => (this.customerText = (e.target as HTMLInputElement).value),
    });
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Customer'),
      this.conversationSelect('control-customer-conversation', 'Conversation', this.customerConversation, () => true, (v) => (this.customerConversation = v)),
      this.field('Message', text, 'control-customer-text'),
      h(
        'button',
        { type: 'button', id: 'control-customer-send', onclick: () => void this.inbound(this.customerConversation, this.customerText || 'Hello?') },
        'Customer sends a message',
      ),
    );
  }

  private handoffSection(directory: Directory) {
    const held = (c: Conversation) => c.assignee?.type === 'ai' && c.status !== 'closed';
    const aiHeld = this.conversations.filter(held);
    if (aiHeld.length && !aiHeld.some((c) => c.id === this.handoffConversation)) this.handoffConversation = aiHeld[0].id;
    const target = h(
      'select',
      { onchange: (e: Event) => (this.handoffTarget = (e.target as HTMLSelectElement).value) },
      h('option', { value: 'teamspace', selected: this.handoffTarget === 'teamspace' }, 'Any agent of the teamspace'),
      h(
        'optgroup',
        { label: 'A team' },
        directory.teams.map((t) => h('option', { value: `team:${t.id}`, selected: this.handoffTarget === `team:${t.id}` }, t.name)),
      ),
      h(
        'optgroup',
        { label: 'A specific agent' },
        directory.users.filter((u) => u.active).map((u) => h('option', { value: `user:${u.id}`, selected: this.handoffTarget === `user:${u.id}` }, u.name)),
      ),
    );
    return h(
      'fieldset',
      {},
      h('legend', {}, 'AI agent hands off'),
      aiHeld.length
        ? this.conversationSelect('control-handoff-conversation', 'Chat held by an AI agent', this.handoffConversation, held, (v) => (this.handoffConversation = v))
        : h('p', { class: 'hint' }, 'No open chat is held by an AI agent right now.'),
      this.field('Hand off to', target, 'control-handoff-target'),
      h(
        'button',
        { type: 'button', id: 'control-handoff', disabled: !aiHeld.length, onclick: () => void this.handoff(this.handoffConversation, this.handoffTarget) },
        'AI agent hands off',
      ),
      h(
        'button',
        { type: 'button', id: 'control-handoff-all', disabled: !aiHeld.length, onclick: () => void this.handoffAll() },
        aiHeld.length ? `Hand off all ${aiHeld.length} to Support` : 'Nothing to hand off',
      ),
    );
  }

  /** Routes every chat the AI agents still hold through team Support: the chart then shows the method at work. */
  async handoffAll() {
    const held = this.conversations.filter((c) => c.assignee?.type === 'ai' && c.status !== 'closed' && c.teamspace === 'ts-support');
    for (const c of held) await this.handoff(c.id, 'team:team-support');
    this.status.textContent = `${held.length} chats handed off to Support.`;
  }

  private sandboxSection() {
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Sandbox'),
      this.sandbox.mode === 'memory'
        ? this.field(
            'Network delay per pane',
            h(
              'select',
              { onchange: (e: Event) => (this.sandbox.latency = Number((e.target as HTMLSelectElement).value)) },
              [0, 80, 300, 1000].map((ms) => h('option', { value: String(ms), selected: ms === this.sandbox.latency }, `${ms} ms`)),
            ),
            'control-latency',
          )
        : null,
      h('button', { type: 'button', id: 'control-reset', class: 'danger', onclick: () => void this.reset() }, 'Reset the workspace'),
    );
  }

  async reset() {
    this.status.textContent = 'Starting over…';
    await this.sandbox.reset();
    this.status.textContent = 'The workspace is back to its starting point.';
  }
}
