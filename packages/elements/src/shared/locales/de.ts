/** German. Loaded on demand (see `loadCatalogue`): pages in other languages never download it.
 * Refusals are worded from their code, reason and params (English uses the SDK's sentence). */
import type { Plan } from '@baton/sdk';
import type { Catalogue } from '../localize.js';

// Imports of values from ../localize.js would move it into a chunk shared with this one.
type Params = Record<string, string | number>;
const PLAN_NAMES: Record<Plan, string> = { free: 'Free', lite: 'Lite', pro: 'Pro', total: 'Total', enterprise: 'Enterprise' };
const plan = (p: Params) => PLAN_NAMES[p.plan as Plan] ?? String(p.plan ?? '');

export const de: Catalogue = {
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
  unselected: (name, reason) => `${name} ist nicht mehr ausgewählt. ${reason}`.trim(),
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
  justNow: 'gerade eben',
  draftKept: 'Ihr Entwurf bleibt erhalten.',
  retryWith: (label) => `Mit „${label}“ erneut versuchen.`,
  dismiss: 'Schließen',
  failed: 'Das hat nicht geklappt. Ihr Entwurf bleibt erhalten; versuchen Sie es erneut.',
  refusal(r) {
    const p = r.params ?? {};
    const kind = p.kind === 'ticket' ? 'Tickets' : 'Livechats';
    const assignee = p.assignee ? String(p.assignee) : undefined;
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
        if (r.reason === 'conversation') return 'Sie können diese Unterhaltung nicht mehr sehen.';
        return 'Diese Unterhaltung oder Person gibt es nicht mehr.';
      case 'not-pending':
        return assignee ? `Diese Unterhaltung wartet nicht mehr: ${assignee} hat sie.` : 'Diese Unterhaltung wartet nicht mehr.';
      case 'invalid-input':
        return 'Diese Anfrage ist ungültig.';
      case 'unavailable':
        return 'Der Server ist gerade nicht erreichbar. Ihr Entwurf bleibt erhalten; versuchen Sie es erneut.';
    }
    return r.message;
  },
};
