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
  switch (event.type) {
    case 'notification':
      return event.notification.userId === userId;
    case 'conversation': {
      const { conversation, previousAssignee: assignee = null } = event;
      if (assignee?.type === 'user' && assignee.id === userId) return true;
      if (canView(state, userId, conversation)) return true;
      const { previousTeam: team, previousStatus: status } = event;
      return status !== undefined && canView(state, userId, { ...conversation, assignee, team: team ?? null, status });
    }
    default:
      return state.users.get(userId)?.active === true;
  }
}
