import { z } from '@hono/zod-openapi';
import { ASSIGNMENT_METHODS, LIMITS, PLANS, REFUSAL_CODES } from '@baton/sdk';

/** Every request and response shape of `/v1`: these validate requests and generate the OpenAPI document. */

export const Id = z.string().min(1).max(LIMITS.id);
const Body = z.string().max(LIMITS.body);
const Note = z.string().max(LIMITS.note);
const Version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const UserRef = z.object({ type: z.literal('user'), id: z.string() });
const AiRef = z.object({ type: z.literal('ai'), id: z.string() });
export const Assignee = z.discriminatedUnion('type', [UserRef, AiRef]).openapi('Assignee');
export const Actor = z
  .discriminatedUnion('type', [UserRef, AiRef, z.object({ type: z.literal('system') })])
  .openapi('Actor');
const RequestActor = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('user'), id: Id }),
  z.strictObject({ type: z.literal('ai'), id: Id }),
  z.strictObject({ type: z.literal('system') }),
]);
const Status = z.enum(['open', 'pending', 'closed']);

export const Conversation = z
  .object({
    id: z.string(),
    kind: z.enum(['livechat', 'ticket']),
    status: Status,
    assignee: Assignee.nullable(),
    team: z.string().nullable(),
    teamspace: z.string(),
    origin: z.string().nullable(),
    subject: z.string(),
    customer: z.string(),
    version: z.number().int(),
    createdAt: z.number(),
    pendingSince: z.number().nullable(),
    lastMessageAt: z.number().nullable(),
    autoAssigned: z.boolean().optional().openapi({ description: 'True when routing chose its current assignee: what autoAssignLimit counts.' }),
  })
  .openapi('Conversation');

export const Message = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    author: z.discriminatedUnion('type', [UserRef, AiRef, z.object({ type: z.literal('customer'), name: z.string() })]),
    body: z.string(),
    at: z.number(),
  })
  .openapi('Message');

export const AssignmentEntry = z
  .object({
    conversationId: z.string(),
    action: z.string(),
    actor: Actor,
    from: Assignee.nullable(),
    to: Assignee.nullable(),
    team: z.string().nullable(),
    status: Status,
    note: z.string().nullable(),
    auto: z.boolean(),
    at: z.number(),
    version: z.number().int(),
  })
  .openapi('AssignmentEntry');

const KindPermissions = z.strictObject({
  receive: z.boolean(),
  transferTakeover: z.enum(['individual', 'team', 'workspace']).nullable(),
});
const Permissions = z.strictObject({ livechats: KindPermissions, tickets: KindPermissions });

export const PublicUser = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().optional(),
    availability: z.enum(['online', 'away']),
    active: z.boolean(),
    role: z.enum(['admin', 'agent']),
    permissions: Permissions,
  })
  .openapi('User');

const Settings = z.object({
  method: z.enum(ASSIGNMENT_METHODS),
  availabilityCheck: z.boolean(),
  autoAssignLimit: z.number().int().nullable(),
});
const Teamspace = z.object({ id: z.string(), name: z.string(), settings: Settings }).openapi('Teamspace');
const Workspace = z.object({ id: z.string(), name: z.string(), plan: z.enum(PLANS) }).openapi('Workspace');

export const Directory = z
  .object({
    workspace: Workspace,
    teamspaces: z.array(Teamspace),
    teams: z.array(z.object({ id: z.string(), name: z.string(), teamspaces: z.array(z.string()), members: z.array(z.string()) })),
    users: z.array(PublicUser),
    aiAgents: z.array(z.object({ id: z.string(), name: z.string(), teamspace: z.string() })),
  })
  .openapi('Directory');

const Decision = z
  .object({ allowed: z.boolean(), code: z.enum(REFUSAL_CODES).optional(), message: z.string().optional() })
  .openapi('Decision');

