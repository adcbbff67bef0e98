import type { Assignee, ConversationStatus, ErrorCode } from '@baton/sdk';

/** The actions the message editor performs, as they appear in event names. */
export type EditorAction = 'send' | 'takeover' | 'claim' | 'transfer' | 'transfer-to-team' | 'transfer-to-ai' | 'close';

/** What each action was asked to do. Ids only, never element references. */
export interface ActionPayloads {
  send: { body: string; messageId: string };
  takeover: { body: string; messageId: string };
  /** "Claim" has no message; "Claim & Send" has both. */
  claim: { body?: string; messageId?: string };
  transfer: { targetUserId: string; note?: string };
  'transfer-to-team': { teamId: string; note?: string };
  'transfer-to-ai': { aiAgentId?: string };
  close: Record<string, never>;
}

/** Where the conversation ended up after an accepted action. */
export interface ActionOutcome {
  version: number;
  status: ConversationStatus;
  assignee: Assignee | null;
  team: string | null;
  /** True when a retried message had already been accepted: nothing happened twice. */
  duplicate: boolean;
}

const flags = { bubbles: true, composed: true } as const;

/** Fired before an action; `preventDefault()` stops it. Type: `baton-<action>-request`. */
export class BatonRequestEvent<A extends EditorAction = EditorAction> extends Event {
  constructor(
    readonly action: A,
    readonly conversationId: string,
    readonly payload: ActionPayloads[A],
  ) {
    super(`baton-${action}-request`, { ...flags, cancelable: true });
  }
}

/** Fired after the backend accepted an action. Type: `baton-<action>`. */
export class BatonActionEvent<A extends EditorAction = EditorAction> extends Event {
  constructor(
    readonly action: A,
    readonly conversationId: string,
    readonly payload: ActionPayloads[A],
    readonly outcome: ActionOutcome,
  ) {
    super(`baton-${action}`, flags);
  }
}

/** Fired when an action was refused or failed; `code` is the SDK's refusal code (or `unavailable`). */
export class BatonErrorEvent extends Event {
  constructor(
    readonly action: EditorAction,
    readonly conversationId: string,
    readonly code: ErrorCode,
    /** The SDK's English sentence; the editor shows a localized one. */
    readonly message: string,
    readonly reason?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super('baton-error', flags);
  }
}

type RequestEvents = { [A in EditorAction as `baton-${A}-request`]: BatonRequestEvent<A> };
type ActionEvents = { [A in EditorAction as `baton-${A}`]: BatonActionEvent<A> };

/** Every event the editor fires, by name. */
export interface BatonEventMap extends RequestEvents, ActionEvents {
  'baton-error': BatonErrorEvent;
}

declare global {
  interface GlobalEventHandlersEventMap extends BatonEventMap {}
}
