import type { AssignmentMethod, ConversationKind, ErrorCode, Plan, Refusal } from '@baton/sdk';

/** A refusal or failure as the catalogue words it. */
export type Explainable = Pick<Refusal, 'reason' | 'params' | 'message'> & { code: ErrorCode };

type Params = Record<string, string | number>;
const PLAN_NAMES: Record<Plan, string> = { free: 'Free', lite: 'Lite', pro: 'Pro', total: 'Total', enterprise: 'Enterprise' };
const plan = (p: Params) => PLAN_NAMES[p.plan as Plan] ?? String(p.plan ?? '');
const assigneeOf = (p: Params | undefined) => (p?.assignee ? String(p.assignee) : undefined);

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
  waitingInQueue: (team: string) => `Waiting in ${team}'s queue.`,
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
  draftKept: 'Your draft is kept.',
  dismiss: 'Dismiss',
  failed: 'That did not work. Your draft is kept; try again.',
  kind: (kind: ConversationKind): string => (kind === 'ticket' ? 'tickets' : 'livechats'),
  refusal(r: Explainable): string {
    const p = r.params ?? {};
    const kind = en.kind((p.kind as ConversationKind) ?? 'livechat');
    const assignee = assigneeOf(p);
    const assigned = assignee ? `Assigned to ${assignee}. ` : '';
    switch (r.code) {
      case 'plan-required':
        return `Requires the ${plan(p)} plan.`;
      case 'missing-permission':
        if (r.reason === 'deactivated') return 'Your account is deactivated.';
        if (r.reason === 'no-receive') return `Your role can't receive ${kind}.`;
        if (r.reason === 'no-transfer' && p.verb) return `${assigned}Your role can't ${p.verb} ${kind}.`;
        if (r.reason === 'no-transfer') return `Your role can't transfer ${kind}.`;
        if (r.reason === 'level')
          return `${assigned}Your role can't ${p.verb ?? 'take over'} ${p.level === 'team' ? "other teams'" : "this team's"} conversations.`;
        return "Your role doesn't allow this.";
      case 'not-assignee':
        return `Only the assignee can ${r.reason === 'send' || r.reason === 'close' ? r.reason : 'transfer'}.${assignee ? ` Assigned to ${assignee}.` : ''}`;
      case 'already-assignee':
        return 'You already hold this conversation.';
      case 'conversation-closed':
        return 'This conversation is closed.';
      case 'target-not-permitted':
        if (r.reason === 'deactivated') return `${p.target} is deactivated.`;
        if (r.reason === 'other-teamspace') return `${p.target} works in another teamspace.`;
        return `${p.target} can't receive ${kind}.`;
      case 'target-unavailable':
        return `${p.target} is away.`;
      case 'team-not-linked':
        return p.teamspace ? `${p.team} is not linked to the ${p.teamspace} teamspace.` : `${p.team} is not linked to this teamspace.`;
      case 'no-origin-ai':
        return r.reason === 'ticket' ? 'Tickets have no AI agent to return to.' : 'This chat has no AI agent to return to.';
      case 'empty-message':
        return 'Write a message first.';
      case 'version-conflict':
        return assignee ? `This conversation changed since you saw it: it is now assigned to ${assignee}.` : 'This conversation changed since you saw it.';
      case 'not-found':
        return 'This conversation or person no longer exists.';
      case 'not-pending':
        return assignee ? `This conversation is no longer waiting in a queue: ${assignee} has it.` : 'This conversation is no longer waiting in a queue.';
      case 'invalid-input':
        return 'This request is not valid.';
      case 'unavailable':
        return "Can't reach the server right now. Your draft is kept; try again.";
    }
    return r.message;
  },
};

/** Every string the elements show, with its parameters. English is the fallback. */
export type Catalogue = typeof en;

