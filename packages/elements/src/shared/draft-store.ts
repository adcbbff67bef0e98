/** The part of the Web Storage API drafts need; inject your own (tests, sessionStorage, memory). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A draft and the message id it will be sent with, kept so a retried send stays idempotent. */
export interface Draft {
  body: string;
  messageId: string;
}

const keyOf = (userId: string, conversationId: string) => `baton:draft:${userId}:${conversationId}`;

/** localStorage when the page may use it (it throws in some sandboxed frames). */
export function defaultDraftStorage(): DraftStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadDraft(storage: DraftStorage | undefined, userId: string, conversationId: string): Draft | undefined {
  try {
    const raw = storage?.getItem(keyOf(userId, conversationId));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<Draft>;
    return typeof draft.body === 'string' && typeof draft.messageId === 'string'
      ? { body: draft.body, messageId: draft.messageId }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(storage: DraftStorage | undefined, userId: string, conversationId: string, draft: Draft): void {
  try {
    if (draft.body === '') storage?.removeItem(keyOf(userId, conversationId));
    else storage?.setItem(keyOf(userId, conversationId), JSON.stringify(draft));
  } catch {
    // A full or blocked storage loses persistence, not the draft in the editor.
  }
}

export function clearDraft(storage: DraftStorage | undefined, userId: string, conversationId: string): void {
  try {
    storage?.removeItem(keyOf(userId, conversationId));
  } catch {
    // As above: nothing to keep.
  }
}
