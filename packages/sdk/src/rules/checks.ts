import type { Refusal } from '../domain/commands.js';
import type { Actor, Assignee, Conversation, User } from '../domain/types.js';
import type { View } from './draft.js';
import { refusal, refuse, RefusalSignal } from './draft.js';
import { manages, mayView, permissionsFor, planAtLeast } from './permissions.js';

/** The checks behind every action, shared by `decide` (to enforce) and `can` (to explain). */

export function nameOf(draft: View, who: Assignee | null): string | undefined {
  if (!who) return undefined;
  return (who.type === 'user' ? draft.user(who.id)?.name : draft.aiAgent(who.id)?.name) ?? who.id;
}

/** `{ assignee: name }` when there is one: params carry names only, never words of a language. */
const assigneeParam = (name: string | undefined): Record<string, string> => (name === undefined ? {} : { assignee: name });

const isUser = (who: Assignee | null, id: string) => who?.type === 'user' && who.id === id;

export function actingUser(draft: View, actor: Actor): User {
  if (actor.type !== 'user') refuse('invalid-input', 'Only a live agent can do this.', { reason: 'actor' });
  const user = draft.user(actor.id);
  if (!user) refuse('not-found', 'This agent does not exist.', { reason: 'actor', params: { id: actor.id } });
  if (!user.active)
    refuse('missing-permission', 'Your account is deactivated.', { reason: 'deactivated' });
  return user;
}

/**
 * The conversation a command is about. For a person (`viewer`), one they may not see does not
 * exist, as for reads: no refusal may tell them who holds it or that it is there at all.
 * Except for who could see it until its last move and acts on what they saw: they lost a
 * race, were sent that move's event, and hear who won.
 */
export function existingConversation(draft: View, id: string, expectedVersion?: number, viewer?: User): Conversation {
  const conversation = draft.conversation(id);
  const stale = expectedVersion !== undefined && expectedVersion !== conversation?.version;
  if (!conversation || (viewer && !mayView(draft, viewer, conversation) && !(stale && sawBeforeLastMove(draft, viewer, conversation))))
    refuse('not-found', 'This conversation does not exist.', { reason: 'conversation', params: { id } });
  if (stale) {
    const assignee = nameOf(draft, conversation.assignee);
    refuse('version-conflict', `This conversation changed since you saw it${assignee ? `: it is now assigned to ${assignee}` : ''}.`, {
      conversation,
      params: { ...assigneeParam(assignee), expected: expectedVersion, version: conversation.version },
    });
  }
  return conversation;
}

/** Whether the viewer could see the conversation as it was before its last assignment change. */
function sawBeforeLastMove(draft: View, viewer: User, conversation: Conversation): boolean {
  const log = draft.state.log.get(conversation.id);
  const last = log?.at(-1);
  if (!last) return false;
  const before = log!.at(-2);
  const { team, status } = before ?? conversation;
  return mayView(draft, viewer, { ...conversation, assignee: last.from, team, status });
}

function requireLite(draft: View) {
  if (!planAtLeast(draft.workspace.plan, 'lite'))
    refuse('plan-required', 'Requires the Lite plan.', { params: { plan: 'lite' } });
}

function requireOpen(conversation: Conversation) {
  if (conversation.status === 'closed') refuse('conversation-closed', 'This conversation is closed.');
}

function requireAssignee(draft: View, user: User, conversation: Conversation, verb: string) {
  if (isUser(conversation.assignee, user.id)) return;
  const assignee = nameOf(draft, conversation.assignee);
  refuse('not-assignee', `Only the assignee can ${verb}.${assignee ? ` Assigned to ${assignee}.` : ''}`, {
    reason: verb,
    params: assigneeParam(assignee),
  });
}

function requireTransferPermission(user: User, conversation: Conversation) {
  if (!permissionsFor(user, conversation.kind).transferTakeover)
    refuse('missing-permission', `Your role can't transfer ${conversation.kind}s.`, {
      reason: 'no-transfer',
      params: { kind: conversation.kind },
    });
}

export function checkSend(draft: View, user: User, conversation: Conversation) {
  requireOpen(conversation);
  requireAssignee(draft, user, conversation, 'send');
}

export function checkTransfer(draft: View, user: User, conversation: Conversation, targetId?: string): User | undefined {
  requireLite(draft);
  requireOpen(conversation);
  requireAssignee(draft, user, conversation, 'transfer');
  requireTransferPermission(user, conversation);
  if (targetId === undefined) return undefined;
  const target = transferTarget(draft, user, conversation, targetId);
  if ('code' in target) throw new RefusalSignal(target);
  return target;
}

/** The agent a transfer goes to, or why they may not get it (returned: `can` asks it of every candidate). */
export function transferTarget(draft: View, user: User, conversation: Conversation, targetId: string): User | Refusal {
  const target = draft.user(targetId);
  if (!target) return refusal('not-found', 'This agent does not exist.', { reason: 'target', params: { id: targetId } });
  const params = { target: target.name };
  if (target.id === user.id) return refusal('already-assignee', 'You already hold this conversation.', { params });
  if (!target.active) return refusal('target-not-permitted', `${target.name} is deactivated.`, { reason: 'deactivated', params });
  if (!permissionsFor(target, conversation.kind).receive)
    return refusal('target-not-permitted', `${target.name} can't receive ${conversation.kind}s.`, {
      reason: 'no-receive',
      params: { ...params, kind: conversation.kind },
    });
  const teamspace = draft.teamspace(conversation.teamspace);
  if (teamspace?.settings.availabilityCheck && target.availability !== 'online')
    return refusal('target-unavailable', `${target.name} is away.`, { params });
  return target;
}