const de: Catalogue = {
  lang: 'de',
  messageLabel: 'Nachricht',
  placeholder: 'Antwort schreiben… (Enter sendet, Umschalt+Enter für neue Zeile)',
  send: 'Senden',
  takeoverAndSend: 'Übernehmen & Senden',
  claim: 'Annehmen',
  claimAndSend: 'Annehmen & Senden',
  loading: 'Wird geladen…',
  noClient: 'Nicht verbunden: Platzieren Sie diesen Editor in <baton-provider>.',
  menuButton: 'Weitere Aktionen',
  transferItem: 'Weiterleiten…',
  transferTeamsItem: 'An Team weiterleiten…',
  transferAiItem: 'An KI-Agenten übergeben',
  closeItem: 'Unterhaltung schließen',
  transferTitle: 'Unterhaltung weiterleiten',
  transferIntro: 'Wählen Sie die Person, die diese Unterhaltung übernimmt.',
  searchLabel: 'Agenten suchen',
  results: (n) => (n === 1 ? '1 Agent' : `${n} Agenten`),
  noMatches: 'Kein Agent gefunden.',
  online: 'Online',
  away: 'Abwesend',
  deactivated: 'Deaktiviert',
  load: (load, limit) => (limit === null ? `${load} offen` : `${load} von ${limit} offen`),
  noTeams: 'Kein Team',
  selected: (name) => `Ausgewählt: ${name}`,
  noteLabel: 'Notiz (optional)',
  confirmTransfer: 'Weiterleiten',
  cancel: 'Abbrechen',
  teamTitle: 'An ein Team weiterleiten',
  teamLegend: 'Team',
  teamStats: (online, members, queue) => `${online} von ${members} online · ${queue} wartend`,
  method: { balanced: 'Ausgeglichen', random: 'Zufällig', 'round-robin': 'Reihum', voluntary: 'Freiwillig' },
  confirmTeam: 'An Team weiterleiten',
  sent: 'Nachricht gesendet.',
  transferredTo: (name) => `An ${name} weitergeleitet.`,
  assignedVia: (name, team) => `${name} über ${team} zugewiesen.`,
  waitingInQueue: (team) => `Wartet in der Warteschlange von ${team}.`,
  transferredToAi: (name) => `An ${name} zurückgegeben.`,
  tookOver: 'Sie haben diese Unterhaltung übernommen.',
  claimed: 'Sie haben diese Unterhaltung angenommen.',
  closed: 'Unterhaltung geschlossen.',
  someone: 'Jemand',
  changed: {
    transfer: (actor, to) => `${actor} hat diese Unterhaltung an ${to} weitergeleitet.`,
    'transfer-to-team': (actor, to) => `${actor} hat diese Unterhaltung an ${to} weitergeleitet.`,
    'transfer-to-ai': (actor, to) => `${actor} hat diese Unterhaltung an ${to} übergeben.`,
    takeover: (actor) => `${actor} hat diese Unterhaltung übernommen.`,
    claim: (actor) => `${actor} hat diese Unterhaltung angenommen.`,
    'chat-closed': (actor) => `${actor} hat diese Unterhaltung geschlossen.`,
    closed: (actor) => `${actor} hat diese Unterhaltung geschlossen.`,
    handoff: (_actor, to) => `Diese Unterhaltung wurde an ${to} übergeben.`,
    routed: (_actor, to) => `Diese Unterhaltung wurde ${to} zugewiesen.`,
    reopened: () => 'Der Kunde hat erneut geschrieben: Die Unterhaltung ist offen.',
  },
  queued: 'Sie wartet in einer Warteschlange.',
  raced: {
    transfer: (actor, ago) => `${actor} hat diese Unterhaltung ${ago} weitergeleitet.`,
    'transfer-to-team': (actor, ago) => `${actor} hat diese Unterhaltung ${ago} weitergeleitet.`,
    'transfer-to-ai': (actor, ago) => `${actor} hat diese Unterhaltung ${ago} an den KI-Agenten übergeben.`,
    takeover: (actor, ago) => `${actor} hat ${ago} übernommen.`,
    claim: (actor, ago) => `${actor} hat sie ${ago} angenommen.`,
    'chat-closed': (actor, ago) => `${actor} hat sie ${ago} geschlossen.`,
    closed: (actor, ago) => `${actor} hat sie ${ago} geschlossen.`,
    handoff: (_actor, ago) => `Sie wurde ${ago} übergeben.`,
    routed: (_actor, ago) => `Sie wurde ${ago} neu zugewiesen.`,
    reopened: (_actor, ago) => `Sie wurde ${ago} wieder geöffnet.`,
  },
  draftKept: 'Ihr Entwurf bleibt erhalten.',
  dismiss: 'Schließen',
  failed: 'Das hat nicht geklappt. Ihr Entwurf bleibt erhalten; versuchen Sie es erneut.',
  kind: (kind) => (kind === 'ticket' ? 'Tickets' : 'Livechats'),
  refusal(r) {
    const p = r.params ?? {};
    const kind = de.kind((p.kind as ConversationKind) ?? 'livechat');
    const assignee = assigneeOf(p);
    const assigned = assignee ? `Zugewiesen an ${assignee}. ` : '';
    const verb = p.verb === 'claim' ? 'annehmen' : 'übernehmen';
    switch (r.code) {
      case 'plan-required':
        return `Erfordert den ${plan(p)}-Tarif.`;
      case 'missing-permission':
        if (r.reason === 'deactivated') return 'Ihr Konto ist deaktiviert.';
        if (r.reason === 'no-receive') return `Ihre Rolle kann keine ${kind} erhalten.`;
        if (r.reason === 'no-transfer' && p.verb) return `${assigned}Ihre Rolle kann keine ${kind} ${verb}.`;
        if (r.reason === 'no-transfer') return `Ihre Rolle kann keine ${kind} weiterleiten.`;
        if (r.reason === 'level')
          return `${assigned}Ihre Rolle kann keine Unterhaltungen ${p.level === 'team' ? 'anderer Teams' : 'dieses Teams'} ${verb}.`;
        return 'Ihre Rolle erlaubt das nicht.';
      case 'not-assignee': {
        const what = r.reason === 'send' ? 'senden' : r.reason === 'close' ? 'schließen' : 'weiterleiten';
        return `Nur die zugewiesene Person kann ${what}.${assignee ? ` Zugewiesen an ${assignee}.` : ''}`;
      }
      case 'already-assignee':
        return 'Diese Unterhaltung ist Ihnen bereits zugewiesen.';
      case 'conversation-closed':
        return 'Diese Unterhaltung ist geschlossen.';
      case 'target-not-permitted':
        if (r.reason === 'deactivated') return `${p.target} ist deaktiviert.`;
        if (r.reason === 'other-teamspace') return `${p.target} arbeitet in einem anderen Teamspace.`;
        return `${p.target} kann keine ${kind} erhalten.`;
      case 'target-unavailable':
        return `${p.target} ist abwesend.`;
      case 'team-not-linked':
        return p.teamspace ? `${p.team} ist nicht mit dem Teamspace ${p.teamspace} verknüpft.` : `${p.team} ist nicht mit diesem Teamspace verknüpft.`;
      case 'no-origin-ai':
        return r.reason === 'ticket' ? 'Tickets haben keinen KI-Agenten, an den sie zurückgehen.' : 'Dieser Chat hat keinen KI-Agenten, an den er zurückgeht.';
      case 'empty-message':
        return 'Schreiben Sie zuerst eine Nachricht.';
      case 'version-conflict':
        return assignee ? `Diese Unterhaltung hat sich geändert: Sie ist jetzt ${assignee} zugewiesen.` : 'Diese Unterhaltung hat sich geändert.';
      case 'not-found':
        return 'Diese Unterhaltung oder Person gibt es nicht mehr.';
      case 'not-pending':
        return assignee ? `Diese Unterhaltung wartet nicht mehr: ${assignee} hat sie.` : 'Diese Unterhaltung wartet nicht mehr.';
      case 'invalid-input':
        return 'Diese Anfrage ist ungültig.';
      case 'unavailable':
        return 'Der Server ist gerade nicht erreichbar. Ihr Entwurf bleibt erhalten; versuchen Sie es erneut.';
    }
    return en.refusal(r);
  },
};

const catalogues: Record<string, Catalogue> = { en, de };

/** The catalogue for a BCP 47 tag ("de-AT" → German); English when we have no match. */
export function catalogueFor(lang: string): Catalogue {
  return catalogues[lang.toLowerCase().split('-')[0]] ?? en;
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

/** "2 seconds ago" / "vor 2 Sekunden". */
export function relativeTime(lang: string, ms: number): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const seconds = Math.round(ms / 1000);
  if (Math.abs(seconds) < 60) return format.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(-minutes, 'minute');
  return format.format(-Math.round(minutes / 60), 'hour');
}
