import type { BatonEvent, Command, Decision, Refusal } from '../domain/commands.js';
import type { Actor, Assignee, Conversation, Message, User } from '../domain/types.js';
import { applyEvents, cloneState, type WorkspaceState } from '../state/state.js';
import {
  actingUser,
  checkClaim,
  checkClose,
  checkSend,
  checkTakeover,
  checkTransfer,
  checkTransferToAi,
  checkTransferToTeam,
  existingConversation,
  requireAdmin,
  requireBody,
  transferTarget,
} from './checks.js';
import { Draft, RefusalSignal, refuse, View } from './draft.js';
import { notify } from './notify.js';
import { METHOD_PLAN, PLAN_LABEL, permissionsFor, planAtLeast } from './permissions.js';
import { drain, drainFreed, notifyClaimers, queuesOf, queuesOfTeamspace, routeInto } from './routing.js';
import { validateCommand } from './validate.js';

export interface DecideOptions {
  /** The time of the command when it carries none (ms). Defaults to the state's clock. */
  now?: number;
  /** Random source for `random` routing, in [0, 1). Defaults to a seeded hash, so decide stays pure. */
  random?: () => number;
}

export interface Accepted {
  ok: true;
  events: BatonEvent[];
  /** True when the command's message id was already accepted: nothing happens again. */
  duplicate: boolean;
  /** The next state, built on first read as a copy (O(n)); backends apply `events` in place instead. */
  readonly state: WorkspaceState;
}
export type Rejected = { ok: false } & Refusal;
export type DecideResult = Accepted | Rejected;

class Duplicate {}

/**
 * The rules of Baton: decides a command against the workspace state. Pure: it reads the
 * state, never changes it, and takes its time and random source from its arguments.
 */
export function decide(state: WorkspaceState, command: Command, options: DecideOptions = {}): DecideResult {
  let draft: Draft;
  try {
    validateCommand(command);
    draft = new Draft(state, command.at ?? options.now ?? state.clock, options.random);
    HANDLERS[command.type](draft, command as never);
  } catch (error) {
    if (error instanceof RefusalSignal) return { ok: false, ...error.refusal };
    if (error instanceof Duplicate) return accepted(state, [], true);
    throw error;
  }
  return accepted(state, draft.events, false);
}

// A class, not an object literal with a getter: a literal's getter is a new closure each
// time, which gives every result its own hidden class and makes garbage the collector promotes.
class AcceptedResult implements Accepted {
  readonly ok = true as const;
  private next: WorkspaceState | undefined;
  constructor(
    private readonly base: WorkspaceState,
    readonly events: BatonEvent[],
    readonly duplicate: boolean,
  ) {}
  get state(): WorkspaceState {
    return (this.next ??= applyEvents(cloneState(this.base), this.events));
  }
}

function accepted(state: WorkspaceState, events: BatonEvent[], duplicate: boolean): Accepted {
  return new AcceptedResult(state, events, duplicate);
}

const userOf = (user: User): Assignee => ({ type: 'user', id: user.id });

/**
 * A message id already accepted from the same author in the same conversation is a retry:
 * nothing happens again. Anywhere else the id is taken. (The conversation's messages are read
 * only when the id is known, which is a retry or a mistake.)
 */
function skipDuplicate(draft: Draft, messageId: string | undefined, actor: Actor, conversationId: string) {
  if (messageId === undefined) return;
  const author = draft.messageAuthor(messageId);
  if (author === undefined) return;
  if (
    author !== (actor.type === 'system' ? 'customer' : actor.type === 'user' ? `user:${actor.id}` : `ai:${actor.id}`) ||
    !draft.state.messages.get(conversationId)?.some((m) => m.id === messageId)
  )
    refuse('invalid-input', 'This message id is already used by another message.', { params: { field: 'messageId' } });
  throw new Duplicate();
}

function message(draft: Draft, conversation: Conversation, id: string, body: string, author: Message['author']): Message {
  return { id, conversationId: conversation.id, author, body, at: draft.at };
}

