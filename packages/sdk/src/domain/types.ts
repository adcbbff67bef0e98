/** Workspace plans, in ascending order. */
export const PLANS = ['free', 'lite', 'pro', 'total', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export type ConversationKind = 'livechat' | 'ticket';
export type ConversationStatus = 'open' | 'pending' | 'closed';
export type Availability = 'online' | 'away';

export const ASSIGNMENT_METHODS = ['balanced', 'random', 'round-robin', 'voluntary'] as const;
export type AssignmentMethod = (typeof ASSIGNMENT_METHODS)[number];

/** How far a `transferTakeover` permission reaches. */
export type PermissionLevel = 'individual' | 'team' | 'workspace';

export interface KindPermissions {
  /** "View/Manage conversations assigned to them": needed to be an assignee at all. */
  receive: boolean;
  /** "Transfer and takeover conversations they manage", at a level, or none. */
  transferTakeover: PermissionLevel | null;
}

export interface Permissions {
  livechats: KindPermissions;
  tickets: KindPermissions;
}

/** `admin` holds every permission at workspace level, whatever `permissions` says. */
export type Role = 'admin' | 'agent';

export interface Workspace {
  id: string;
  name: string;
  plan: Plan;
}

export interface AssignmentSettings {
  method: AssignmentMethod;
  /** When on, a transfer to a user needs that user to be online. */
  availabilityCheck: boolean;
  /** Most open conversations an agent is auto-assigned up to; `null` for no limit. */
  autoAssignLimit: number | null;
}

export interface Teamspace {
  id: string;
  name: string;
  settings: AssignmentSettings;
}

export interface Team {
  id: string;
  name: string;
  /** Linked teamspaces (at least one). */
  teamspaces: string[];
  /** Member user ids. */
  members: string[];
}

export interface User {
  id: string;
  name: string;
  email?: string;
  availability: Availability;
  active: boolean;
  role: Role;
  permissions: Permissions;
  /** Bearer token the reference server accepts for this user (demo and tests). */
  token?: string;
}

export interface AiAgent {
  id: string;
  name: string;
  teamspace: string;
}

/** Who holds a conversation: a live agent or an AI agent. */
export type Assignee = { type: 'user'; id: string } | { type: 'ai'; id: string };

export interface Conversation {
  id: string;
  kind: ConversationKind;
  status: ConversationStatus;
  assignee: Assignee | null;
  team: string | null;
  teamspace: string;
  /** The AI agent every livechat starts with; `null` for tickets. */
  origin: string | null;
  subject: string;
  customer: string;
  /** +1 on every change. */
  version: number;
  createdAt: number;
  /** When it started waiting in its queue (pending only). */
  pendingSince: number | null;
  lastMessageAt: number | null;
  /** True when routing chose its current assignee: what `autoAssignLimit` counts. Absent means false. */
  autoAssigned?: boolean;
}

export type Author =
  | { type: 'user'; id: string }
  | { type: 'ai'; id: string }
  | { type: 'customer'; name: string };

export interface Message {
  /** Client-chosen idempotency key. */
  id: string;
  conversationId: string;
  author: Author;
  body: string;
  at: number;
}

export type Actor = { type: 'user'; id: string } | { type: 'ai'; id: string } | { type: 'system' };

export type AssignmentAction =
  | 'transfer'
  | 'transfer-to-team'
  | 'transfer-to-ai'
  | 'takeover'
  | 'claim'
  | 'chat-closed'
  | 'closed'
  | 'handoff'
  | 'routed'
  | 'reopened';

/** One per assignee or status change, append-only. */
export interface AssignmentEntry {
  conversationId: string;
  action: AssignmentAction;
  actor: Actor;
  from: Assignee | null;
  to: Assignee | null;
  /** The team it went through or now belongs to. */
  team: string | null;
  status: ConversationStatus;
  note: string | null;
  /** True when routing chose the assignee (not a person). */
  auto: boolean;
  at: number;
  /** The conversation's version after this change. */
  version: number;
}

export type NotificationKind =
  | 'message'
  | 'assigned'
  | 'unassigned'
  | 'pending';

/** Addressed to one user. */
export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  conversationId: string;
  /** Who caused it (for "Bob took over …"). */
  actor: Actor;
  /** The assignment action behind `assigned`/`unassigned`. */
  action: AssignmentAction | null;
  /** The message behind `message` notifications. */
  messageId: string | null;
  at: number;
}

/** A JSON snapshot of a whole workspace: what backends start from and persist. */
export interface WorkspaceSnapshot {
  workspace: Workspace;
  teamspaces: Teamspace[];
  teams: Team[];
  users: User[];
  aiAgents: AiAgent[];
  conversations: Conversation[];
  messages?: Message[];
  log?: AssignmentEntry[];
  /** Users in the order they came online (round-robin order); online users not listed go last. */
  onlineOrder?: string[];
  /** Last assignment time per user (balanced tie-break). */
  lastAssignedAt?: Record<string, number>;
  /** Seed of the deterministic fallback random source. */
  seed?: number;
  /** Latest time the workspace has seen. */
  clock?: number;
}

/** The public directory every agent may read: who, which teams, which settings. */
export interface Directory {
  workspace: Workspace;
  teamspaces: Teamspace[];
  teams: Team[];
  users: PublicUser[];
  aiAgents: AiAgent[];
}

export type PublicUser = Omit<User, 'token'>;
