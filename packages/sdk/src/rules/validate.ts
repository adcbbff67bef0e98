import type { Command } from '../domain/commands.js';
import { ASSIGNMENT_METHODS, PLANS } from '../domain/types.js';
import { refuse } from './draft.js';

export const LIMITS = { body: 20_000, note: 2_000, id: 200 } as const;

type Shape = Record<string, (value: unknown) => boolean>;

const str = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const id = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.id;
const optional = (test: (v: unknown) => boolean) => (v: unknown) => v === undefined || test(v);
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);
const bool = (v: unknown) => typeof v === 'boolean';
const version = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object with no keys but these: what the state stores and every event repeats. */
const only = (v: Record<string, unknown>, keys: readonly string[]) => Object.keys(v).every((key) => keys.includes(key));

const actor = (v: unknown) =>
  isObject(v) && only(v, ['type', 'id']) && (v.type === 'system' || ((v.type === 'user' || v.type === 'ai') && id(v.id)));
const limit = (v: unknown) => v === null || (Number.isSafeInteger(v) && (v as number) >= 1);
const handoffTarget = (v: unknown) =>
  isObject(v) &&
  ((v.type === 'user' && id(v.userId)) || (v.type === 'team' && id(v.teamId)) || v.type === 'teamspace');
const settings = (v: unknown) =>
  isObject(v) &&
  only(v, ['method', 'availabilityCheck', 'autoAssignLimit']) &&
  optional(oneOf(ASSIGNMENT_METHODS))(v.method) &&
  optional(bool)(v.availabilityCheck) &&
  (v.autoAssignLimit === undefined || limit(v.autoAssignLimit));
const level = (v: unknown) => v === null || oneOf(['individual', 'team', 'workspace'])(v);
const kindPermissions = (v: unknown) =>
  isObject(v) && only(v, ['receive', 'transferTakeover']) && bool(v.receive) && level(v.transferTakeover);
const permissions = (v: unknown) =>
  isObject(v) && only(v, ['livechats', 'tickets']) && kindPermissions(v.livechats) && kindPermissions(v.tickets);

const onConversation: Shape = { conversationId: id, expectedVersion: optional(version) };
const note = optional(str(LIMITS.note));

const SHAPES: Record<Command['type'], Shape> = {
  send: { ...onConversation, messageId: id, body: str(LIMITS.body) },
  transfer: { ...onConversation, targetUserId: id, note },
  'transfer-to-team': { ...onConversation, teamId: id, note },
  'transfer-to-ai': { ...onConversation, aiAgentId: optional(id), note },
  takeover: { ...onConversation, messageId: id, body: str(LIMITS.body) },
  claim: { ...onConversation, messageId: optional(id), body: optional(str(LIMITS.body)) },
  close: onConversation,
  handoff: { ...onConversation, target: handoffTarget, note },
  'inbound-message': { ...onConversation, messageId: id, body: str(LIMITS.body), customer: optional(str(LIMITS.id)) },
  'set-availability': { userId: id, availability: oneOf(['online', 'away']), redistribute: optional(bool) },
  'configure-teamspace': { teamspaceId: id, settings },
  'set-plan': { plan: oneOf(PLANS) },
  'update-user': {
    userId: id,
    role: optional(oneOf(['admin', 'agent'])),
    permissions: optional(permissions),
    active: optional(bool),
  },
};

/** Refuses with `invalid-input` anything that is not a well-formed command. */
export function validateCommand(command: unknown): asserts command is Command {
  if (!isObject(command) || typeof command.type !== 'string' || !Object.hasOwn(SHAPES, command.type))
    refuse('invalid-input', 'This is not a known command.');
  if (!actor(command.actor)) refuse('invalid-input', 'The command needs a valid actor.', { params: { field: 'actor' } });
  if (command.at !== undefined && !Number.isFinite(command.at))
    refuse('invalid-input', 'The command time must be a number.', { params: { field: 'at' } });
  const shape = SHAPES[command.type as Command['type']];
  for (const field in shape) {
    if (!shape[field](command[field]))
      refuse('invalid-input', `The field "${field}" is missing or invalid.`, { params: { field } });
  }
  if (command.type === 'claim' && (command.messageId === undefined) !== (command.body === undefined))
    refuse('invalid-input', 'A claim with a message needs both its id and its text.', { params: { field: 'body' } });
}
