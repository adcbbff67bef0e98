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
 * Whether an event may reach a user: conversations they may see (or just lost), their own
 * notifications, and the directory (users, teamspaces, plan) which every agent reads.
 */
export function eventVisibleTo(state: WorkspaceState, userId: string, event: BatonEvent): boolean {
  switch (event.type) {
    case 'notification':
      return event.notification.userId === userId;
    case 'conversation': {
      const previous = event.previousAssignee;
      if (previous?.type === 'user' && previous.id === userId) return true;
      return canView(state, userId, event.conversation);
    }
    default:
      return state.users.get(userId)?.active === true;
  }
}
