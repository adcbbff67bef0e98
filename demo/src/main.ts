import { BatonMessageEditor, BatonProvider, defineElement } from '@baton/elements';
import { createClient, type Conversation, type Message } from '@baton/sdk';
import { ControlPanel } from './control-panel.js';
import { h } from './dom.js';
import { Insights } from './insights.js';
import { AgentPane } from './pane.js';
import { createHttpSandbox, createMemorySandbox, type BackendMode } from './sandbox.js';
import { ScenarioPlayer, type ScenarioContext } from './scenarios.js';
import { PANE_AGENTS } from './snapshot.js';
import './styles.css';

defineElement('baton-provider', BatonProvider);
defineElement('baton-message-editor', BatonMessageEditor);

const mode: BackendMode = new URLSearchParams(location.search).get('backend') === 'http' ? 'http' : 'memory';
const sandbox = mode === 'http' ? createHttpSandbox(location.origin) : createMemorySandbox();

// Frank is the workspace admin: his view (no simulated delay) feeds the control panel, the chart and the scenarios.
const observer = createClient({ backend: sandbox.backendFor('frank', { direct: true }), userId: 'frank' });
const watched = new Set<string>();
const watch = (id: string) => {
  const stores = observer.conversation(id);
  if (!watched.has(id)) {
    watched.add(id);
    stores.$conversation.listen(() => undefined);
    stores.$messages.listen(() => undefined);
  }
  return stores;
};

const panes = new Map(PANE_AGENTS.map(({ id, title }) => [id, new AgentPane(sandbox, id, title)]));
const control = new ControlPanel(sandbox, observer);
const insights = new Insights(sandbox, observer);
const ctx: ScenarioContext = {
  sandbox,
  control,
  pane(userId) {
    const pane = panes.get(userId);
    if (!pane) throw new Error(`No pane for ${userId}`);
    return pane;
  },
  conversation: (id): Conversation | undefined => watch(id).$conversation.get(),
  messages: (id): Message[] => watch(id).$messages.get(),
  user: (id) => observer.$directory.get()?.users.find((u) => u.id === id),
};
for (const id of ['c-refund', 'c-login', 'c-coupon', 'c-address']) watch(id);
const player = new ScenarioPlayer(ctx, observer);

const switchTo = mode === 'http' ? '?' : '?backend=http';
document.body.append(
  h(
    'header',
    { class: 'topbar' },
    h('p', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), 'Northwind Support Desk'),
    h('p', { class: 'tag' }, 'Baton sandbox · four agents, one workspace'),
    h(
      'p',
      { class: 'mode' },
      `Backend: ${mode === 'http' ? 'reference server over HTTP' : 'in-process memory'} · `,
      h('a', { href: switchTo, id: 'switch-backend' }, mode === 'http' ? 'Switch to memory' : 'Switch to HTTP'),
    ),
  ),
  h(
    'main',
    { class: 'layout' },
    h('h1', { class: 'visually-hidden' }, 'Baton sandbox: transfers and takeovers across four agent inboxes'),
    h('div', { class: 'sidebar' }, player.element, control.element),
    h(
      'div',
      { class: 'stage' },
      h(
        'section',
        { class: 'panes', 'aria-labelledby': 'panes-title' },
        h('h2', { id: 'panes-title', class: 'visually-hidden' }, 'Agent inboxes'),
        [...panes.values()].map((pane) => pane.element),
      ),
      insights.element,
    ),
  ),
);
document.body.dataset.backend = mode;
document.body.dataset.ready = 'true';
