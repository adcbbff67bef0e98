import type { AssignmentMethod, ErrorCode, Refusal } from '@baton/sdk';

/** A refusal or failure as the catalogue words it. */
export type Explainable = Pick<Refusal, 'reason' | 'params' | 'message'> & { code: ErrorCode };

const en = {
  lang: 'en',
  messageLabel: 'Message',
  placeholder: 'Write a reply… (Enter sends, Shift+Enter adds a line)',
  send: 'Send',
  takeoverAndSend: 'Takeover & Send',
  claim: 'Claim',
  claimAndSend: 'Claim & Send',
  loading: 'Loading…',
  noClient: 'Not connected: place this editor inside <baton-provider>.',
  menuButton: 'More actions',
  transferItem: 'Transfer…',
  transferTeamsItem: 'Transfer teams…',
  transferAiItem: 'Transfer to AI agent',
  closeItem: 'Close conversation',
  transferTitle: 'Transfer conversation',
  transferIntro: 'Choose the agent who takes over this conversation.',
  searchLabel: 'Search agents',
  results: (n: number) => (n === 1 ? '1 agent' : `${n} agents`),
  noMatches: 'No agent matches.',
  online: 'Online',
  away: 'Away',
  deactivated: 'Deactivated',
  load: (load: number, limit: number | null) => (limit === null ? `${load} open` : `${load} of ${limit} open`),
  noTeams: 'No team',
  selected: (name: string) => `Selected: ${name}`,
  /** The picked agent or team may no longer receive the conversation; `reason` says why. */
  unselected: (name: string, reason: string) => `${name} is no longer selected. ${reason}`.trim(),
  noteLabel: 'Note (optional)',
  confirmTransfer: 'Transfer',
  cancel: 'Cancel',
  teamTitle: 'Transfer to a team',
  teamLegend: 'Team',
  teamStats: (online: number, members: number, queue: number) =>
    `${online} of ${members} online · ${queue} waiting`,
  method: { balanced: 'Balanced', random: 'Random', 'round-robin': 'Round robin', voluntary: 'Voluntary' } satisfies Record<
    AssignmentMethod,
    string
  >,
  confirmTeam: 'Transfer to team',
  // Outcomes of the viewer's own actions.
  sent: 'Message sent.',
  transferredTo: (name: string) => `Transferred to ${name}.`,
  assignedVia: (name: string, team: string) => `Assigned to ${name} via ${team}.`,
  waitingInQueue: (team: string) => `Waiting in the ${team} queue.`,
  transferredToAi: (name: string) => `Handed back to ${name}.`,
  tookOver: 'You took over this conversation.',
  claimed: 'You claimed this conversation.',
  closed: 'Conversation closed.',
  // Changes made by someone else, announced politely.
  someone: 'Someone',
  changed: {
    transfer: (actor: string, to: string) => `${actor} transferred this conversation to ${to}.`,
    'transfer-to-team': (actor: string, to: string) => `${actor} transferred this conversation to ${to}.`,
    'transfer-to-ai': (actor: string, to: string) => `${actor} handed this conversation to ${to}.`,
    takeover: (actor: string) => `${actor} took over this conversation.`,
    claim: (actor: string) => `${actor} claimed this conversation.`,
    'chat-closed': (actor: string) => `${actor} closed this conversation.`,
    closed: (actor: string) => `${actor} closed this conversation.`,
    handoff: (_actor: string, to: string) => `This conversation was handed to ${to}.`,
    routed: (_actor: string, to: string) => `This conversation was assigned to ${to}.`,
    reopened: () => 'The customer wrote again: this conversation is open.',
  },
  queued: 'It is waiting in a queue.',
  /** A lost race, in past tense with a relative time: "Bob took over 2 seconds ago." */
  raced: {
    transfer: (actor: string, ago: string) => `${actor} transferred this conversation ${ago}.`,
    'transfer-to-team': (actor: string, ago: string) => `${actor} transferred this conversation ${ago}.`,
    'transfer-to-ai': (actor: string, ago: string) => `${actor} handed this conversation to the AI agent ${ago}.`,
    takeover: (actor: string, ago: string) => `${actor} took over ${ago}.`,
    claim: (actor: string, ago: string) => `${actor} claimed it ${ago}.`,
    'chat-closed': (actor: string, ago: string) => `${actor} closed it ${ago}.`,
    closed: (actor: string, ago: string) => `${actor} closed it ${ago}.`,
    handoff: (_actor: string, ago: string) => `It was handed off ${ago}.`,
    routed: (_actor: string, ago: string) => `It was reassigned ${ago}.`,
    reopened: (_actor: string, ago: string) => `It was reopened ${ago}.`,
  },
  /** Under a second ago, where "0 seconds ago" or "now" would read oddly in "took over …". */
  justNow: 'just now',
  draftKept: 'Your draft is kept.',
  /** After a lost race, the primary button (by its label) does what now makes sense. */
  retryWith: (label: string) => `Use “${label}” to try again.`,
  dismiss: 'Dismiss',
  failed: 'That did not work. Your draft is kept; try again.',
  /**
   * A refusal or failure. The SDK's own English sentence (`message`) says it; worded here are a
   * failure to reach the server, which comes with no advice of its own, and a conversation the
   * viewer may no longer see, which the SDK calls missing so as not to reveal it.
   */
  refusal: (r: Explainable): string =>
    r.code === 'unavailable'
      ? "Can't reach the server right now. Your draft is kept; try again."
      : r.code === 'not-found' && r.reason === 'conversation'
        ? 'You can no longer see this conversation.'
        : r.message,
};

