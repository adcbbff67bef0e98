import type { BatonEvent } from '../domain/commands.js';
import type { Conversation } from '../domain/types.js';
import type { WorkspaceState } from '../state/state.js';
import { View } from './draft.js';
import { mayView } from './permissions.js';

/** Whether a user may see a conversation at all (its messages, log and events). */
export function canView(state: WorkspaceState, userId: string, conversation: Conversation): boolean {
  const user = state.users.get(userId);
  return !!user && mayView(new View(state), user, conversation);
}

/**
 * Whether an event may reach a user: conversations they may see, or could see until this
 * event (so their lists and views let it go), their own notifications, and the directory
 * (users, teamspaces, plan) which every agent reads.
 */
export function eventVisibleTo(state: WorkspaceState, userId: string, event: BatonEvent): boolean {
  return eventFor(state, userId, event) !== null;
}

/**
 * The event as it may reach a user, or null. Whoever could see the conversation only until
 * this event (and did not hold it) gets it without what the command added: no message, no
 * note. It tells them where the conversation went, so their lists let it go.
 */
export function eventFor(state: WorkspaceState, userId: string, event: BatonEvent): BatonEvent | null {
  switch (event.type) {
    case 'notification':
      return event.notification.userId === userId ? event : null;
    case 'conversation': {
      const { conversation, previousAssignee: assignee = null } = event;
      if ((assignee?.type === 'user' && assignee.id === userId) || canView(state, userId, conversation)) return event;
      const { previousTeam: team, previousStatus: status } = event;
      if (status === undefined || !canView(state, userId, { ...conversation, assignee, team: team ?? null, status })) return null;
      const { message: _message, entry, ...rest } = event;
      return entry ? { ...rest, entry: { ...entry, note: null } } : rest;
    }
    default:
      return state.users.get(userId)?.active === true ? event : null;
  }
}