type Handler<T extends Command['type']> = (draft: Draft, command: Extract<Command, { type: T }>) => void;

const HANDLERS: { [T in Command['type']]: Handler<T> } = {
  send(draft, c) {
    skipDuplicate(draft, c.messageId, c.actor, c.conversationId);
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    checkSend(draft, user, conversation);
    requireBody(c.body);
    draft.change(conversation, {}, undefined, message(draft, conversation, c.messageId, c.body, userOf(user)));
  },

  transfer(draft, c) {
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    const target = checkTransfer(draft, user, conversation, c.targetUserId)!;
    const next = draft.change(
      conversation,
      { assignee: userOf(target), status: 'open' },
      { action: 'transfer', actor: c.actor, note: c.note ?? null, auto: false },
    );
    notify(draft, target.id, 'assigned', next, c.actor, 'transfer');
    draft.exclude(conversation.id, user.id);
    drainFreed(draft);
  },

  'transfer-to-team'(draft, c) {
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    const team = checkTransferToTeam(draft, user, conversation, c.teamId)!;
    draft.exclude(conversation.id, user.id);
    routeInto(
      draft,
      conversation,
      { team: team.id, teamspace: conversation.teamspace },
      { action: 'transfer-to-team', actor: c.actor, note: c.note ?? null, exclude: user.id },
    );
    drainFreed(draft);
  },

  'transfer-to-ai'(draft, c) {
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    const aiId = checkTransferToAi(draft, user, conversation, c.aiAgentId);
    draft.change(
      conversation,
      { assignee: { type: 'ai', id: aiId }, status: 'open' },
      { action: 'transfer-to-ai', actor: c.actor, note: c.note ?? null, auto: false },
    );
    drainFreed(draft);
  },

  takeover(draft, c) {
    skipDuplicate(draft, c.messageId, c.actor, c.conversationId);
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    checkTakeover(draft, user, conversation);
    requireBody(c.body);
    take(draft, user, conversation, conversation.status === 'pending' ? 'claim' : 'takeover', c.actor, c.messageId, c.body);
  },

  claim(draft, c) {
    skipDuplicate(draft, c.messageId, c.actor, c.conversationId);
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    checkClaim(draft, user, conversation);
    if (c.body !== undefined) requireBody(c.body);
    take(draft, user, conversation, 'claim', c.actor, c.messageId, c.body);
  },

  close(draft, c) {
    const user = actingUser(draft, c.actor);
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion, user);
    checkClose(draft, user, conversation);
    const livechat = conversation.kind === 'livechat';
    const next = draft.change(
      conversation,
      livechat
        ? { status: 'closed', assignee: { type: 'ai', id: conversation.origin! }, pendingSince: null }
        : { status: 'closed', pendingSince: null },
      { action: livechat ? 'chat-closed' : 'closed', actor: c.actor, note: null, auto: false },
    );
    // A closed livechat goes back to its AI agent; a closed ticket keeps its assignee (no change to tell).
    const previous = conversation.assignee;
    if (livechat && previous?.type === 'user') notify(draft, previous.id, 'unassigned', next, c.actor, 'chat-closed');
    drainFreed(draft);
  },

  handoff(draft, c) {
    if (c.actor.type === 'user')
      refuse('missing-permission', 'Only an AI agent or the system hands conversations off.', { reason: 'handoff' });
    if (c.actor.type === 'ai' && !draft.aiAgent(c.actor.id))
      refuse('not-found', 'This AI agent does not exist.', { reason: 'ai', params: { id: c.actor.id } });
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion);
    if (conversation.status === 'closed') refuse('conversation-closed', 'This conversation is closed.');
    const holder = conversation.assignee;
    if (holder?.type === 'user' || (c.actor.type === 'ai' && holder && holder.id !== c.actor.id))
      refuse('not-assignee', 'Only the AI agent holding this conversation can hand it off.', { reason: 'handoff' });
    const how = { action: 'handoff' as const, actor: c.actor, note: c.note ?? null };
    const { target } = c;
    if (target.type === 'user') {
      const user = draft.user(target.userId);
      if (!user) refuse('not-found', 'This agent does not exist.', { reason: 'target', params: { id: target.userId } });
      const settings = draft.teamspace(conversation.teamspace)?.settings;
      const mayReceive =
        user.active &&
        permissionsFor(user, conversation.kind).receive &&
        (!settings?.availabilityCheck || user.availability === 'online');
      if (mayReceive) {
        const next = draft.change(
          conversation,
          { assignee: userOf(user), status: 'open', pendingSince: null },
          { ...how, auto: false },
        );
        notify(draft, user.id, 'assigned', next, c.actor, 'handoff');
      } else {
        // Our choice: a named agent who may not take it leaves it waiting in the teamspace queue.
        const next = draft.change(
          conversation,
          { assignee: null, status: 'pending', team: null, pendingSince: draft.at },
          { ...how, auto: false },
        );
        notifyClaimers(draft, next, c.actor);
      }
      return;
    }
    if (target.type === 'team') {
      const team = draft.team(target.teamId);
      if (!team) refuse('not-found', 'This team does not exist.', { reason: 'team', params: { id: target.teamId } });
      if (!team.teamspaces.includes(conversation.teamspace))
        refuse('team-not-linked', `${team.name} is not linked to this conversation's teamspace.`, { params: { team: team.name } });
      routeInto(draft, conversation, { team: team.id, teamspace: conversation.teamspace }, how);
      return;
    }
    routeInto(draft, conversation, { team: null, teamspace: conversation.teamspace }, how);
  },

  'inbound-message'(draft, c) {
    skipDuplicate(draft, c.messageId, c.actor, c.conversationId);
    if (c.actor.type !== 'system') refuse('missing-permission', 'Customer messages come from the system.', { reason: 'system' });
    const conversation = existingConversation(draft, c.conversationId, c.expectedVersion);
    requireBody(c.body);
    const text = message(draft, conversation, c.messageId, c.body, { type: 'customer', name: c.customer ?? conversation.customer });
    const next =
      conversation.status === 'closed'
        ? draft.change(conversation, { status: 'open' }, { action: 'reopened', actor: c.actor, note: null, auto: false }, text)
        : draft.change(conversation, {}, undefined, text);
    if (next.assignee?.type === 'user') notify(draft, next.assignee.id, 'message', next, c.actor, null, text.id);
    else if (next.status === 'pending') notifyClaimers(draft, next, c.actor, text.id);
  },

  'set-availability'(draft, c) {
    if (!(c.actor.type === 'user' && c.actor.id === c.userId)) requireAdmin(draft, c.actor);
    const user = draft.user(c.userId);
    if (!user) refuse('not-found', 'This agent does not exist.', { params: { id: c.userId } });
    const comingOnline = c.availability === 'online' && user.availability !== 'online';
    draft.setUser({ ...user, availability: c.availability }, comingOnline ? draft.nextSeq() : undefined);
    if (comingOnline) drain(draft, queuesOf(draft, user.id));
    if (c.availability === 'away' && c.redistribute) {
      const held = draft.state.index.byAssignee.get(`user:${user.id}`) ?? [];
      for (const id of [...held]) {
        const conversation = draft.conversation(id)!;
        if (conversation.status !== 'open') continue;
        const next = routeInto(
          draft,
          conversation,
          { team: conversation.team, teamspace: conversation.teamspace },
          { action: 'routed', actor: c.actor, note: null, exclude: user.id },
        );
        // Told when someone else (an admin) sets them away: nobody is told of what they did.
        notify(draft, user.id, 'unassigned', next, c.actor, 'routed');
      }
    }
  },

  'configure-teamspace'(draft, c) {
    requireAdmin(draft, c.actor);
    const teamspace = draft.teamspace(c.teamspaceId);
    if (!teamspace) refuse('not-found', 'This teamspace does not exist.', { params: { id: c.teamspaceId } });
    const settings = { ...teamspace.settings, ...c.settings };
    const needed = METHOD_PLAN[settings.method];
    if (c.settings.method && !planAtLeast(draft.workspace.plan, needed))
      refuse('plan-required', `Requires the ${PLAN_LABEL[needed]} plan.`, { params: { plan: needed } });
    draft.setTeamspace({ ...teamspace, settings });
    drain(draft, queuesOfTeamspace(draft, teamspace.id));
  },

  'set-plan'(draft, c) {
    requireAdmin(draft, c.actor);
    draft.setWorkspace({ ...draft.workspace, plan: c.plan });
    const keys: string[] = [];
    for (const id of draft.state.teamspaces.keys()) keys.push(...queuesOfTeamspace(draft, id));
    drain(draft, keys);
  },

  'update-user'(draft, c) {
    requireAdmin(draft, c.actor);
    const user = draft.user(c.userId);
    if (!user) refuse('not-found', 'This agent does not exist.', { params: { id: c.userId } });
    draft.setUser({
      ...user,
      ...(c.role !== undefined ? { role: c.role } : {}),
      ...(c.permissions !== undefined ? { permissions: c.permissions } : {}),
      ...(c.active !== undefined ? { active: c.active } : {}),
    });
    drain(draft, queuesOf(draft, user.id));
  },
};

