import type { Actor, AssignmentAction, Conversation, NotificationKind } from '../domain/types.js';
import type { Draft } from './draft.js';

/** Addresses a notification to one user; nobody is told about what they did themselves. */
export function notify(
  draft: Draft,
  userId: string,
  kind: NotificationKind,
  conversation: Conversation,
  actor: Actor,
  action: AssignmentAction | null,
  messageId?: string,
): void {
  if (actor.type === 'user' && actor.id === userId) return;
  draft.events.push({
    type: 'notification',
    notification: {
      id: `${conversation.id}:${conversation.version}:${kind}:${userId}`,
      userId,
      kind,
      conversationId: conversation.id,
      actor,
      action,
      messageId: messageId ?? null,
      at: draft.at,
    },
  });
}
