import type { BatonEvent, Command, Refusal } from '../domain/commands.js';
import type { WorkspaceSnapshot } from '../domain/types.js';
import { directoryOf, listConversations, transferCandidates } from '../queries/queries.js';
import { decide } from '../rules/decide.js';
import { canView, eventFor, eventVisibleTo } from '../rules/visibility.js';
import { applyEvents, createState, toSnapshot, type WorkspaceState } from '../state/state.js';
import { BatonError, type Backend, type CommandResult, type EventListener } from './backend.js';

export interface MemoryBackendOptions {
  /** Clock (ms); injected so tests control time. */
  now?: () => number;
  /** Random source for `random` routing; injected so tests seed it. */
  random?: () => number;
}

export interface MemoryBackend extends Backend {
  /** The live state (read-only). */
  readonly state: WorkspaceState;
  /** Every event, for all viewers: for tools such as the demo's control panel. */
  subscribeAll(listener: EventListener): () => void;
  /** The whole workspace as JSON. */
  snapshot(): WorkspaceSnapshot;
  /** Starts over from a snapshot; subscribers stay and receive a `reset` event. */
  reset(snapshot: WorkspaceSnapshot): void;
}

const notFound = (what: string): Refusal => ({ code: 'not-found', message: `This ${what} does not exist.` });

/** The whole backend in-process: commands go through `decide` and apply atomically. */
export function createMemoryBackend(snapshot: WorkspaceSnapshot, options: MemoryBackendOptions = {}): MemoryBackend {
  const now = options.now ?? Date.now;
  let state = createState(structuredClone(snapshot));
  let eventId = 0;
  const results = new Map<string, CommandResult>();
  const viewers = new Set<{ viewerId: string | null; listener: EventListener }>();

  const publish = (events: BatonEvent[]) => {
    for (const event of events) {
      const id = ++eventId;
      for (const viewer of [...viewers]) {
        const shown = viewer.viewerId === null ? event : eventFor(state, viewer.viewerId, event);
        if (shown) viewer.listener(shown, id);
      }
    }
  };

  const visibleConversation = (viewerId: string, conversationId: string) => {
    const conversation = state.conversations.get(conversationId);
    if (!conversation || !canView(state, viewerId, conversation)) throw new BatonError(notFound('conversation'));
    return conversation;
  };
  const viewer = (viewerId: string) => {
    const user = state.users.get(viewerId);
    if (!user) throw new BatonError(notFound('agent'));
    return user;
  };

  const messageIdOf = (command: Command) => ('messageId' in command ? command.messageId : undefined);

  const backend: MemoryBackend = {
    get state() {
      return state;
    },
    async me(viewerId) {
      const { token: _token, ...user } = viewer(viewerId);
      return user;
    },
    async directory(viewerId) {
      viewer(viewerId);
      return structuredClone(directoryOf(state));
    },
    async conversations(viewerId, filter) {
      viewer(viewerId);
      return listConversations(state, viewerId, filter);
    },
    async conversation(viewerId, conversationId) {
      return visibleConversation(viewerId, conversationId);
    },
    async messages(viewerId, conversationId) {
      visibleConversation(viewerId, conversationId);
      return [...(state.messages.get(conversationId) ?? [])];
    },
    async log(viewerId, conversationId) {
      visibleConversation(viewerId, conversationId);
      return [...(state.log.get(conversationId) ?? [])];
    },
    async candidates(viewerId, conversationId) {
      visibleConversation(viewerId, conversationId);
      return transferCandidates(state, viewerId, conversationId);
    },
    async execute(command) {
      // The backend's clock is the command's time: a caller's own `at` could reorder queues.
      const at = Math.max(now(), state.clock);
      const result = decide(state, command.at === undefined ? command : { ...command, at }, { now: at, random: options.random });
      if (!result.ok) {
        const { ok: _ok, ...refusal } = result;
        throw new BatonError(refusal);
      }
      const messageId = messageIdOf(command);
      const conversationId = 'conversationId' in command ? command.conversationId : undefined;
      const actor = command.actor;
      // Like the server, tell the caller only what they may see: the conversation, if they may
      // see it or an event of theirs about it (one they just moved out of their own reach).
      const current = (events: BatonEvent[] = []) => {
        const conversation = conversationId === undefined ? undefined : state.conversations.get(conversationId);
        if (!conversation) return null;
        const told = (event: BatonEvent) => event.type === 'conversation' && event.conversation.id === conversation.id;
        return actor.type !== 'user' || canView(state, actor.id, conversation) || events.some(told) ? conversation : null;
      };
      if (result.duplicate) {
        const first = messageId !== undefined ? results.get(messageId) : undefined;
        return first ?? { events: [], conversation: current(), duplicate: true };
      }
      applyEvents(state, result.events);
      const events = actor.type === 'user' ? result.events.filter((event) => eventVisibleTo(state, actor.id, event)) : result.events;
      const outcome: CommandResult = { events, conversation: current(events), duplicate: false };
      if (messageId !== undefined) results.set(messageId, { ...outcome, duplicate: true });
      publish(result.events);
      return outcome;
    },
    subscribe(viewerId, listener) {
      const entry = { viewerId, listener };
      viewers.add(entry);
      return () => viewers.delete(entry);
    },
    subscribeAll(listener) {
      const entry = { viewerId: null, listener };
      viewers.add(entry);
      return () => viewers.delete(entry);
    },
    snapshot() {
      return structuredClone(toSnapshot(state));
    },
    reset(next) {
      state = createState(structuredClone(next));
      results.clear();
      publish([{ type: 'reset' }]);
    },
  };
  return backend;
}