function take(
  draft: Draft,
  user: User,
  conversation: Conversation,
  action: 'takeover' | 'claim',
  actor: Actor,
  messageId: string | undefined,
  body: string | undefined,
) {
  const text = messageId !== undefined && body !== undefined ? message(draft, conversation, messageId, body, userOf(user)) : undefined;
  const next = draft.change(
    conversation,
    { assignee: userOf(user), status: 'open', pendingSince: null },
    { action, actor, note: null, auto: false },
    text,
  );
  const previous = conversation.assignee;
  if (previous?.type === 'user') notify(draft, previous.id, 'unassigned', next, actor, action);
  drainFreed(draft);
}

/** What `can` answers about: the person-made actions, and seeing a conversation at all. */
export type ActionName =
  | 'send'
  | 'transfer'
  | 'transfer-to-team'
  | 'transfer-to-ai'
  | 'takeover'
  | 'claim'
  | 'close'
  | 'view';

const ALIASES: Record<string, ActionName> = { transferToTeam: 'transfer-to-team', transferToAi: 'transfer-to-ai' };

/**
 * Whether a person may do an action now, and if not, why: the same checks `decide`
 * enforces, without a message or version (those are checked when the command is sent).
 * `target` is a user id (transfer), team id (transfer-to-team) or AI agent id (transfer-to-ai).
 */
