import type { Actor, Assignee, AssignmentAction, AssignmentEntry, Author, Directory, Notification } from '@baton/sdk';

/** Names from the directory, for the host page's own rendering. */
export class Names {
  constructor(private readonly directory: () => Directory | undefined) {}

  user(id: string): string {
    return this.directory()?.users.find((u) => u.id === id)?.name ?? id;
  }
  ai(id: string): string {
    return this.directory()?.aiAgents.find((a) => a.id === id)?.name ?? id;
  }
  team(id: string | null): string {
    if (!id) return 'no team';
    return this.directory()?.teams.find((t) => t.id === id)?.name ?? id;
  }
  teamspace(id: string): string {
    return this.directory()?.teamspaces.find((t) => t.id === id)?.name ?? id;
  }
  assignee(who: Assignee | null): string {
    if (!who) return 'nobody (queue)';
    return who.type === 'ai' ? this.ai(who.id) : this.user(who.id);
  }
  actor(actor: Actor): string {
    if (actor.type === 'system') return 'Routing';
    return actor.type === 'ai' ? this.ai(actor.id) : this.user(actor.id);
  }
  author(author: Author): string {
    if (author.type === 'customer') return author.name;
    return author.type === 'ai' ? this.ai(author.id) : this.user(author.id);
  }
}

const VERBS: Record<AssignmentAction, string> = {
  transfer: 'transferred it',
  'transfer-to-team': 'transferred it to a team',
  'transfer-to-ai': 'handed it back to the AI agent',
  takeover: 'took over',
  claim: 'claimed it from the queue',
  'chat-closed': 'closed the chat (back to the AI agent)',
  closed: 'closed it',
  handoff: 'handed off to people',
  routed: 'assigned it automatically',
  reopened: 'reopened it (the customer wrote again)',
};

export const verbOf = (entry: AssignmentEntry): string =>
  entry.actor.type === 'system' && entry.action === 'reopened' ? 'Customer reply reopened it' : VERBS[entry.action];

/** What a notification says, for the toast and the notification list. */
export function notificationText(n: Notification, names: Names, subject: string): string {
  const who = names.actor(n.actor);
  const quoted = `“${subject}”`;
  switch (n.kind) {
    case 'message':
      return `New message in ${quoted}`;
    case 'pending':
      return `${quoted} is waiting in a queue you can claim from`;
    case 'assigned':
      if (n.action === 'routed' || n.action === 'handoff') return `${quoted} was assigned to you`;
      if (n.action === 'reopened') return `${quoted} was reopened`;
      return `${who} ${n.action === 'takeover' ? 'gave' : 'transferred'} ${quoted} to you`;
    case 'unassigned':
      if (n.action === 'takeover') return `${who} took over ${quoted}`;
      if (n.action === 'claim') return `${who} claimed ${quoted}`;
      if (n.action === 'routed') return `${quoted} was redistributed`;
      return `${quoted} is no longer yours (${who})`;
  }
}
