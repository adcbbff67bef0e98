import type {
  Actor,
  AssignmentEntry,
  AssignmentSettings,
  Availability,
  Conversation,
  Message,
  Notification,
  Permissions,
  Plan,
  PublicUser,
  Role,
  Teamspace,
  Workspace,
} from './types.js';

interface Base {
  actor: Actor;
  /** Time of the command (ms) for `decide` called directly; the backends date every command by their own clock. */
  at?: number;
}

interface OnConversation extends Base {
  conversationId: string;
  /** The version the actor last saw; a stale one is refused with `version-conflict`. */
  expectedVersion?: number;
}

export interface SendCommand extends OnConversation {
  type: 'send';
  messageId: string;
  body: string;
}
export interface TransferCommand extends OnConversation {
  type: 'transfer';
  targetUserId: string;
  note?: string;
}
export interface TransferToTeamCommand extends OnConversation {
  type: 'transfer-to-team';
  teamId: string;
  note?: string;
}
export interface TransferToAiCommand extends OnConversation {
  type: 'transfer-to-ai';
  /** A named AI agent of the same teamspace; the origin AI agent when absent. */
  aiAgentId?: string;
  note?: string;
}
export interface TakeoverCommand extends OnConversation {
  type: 'takeover';
  messageId: string;
  body: string;
}
export interface ClaimCommand extends OnConversation {
  type: 'claim';
  /** "Claim & Send": both or neither. */
  messageId?: string;
  body?: string;
}
export interface CloseCommand extends OnConversation {
  type: 'close';
}

export type HandoffTarget =
  | { type: 'user'; userId: string }
  | { type: 'team'; teamId: string }
  | { type: 'teamspace' };

export interface HandoffCommand extends OnConversation {
  type: 'handoff';
  target: HandoffTarget;
  note?: string;
}
export interface InboundMessageCommand extends OnConversation {
  type: 'inbound-message';
  messageId: string;
  body: string;
  customer?: string;
}
export interface SetAvailabilityCommand extends Base {
  type: 'set-availability';
  userId: string;
  availability: Availability;
  /** Going away: hand the user's open conversations back to routing. */
  redistribute?: boolean;
}
export interface ConfigureTeamspaceCommand extends Base {
  type: 'configure-teamspace';
  teamspaceId: string;
  settings: Partial<AssignmentSettings>;
}
export interface SetPlanCommand extends Base {
  type: 'set-plan';
  plan: Plan;
}
export interface UpdateUserCommand extends Base {
  type: 'update-user';
  userId: string;
  role?: Role;
  permissions?: Permissions;
  active?: boolean;
}

/** Commands a person issues on a conversation. */
export type AgentCommand =
  | SendCommand
  | TransferCommand
  | TransferToTeamCommand
  | TransferToAiCommand
  | TakeoverCommand
  | ClaimCommand
  | CloseCommand;

export type Command =
  | AgentCommand
  | HandoffCommand
  | InboundMessageCommand
  | SetAvailabilityCommand
  | ConfigureTeamspaceCommand
  | SetPlanCommand
  | UpdateUserCommand;

export type CommandType = Command['type'];

export const REFUSAL_CODES = [
  'plan-required',
  'missing-permission',
  'not-assignee',
  'already-assignee',
  'conversation-closed',
  'target-not-permitted',
  'target-unavailable',
  'team-not-linked',
  'no-origin-ai',
  'empty-message',
  'version-conflict',
  'not-found',
  'invalid-input',
  'not-pending',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * What a failed request can say: a refusal, or `unavailable` when the backend could not be
 * reached or failed (nothing is known to have happened; a retry with the same message id is safe).
 */
export type ErrorCode = RefusalCode | 'unavailable';

export interface Refusal {
  code: RefusalCode;
  /** A sentence a person can read (English). */
  message: string;
  /** Finer reason within the code, for localized wording (e.g. `no-receive`, `level`). */
  reason?: string;
  /** Values the sentence names (plan, names, ids), for localized wording. */
  params?: Record<string, string | number>;
  /** On `version-conflict`: the conversation as it is now. */
  conversation?: Conversation;
}

/** Everything an accepted command changes, as facts. */
export type BatonEvent =
  | {
      type: 'conversation';
      conversation: Conversation;
      /** Present when the assignee or status changed. */
      entry?: AssignmentEntry;
      /** Present when a message was appended. */
      message?: Message;
      /**
       * Where it was before this command: who held it, its team and status. Whoever could see
       * it then and cannot now still gets this event, which tells them it left their view.
       */
      previousAssignee?: Conversation['assignee'];
      previousTeam?: Conversation['team'];
      previousStatus?: Conversation['status'];
    }
  | { type: 'user'; user: PublicUser; onlineSeq?: number }
  | { type: 'teamspace'; teamspace: Teamspace }
  | { type: 'workspace'; workspace: Workspace }
  | { type: 'notification'; notification: Notification }
  /** The backend started over: reload everything. */
  | { type: 'reset' };

export type Decision = { allowed: true } | ({ allowed: false } & Refusal);