export function can(
  state: WorkspaceState,
  actorId: string,
  action: ActionName | 'transferToTeam' | 'transferToAi',
  conversationId: string,
  target?: string,
): Decision {
  const draft = new View(state);
  try {
    const user = actingUser(draft, { type: 'user', id: actorId });
    const conversation = existingConversation(draft, conversationId, undefined, user);
    switch (ALIASES[action] ?? action) {
      case 'send':
        checkSend(draft, user, conversation);
        break;
      case 'transfer': {
        checkTransfer(draft, user, conversation);
        if (target === undefined) break;
        const to = transferTarget(draft, user, conversation, target);
        if ('code' in to) return { allowed: false, ...to };
        break;
      }
      case 'transfer-to-team':
        checkTransferToTeam(draft, user, conversation, target);
        break;
      case 'transfer-to-ai':
        checkTransferToAi(draft, user, conversation, target);
        break;
      case 'takeover':
        checkTakeover(draft, user, conversation);
        break;
      case 'claim':
        checkClaim(draft, user, conversation);
        break;
      case 'close':
        checkClose(draft, user, conversation);
        break;
      case 'view':
        // existingConversation has refused one they may not see (as not-found, like reads).
        break;
      default:
        refuse('invalid-input', 'This is not a known action.');
    }
    return { allowed: true };
  } catch (error) {
    if (error instanceof RefusalSignal) return { allowed: false, ...error.refusal };
    throw error;
  }
}