export const Candidates = z
  .object({
    conversationId: z.string(),
    version: z.number().int(),
    users: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        availability: z.enum(['online', 'away']),
        active: z.boolean(),
        load: z.number().int(),
        limit: z.number().int().nullable(),
        teams: z.array(z.string()),
        decision: Decision,
      }),
    ),
    teams: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        members: z.number().int(),
        onlineMembers: z.number().int(),
        queueLength: z.number().int(),
        method: z.enum(ASSIGNMENT_METHODS),
        decision: Decision,
      }),
    ),
    aiAgents: z.array(z.object({ id: z.string(), name: z.string(), origin: z.boolean(), decision: Decision })),
  })
  .openapi('Candidates');

/** An event as the stream and command results carry it (see `BatonEvent` in `@baton/sdk`). */
export const Event = z
  .looseObject({ type: z.enum(['conversation', 'user', 'teamspace', 'workspace', 'notification', 'reset']) })
  .openapi('Event');

export const CommandResult = z
  .object({
    conversation: Conversation.nullable(),
    events: z.array(Event).openapi({ description: 'The events of the command the caller may see.' }),
    duplicate: z.boolean().openapi({ description: 'True when this repeats an accepted message id: nothing happened again.' }),
  })
  .openapi('CommandResult');

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(REFUSAL_CODES).optional(),
    reason: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    conversation: Conversation.optional().openapi({ description: 'On 409: the conversation as it is now.' }),
  })
  .openapi('Problem');

// Requests. Strict: an unknown field (including `__proto__`) is refused, not ignored.

const Command = {
  /** The conversation version the caller last saw; a stale one is refused with 409. */
  expectedVersion: Version.optional(),
  /** Optional: must be the credential's own identity. */
  actor: RequestActor.optional(),
};

export const SendBody = z.strictObject({ ...Command, messageId: Id, body: Body }).openapi('SendRequest');
export const TransferBody = z
  .strictObject({
    ...Command,
    target: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('user'), userId: Id }),
      z.strictObject({ type: z.literal('team'), teamId: Id }),
      z.strictObject({ type: z.literal('ai'), aiAgentId: Id.optional() }),
    ]),
    note: Note.optional(),
  })
  .openapi('TransferRequest');
export const TakeoverBody = z.strictObject({ ...Command, messageId: Id, body: Body }).openapi('TakeoverRequest');
export const ClaimBody = z
  .strictObject({ ...Command, messageId: Id.optional(), body: Body.optional() })
  .openapi('ClaimRequest');
export const CloseBody = z.strictObject({ ...Command }).openapi('CloseRequest');
export const HandoffBody = z
  .strictObject({
    ...Command,
    target: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('user'), userId: Id }),
      z.strictObject({ type: z.literal('team'), teamId: Id }),
      z.strictObject({ type: z.literal('teamspace') }),
    ]),
    note: Note.optional(),
  })
  .openapi('HandoffRequest');
export const InboundBody = z
  .strictObject({ ...Command, messageId: Id, body: Body, customer: z.string().max(LIMITS.id).optional() })
  .openapi('InboundMessageRequest');
export const AvailabilityBody = z
  .strictObject({ actor: Command.actor, availability: z.enum(['online', 'away']), redistribute: z.boolean().optional() })
  .openapi('AvailabilityRequest');
export const UserUpdateBody = z
  .strictObject({
    actor: Command.actor,
    role: z.enum(['admin', 'agent']).optional(),
    permissions: Permissions.optional(),
    active: z.boolean().optional(),
  })
  .openapi('UserUpdateRequest');
export const TeamspaceSettingsBody = z
  .strictObject({
    actor: Command.actor,
    method: z.enum(ASSIGNMENT_METHODS).optional(),
    availabilityCheck: z.boolean().optional(),
    autoAssignLimit: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  })
  .openapi('TeamspaceSettingsRequest');
export const PlanBody = z.strictObject({ actor: Command.actor, plan: z.enum(PLANS) }).openapi('PlanRequest');

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');
export const ConversationQuery = z.strictObject({
  mine: Flag.optional().openapi({ description: 'Open conversations assigned to me.' }),
  pending: Flag.optional().openapi({ description: 'Pending conversations I may claim.' }),
  team: Id.optional(),
  assignee: Id.optional().openapi({ description: 'A user or AI agent id.' }),
  status: Status.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const ConversationParams = z.strictObject({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });
