import type { BatonClient, Conversation, Message, PublicUser } from '@baton/sdk';
import type { ControlPanel } from './control-panel.js';
import { h, render } from './dom.js';
import type { AgentPane } from './pane.js';
import type { Sandbox } from './sandbox.js';

/** What a scenario reads and drives: the panes, the control panel, and an admin's view of the state. */
export interface ScenarioContext {
  sandbox: Sandbox;
  pane(userId: string): AgentPane;
  control: ControlPanel;
  conversation(id: string): Conversation | undefined;
  messages(id: string): Message[];
  user(id: string): PublicUser | undefined;
}

interface Step {
  title: string;
  /** What to do by hand (in the panes or the control panel), and what to watch. */
  explain: string;
  /** "Do it for me": the same action, through the same clients and commands. */
  run(ctx: ScenarioContext): Promise<unknown>;
  done(ctx: ScenarioContext): boolean;
}

interface Scenario {
  id: string;
  name: string;
  intro: string;
  setup(ctx: ScenarioContext): Promise<void>;
  steps: Step[];
  /** A sentence for the end, from the state (e.g. who won the race). */
  outcome(ctx: ScenarioContext): string;
}

const assigneeOf = (ctx: ScenarioContext, id: string) => ctx.conversation(id)?.assignee;
const heldBy = (ctx: ScenarioContext, id: string, who: string) => assigneeOf(ctx, id)?.id === who;

/** Presses a composer's primary button, as a person would. */
const pressSend = (pane: AgentPane) => pane.editor.shadowRoot?.querySelector<HTMLButtonElement>('[part~="send-button"]')?.click();

export const SCENARIOS: Scenario[] = [
  {
    id: 'escalation',
    name: 'Escalation: agent → supervisor',
    intro: 'Alice has a refund she cannot approve. She transfers the chat to Carol, her supervisor, with a note.',
    async setup(ctx) {
      ctx.pane('alice').open('c-refund');
      ctx.pane('carol').setView('all');
    },
    steps: [
      {
        title: 'Alice transfers the chat to Carol',
        explain: 'In Alice’s pane: More actions → Transfer…, search “Carol”, pick Carol Diaz, add a note, press Transfer.',
        run: (ctx) => ctx.pane('alice').client.transfer('c-refund', 'carol', { note: 'Customer asks for a manager' }),
        done: (ctx) => heldBy(ctx, 'c-refund', 'carol'),
      },
      {
        title: 'Carol is notified and replies',
        explain: 'Carol’s pane shows a toast and a badge on her bell. She opens the chat: her button now says Send. She replies.',
        async run(ctx) {
          const carol = ctx.pane('carol');
          carol.open('c-refund');
          await carol.client.send('c-refund', "Hi Maya, I'm Carol, Alice's supervisor. I'm refunding the second charge now.");
        },
        done: (ctx) => ctx.messages('c-refund').some((m) => m.author.type === 'user' && m.author.id === 'carol'),
      },
    ],
    outcome: (ctx) => `The chat is with ${ctx.user(assigneeOf(ctx, 'c-refund')?.id ?? '')?.name ?? 'nobody'}; its log shows Alice → Carol with the note.`,
  },
  {
    id: 'shift',
    name: 'Shift change: chats are redistributed',
    intro: 'Bob holds three chats when his shift ends. He goes away and routing hands his chats to the online Support agents.',
    async setup(ctx) {
      await ctx.control.handoff('c-coupon', 'user:bob');
      await ctx.control.handoff('c-address', 'user:bob');
      ctx.pane('bob').open('c-login');
    },
    steps: [
      {
        title: 'Bob goes away',
        explain: 'In the control panel, set Bob Chen to Away (keep “Going away hands their open chats back to routing” ticked).',
        run: (ctx) => ctx.control.setAvailability('bob', 'away', true),
        done: (ctx) =>
          ctx.user('bob')?.availability === 'away' &&
          ['c-login', 'c-coupon', 'c-address'].every((id) => !heldBy(ctx, id, 'bob')),
      },
      {
        title: 'Bob comes back',
        explain: 'Watch the chart and the chats’ logs (“Routing assigned it automatically”). Then set Bob Online again: he gets no chats back, only new ones.',
        run: (ctx) => ctx.control.setAvailability('bob', 'online'),
        done: (ctx) => ctx.user('bob')?.availability === 'online',
      },
    ],
    outcome: (ctx) =>
      `Bob’s chats went to ${['c-login', 'c-coupon', 'c-address'].map((id) => ctx.user(assigneeOf(ctx, id)?.id ?? '')?.name ?? 'a queue').join(', ')}.`,
  },
  {
    id: 'queue',
    name: 'Team transfer that queues, then drains',
    intro: 'Nobody in Escalations (Carol, Frank) is online. Alice transfers a chat to that team: it waits. Carol comes online and gets it.',
    async setup(ctx) {
      await ctx.control.setAvailability('carol', 'away', false);
      await ctx.control.setAvailability('frank', 'away', false);
      ctx.pane('alice').open('c-refund');
      ctx.pane('carol').setView('all');
    },
    steps: [
      {
        title: 'Alice transfers the chat to team Escalations',
        explain: 'In Alice’s pane: More actions → Transfer teams…, choose Escalations, press Transfer to team. It waits in the team’s queue.',
        run: (ctx) => ctx.pane('alice').client.transferToTeam('c-refund', 'team-escalations'),
        done: (ctx) => ctx.conversation('c-refund')?.status === 'pending' && ctx.conversation('c-refund')?.team === 'team-escalations',
      },
      {
        title: 'Carol comes online',
        explain: 'In the control panel, set Carol Diaz to Online. The queue drains: routing assigns her the chat and she is notified.',
        run: (ctx) => ctx.control.setAvailability('carol', 'online'),
        done: (ctx) => ctx.conversation('c-refund')?.status === 'open' && heldBy(ctx, 'c-refund', 'carol'),
      },
    ],
    outcome: () => 'The chat waited in Escalations’ queue and went to Carol as soon as she came online.',
  },
  {
    id: 'race',
    name: 'Takeover race between two supervisors',
    intro: 'Bob and Carol both see Alice struggling with the refund and both press Takeover & Send at the same moment. Exactly one wins; the other is told who.',
    async setup(ctx) {
      for (const [id, text] of [
        ['bob', 'Bob here, I’ll take this one.'],
        ['carol', 'Carol here, I’m taking over.'],
      ] as const) {
        const pane = ctx.pane(id);
        pane.setView('all');
        pane.open('c-refund');
        pane.editor.value = text;
      }
    },
    steps: [
      {
        title: 'Both press Takeover & Send at once',
        explain: 'Both drafts are written. “Do it for me” presses both buttons in the same instant (by hand, be quick or raise the network delay).',
        async run(ctx) {
          pressSend(ctx.pane('bob'));
          pressSend(ctx.pane('carol'));
        },
        done: (ctx) => heldBy(ctx, 'c-refund', 'bob') || heldBy(ctx, 'c-refund', 'carol'),
      },
    ],
    outcome(ctx) {
      const winner = assigneeOf(ctx, 'c-refund')?.id === 'bob' ? 'bob' : 'carol';
      const loser = winner === 'bob' ? 'carol' : 'bob';
      return `${ctx.user(winner)?.name} won. ${ctx.user(loser)?.name}’s composer says who took over and keeps the draft.`;
    },
  },
  {
    id: 'close',
    name: 'Chat closed back to its AI agent',
    intro: 'Alice solves the refund and closes the chat: it goes back to Ava, the AI agent it started with. When the customer writes again, Ava answers first.',
    async setup(ctx) {
      ctx.pane('alice').open('c-refund');
    },
    steps: [
      {
        title: 'Alice closes the chat',
        explain: 'In Alice’s pane: More actions → Close conversation. The chat is closed and assigned to Ava again.',
        run: (ctx) => ctx.pane('alice').client.close('c-refund'),
        done: (ctx) => ctx.conversation('c-refund')?.status === 'closed' && heldBy(ctx, 'c-refund', 'ai-ava'),
      },
      {
        title: 'The customer writes again',
        explain: 'In the control panel: Customer → Refund for a double charge → Customer sends a message. The chat reopens with Ava.',
        run: (ctx) => ctx.control.inbound('c-refund', 'Sorry, one more question about the refund.'),
        done: (ctx) => ctx.conversation('c-refund')?.status === 'open' && heldBy(ctx, 'c-refund', 'ai-ava'),
      },
      {
        title: 'Ava hands off to people again',
        explain: 'In the control panel: AI agent hands off → Refund for a double charge → team Support. Routing picks an agent.',
        run: (ctx) => ctx.control.handoff('c-refund', 'team:team-support'),
        done: (ctx) => assigneeOf(ctx, 'c-refund')?.type === 'user',
      },
    ],
    outcome: (ctx) => `Back with a person: ${ctx.user(assigneeOf(ctx, 'c-refund')?.id ?? '')?.name ?? '—'}.`,
  },
];

const PENDING_KEY = 'baton-sandbox:scenario';

/** Plays a scenario step by step, ticking steps off as the workspace reaches them. */
export class ScenarioPlayer {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly announcer: HTMLElement;
  private scenario: Scenario | undefined;
  private current = 0;
  private busy = false;
  /** One "Do it for me" button, moved from step to step, so keyboard focus can stay on it. */
  private readonly doButton = h('button', { type: 'button', id: 'scenario-do', class: 'primary', onclick: () => void this.doStep() }, 'Do it for me');

  constructor(private readonly ctx: ScenarioContext, observer: BatonClient) {
    this.body = h('div', { class: 'player' });
    this.announcer = h('p', { class: 'visually-hidden', role: 'status' });
    this.element = h(
      'section',
      { class: 'card scenarios', 'aria-labelledby': 'scenarios-title' },
      h('h2', { id: 'scenarios-title' }, 'Guided scenarios'),
      h(
        'div',
        { class: 'scenario-list', role: 'group', 'aria-label': 'Scenarios' },
        SCENARIOS.map((s) =>
          h('button', { type: 'button', 'data-scenario': s.id, 'aria-pressed': 'false', onclick: () => void this.start(s.id) }, s.name),
        ),
      ),
      this.body,
      this.announcer,
    );
    ctx.sandbox.subscribeAll(() => setTimeout(() => this.check(), 0));
    observer.$directory.subscribe(() => this.check());
    this.render();
    const pending = sessionStorage.getItem(PENDING_KEY);
    if (pending && ctx.sandbox.mode === 'http') {
      sessionStorage.removeItem(PENDING_KEY);
      void this.begin(pending);
    }
  }

  /** Starts a scenario from a fresh workspace. */
  async start(id: string) {
    if (this.busy) return;
    if (this.ctx.sandbox.mode === 'http') sessionStorage.setItem(PENDING_KEY, id);
    this.busy = true;
    this.scenario = SCENARIOS.find((s) => s.id === id);
    this.current = 0;
    this.render('Resetting the workspace…');
    await this.ctx.sandbox.reset();
    this.busy = false;
    await this.begin(id);
  }

  private async begin(id: string) {
    this.scenario = SCENARIOS.find((s) => s.id === id);
    this.current = 0;
    if (!this.scenario) return;
    this.busy = true;
    this.render('Setting the scene…');
    await this.scenario.setup(this.ctx);
    this.busy = false;
    this.render();
    this.announcer.textContent = `${this.scenario.name}: ready. Step 1: ${this.scenario.steps[0].title}.`;
  }

  private async doStep() {
    const step = this.scenario?.steps[this.current];
    if (!step || this.busy) return;
    this.busy = true;
    this.render();
    try {
      await step.run(this.ctx);
    } catch (error) {
      this.announcer.textContent = `That step was refused: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.busy = false;
      setTimeout(() => this.check(), this.ctx.sandbox.latency + 20);
      this.render();
    }
  }

  /** Moves past every step the workspace has reached. */
  private check() {
    const scenario = this.scenario;
    if (!scenario || this.busy) return;
    let moved = false;
    while (this.current < scenario.steps.length && scenario.steps[this.current].done(this.ctx)) {
      this.current++;
      moved = true;
    }
    if (!moved) return;
    const next = scenario.steps[this.current];
    this.announcer.textContent = next ? `Done. Next: ${next.title}.` : `Scenario complete. ${scenario.outcome(this.ctx)}`;
    this.render();
  }

  private render(working?: string) {
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('[data-scenario]'))
      button.setAttribute('aria-pressed', String(button.dataset.scenario === this.scenario?.id));
    const scenario = this.scenario;
    if (!scenario) {
      render(this.body, h('p', { class: 'hint' }, 'Pick a scenario: the workspace resets, the scene is set, and each step says what to do by hand — or does it for you.'));
      return;
    }
    const complete = this.current >= scenario.steps.length;
    const hadFocus = this.body.contains(document.activeElement);
    // aria-disabled rather than disabled while a step runs: a disabled button drops keyboard focus.
    this.doButton.setAttribute('aria-disabled', String(!!working || this.busy));
    render(
      this.body,
      h('h3', {}, scenario.name),
      h('p', { class: 'intro' }, scenario.intro),
      h(
        'ol',
        { class: 'steps' },
        scenario.steps.map((step, index) => {
          const state = index < this.current ? 'done' : index === this.current ? 'current' : 'todo';
          return h(
            'li',
            { class: `step step-${state}`, 'data-state': state, 'aria-current': state === 'current' ? 'step' : false },
            h('span', { class: 'step-title' }, state === 'done' ? h('span', { 'aria-hidden': 'true' }, '✓ ') : null, step.title, state === 'done' ? h('span', { class: 'visually-hidden' }, ' (done)') : null),
            state === 'current' ? h('p', {}, step.explain) : null,
            state === 'current' ? this.doButton : null,
          );
        }),
      ),
      working ? h('p', { class: 'hint' }, working) : null,
      complete ? h('p', { class: 'outcome', 'data-testid': 'scenario-outcome', tabindex: '-1' }, `✔ ${scenario.outcome(this.ctx)}`) : null,
    );
    // The button moves to the next step as the scenario advances; at the end, the outcome takes its place.
    if (hadFocus && !this.body.contains(document.activeElement))
      (this.doButton.isConnected ? this.doButton : this.body.querySelector<HTMLElement>('.outcome'))?.focus();
  }
}