/** Every string the elements show, with its parameters. English is the fallback. */
export type Catalogue = typeof en;

/**
 * Catalogues other than English, each its own module fetched with a dynamic `import()` the
 * first time an element resolves to its language: English pages never download them.
 */
const loaders: Record<string, () => Promise<Catalogue>> = {
  de: () => import('./locales/de.js').then((m) => m.de),
};
const loaded: Record<string, Catalogue> = { en };
const loading: Record<string, Promise<Catalogue>> = {};
const primaryTag = (lang: string) => lang.toLowerCase().split('-')[0];

/**
 * The catalogue for a BCP 47 tag ("de-AT" → German) if it has loaded; English otherwise
 * (no match, or still loading: see `loadCatalogue`).
 */
export function catalogueFor(lang: string): Catalogue {
  return loaded[primaryTag(lang)] ?? en;
}

/**
 * Loads the catalogue for a tag. Returns undefined when there is nothing to wait for (English,
 * a language without a catalogue, or one already loaded); otherwise a promise of the catalogue,
 * after which `catalogueFor` returns it. A failed load leaves English in place.
 */
export function loadCatalogue(lang: string): Promise<Catalogue> | undefined {
  const tag = primaryTag(lang);
  const load = loaders[tag];
  if (loaded[tag] || !load) return undefined;
  return (loading[tag] ??= load().then(
    (catalogue) => (loaded[tag] = catalogue),
    () => (loaded[tag] = en),
  ));
}

/** The nearest non-empty value of an attribute on the element or its ancestors, crossing shadow roots. */
function closestValue(start: Element, attribute: string): string | undefined {
  let node: Element | null = start;
  while (node) {
    const value = node.getAttribute(attribute);
    if (value) return value;
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return undefined;
}

/** `lang` and `dir` from the element, its ancestors (through shadow roots), then the document. */
export function resolveLocale(element: Element): { lang: string; dir: 'ltr' | 'rtl' } {
  const lang = closestValue(element, 'lang') || 'en';
  const dirValue = (closestValue(element, 'dir') || 'ltr').toLowerCase();
  return { lang, dir: dirValue === 'rtl' ? 'rtl' : 'ltr' };
}

/** "2 seconds ago" / "vor 2 Sekunden", in the catalogue's language, so it matches the sentence around it. */
export function relativeTime(t: Catalogue, ms: number): string {
  const format = new Intl.RelativeTimeFormat(t.lang, { numeric: 'auto' });
  const seconds = Math.round(ms / 1000);
  if (!seconds) return t.justNow;
  if (Math.abs(seconds) < 60) return format.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(-minutes, 'minute');
  return format.format(-Math.round(minutes / 60), 'hour');
}