export function checkTransferToTeam(draft: View, user: User, conversation: Conversation, teamId?: string) {
  requireLite(draft);
  requireOpen(conversation);
  requireAssignee(draft, user, conversation, 'transfer');
  requireTransferPermission(user, conversation);
  if (teamId === undefined) return undefined;
  const team = draft.team(teamId);
  if (!team) refuse('not-found', 'This team does not exist.', { reason: 'team', params: { id: teamId } });
  if (!team.teamspaces.includes(conversation.teamspace)) {
    const teamspace = draft.teamspace(conversation.teamspace)?.name ?? conversation.teamspace;
    refuse('team-not-linked', `${team.name} is not linked to the ${teamspace} teamspace.`, {
      params: { team: team.name, teamspace },
    });
  }
  return team;
}

export function checkTransferToAi(draft: View, user: User, conversation: Conversation, aiAgentId?: string): string {
  requireLite(draft);
  requireOpen(conversation);
  requireAssignee(draft, user, conversation, 'transfer');
  if (conversation.kind !== 'livechat')
    refuse('no-origin-ai', 'Tickets have no AI agent to return to.', { reason: 'ticket' });
  if (aiAgentId !== undefined) {
    const ai = draft.aiAgent(aiAgentId);
    if (!ai) refuse('not-found', 'This AI agent does not exist.', { reason: 'ai', params: { id: aiAgentId } });
    if (ai.teamspace !== conversation.teamspace)
      refuse('target-not-permitted', `${ai.name} works in another teamspace.`, {
        reason: 'other-teamspace',
        params: { target: ai.name },
      });
    return ai.id;
  }
  if (!conversation.origin || !draft.aiAgent(conversation.origin))
    refuse('no-origin-ai', 'This chat has no AI agent to return to.');
  return conversation.origin;
}

function requireMayTake(draft: View, user: User, conversation: Conversation, verb: 'take over' | 'claim') {
  const kind = conversation.kind;
  const permissions = permissionsFor(user, kind);
  if (!permissions.receive)
    refuse('missing-permission', `Your role can't receive ${kind}s.`, { reason: 'no-receive', params: { kind } });
  if (!manages(draft, user, conversation)) {
    const assignee = nameOf(draft, conversation.assignee);
    const whose = permissions.transferTakeover === 'team' ? "other teams'" : "this team's";
    const sentence = permissions.transferTakeover
      ? `Your role can't ${verb} ${whose} conversations.`
      : `Your role can't ${verb} conversations.`;
    refuse('missing-permission', assignee ? `Assigned to ${assignee}. ${sentence}` : sentence, {
      reason: permissions.transferTakeover ? 'level' : 'no-transfer',
      params: { ...assigneeParam(assignee), kind, verb, level: permissions.transferTakeover ?? 'none' },
    });
  }
}

export function checkTakeover(draft: View, user: User, conversation: Conversation) {
  requireLite(draft);
  requireOpen(conversation);
  if (isUser(conversation.assignee, user.id)) refuse('already-assignee', 'You already hold this conversation.');
  requireMayTake(draft, user, conversation, 'take over');
}

export function checkClaim(draft: View, user: User, conversation: Conversation) {
  requireLite(draft);
  requireOpen(conversation);
  if (isUser(conversation.assignee, user.id)) refuse('already-assignee', 'You already hold this conversation.');
  if (conversation.status !== 'pending') {
    const assignee = nameOf(draft, conversation.assignee);
    refuse('not-pending', `This conversation is no longer waiting in a queue${assignee ? `: ${assignee} has it` : ''}.`, {
      params: assigneeParam(assignee),
    });
  }
  requireMayTake(draft, user, conversation, 'claim');
}

export function checkClose(draft: View, user: User, conversation: Conversation) {
  requireOpen(conversation);
  const workspaceLevel = permissionsFor(user, conversation.kind).transferTakeover === 'workspace';
  if (!isUser(conversation.assignee, user.id) && !workspaceLevel) requireAssignee(draft, user, conversation, 'close');
  if (conversation.kind === 'livechat' && (!conversation.origin || !draft.aiAgent(conversation.origin)))
    refuse('no-origin-ai', 'This chat has no AI agent to return to.');
}

export function requireBody(body: string) {
  if (body.trim() === '') refuse('empty-message', 'Write a message first.');
}

/** Workspace settings are for admins (and the system). */
export function requireAdmin(draft: View, actor: Actor) {
  if (actor.type === 'system') return;
  const user = actingUser(draft, actor);
  if (user.role !== 'admin') refuse('missing-permission', 'Only an admin can change this.', { reason: 'admin' });
}
