import type { BatonEvent, Command, ErrorCode, Refusal } from '../domain/commands.js';
import type { AssignmentEntry, Conversation, Directory, Message, PublicUser } from '../domain/types.js';
import type { Candidates, ConversationFilter } from '../queries/queries.js';

/** What an accepted command returns: its events and the conversation as it ended. */
export interface CommandResult {
  events: BatonEvent[];
  conversation: Conversation | null;
  /** True when this repeats an already accepted message id: nothing happened again. */
  duplicate: boolean;
}

/** Receives each event a viewer may see, with its position in the backend's stream. */
export type EventListener = (event: BatonEvent, id: number) => void;

/**
 * The interface every backend offers (in-process memory, HTTP). Queries and events are
 * for one viewer: the memory backend serves many, the HTTP backend the token's user.
 */
export interface Backend {
  me(viewerId: string): Promise<PublicUser>;
  directory(viewerId: string): Promise<Directory>;
  conversations(viewerId: string, filter?: ConversationFilter): Promise<Conversation[]>;
  conversation(viewerId: string, conversationId: string): Promise<Conversation>;
  messages(viewerId: string, conversationId: string): Promise<Message[]>;
  log(viewerId: string, conversationId: string): Promise<AssignmentEntry[]>;
  candidates(viewerId: string, conversationId: string): Promise<Candidates>;
  /** Applies a command atomically, or rejects with a `BatonError` carrying the refusal code. */
  execute(command: Command): Promise<CommandResult>;
  /** Live events for a viewer; returns the unsubscribe function. */
  subscribe(viewerId: string, listener: EventListener): () => void;
}

/** A refused (or failed) request; `code` is the refusal code, or `unavailable`. */
export class BatonError extends Error {
  readonly code: ErrorCode;
  readonly refusal: Omit<Refusal, 'code'> & { code: ErrorCode };
  /** On `version-conflict`: the conversation as it is now. */
  readonly conversation: Conversation | undefined;
  /** HTTP status, when the refusal came over HTTP. */
  readonly status: number | undefined;

  constructor(refusal: Omit<Refusal, 'code'> & { code: ErrorCode }, status?: number) {
    super(refusal.message);
    this.name = 'BatonError';
    this.code = refusal.code;
    this.refusal = refusal;
    this.conversation = refusal.conversation;
    this.status = status;
  }
}

export const isBatonError = (error: unknown): error is BatonError =>
  error instanceof BatonError || (error instanceof Error && error.name === 'BatonError' && 'code' in error);
