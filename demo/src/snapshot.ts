import { createDemoSnapshot, type Conversation, type Message, type WorkspaceSnapshot } from '@baton/sdk';

/** Chats Ava is still handling, so "Ava hands off" has enough to route and the chart has something to show. */
const WAITING_WITH_AVA: [id: string, subject: string, customer: string, body: string][] = [
  ['c-coupon', 'Coupon code not accepted', 'Nora Fischer', 'My SPRING25 code says it has expired.'],
  ['c-address', 'Change delivery address', 'Pablo Ruiz', 'Can I still change where my order goes?'],
  ['c-damaged', 'Item arrived damaged', 'Aiko Tanaka', 'The mug arrived in pieces.'],
  ['c-size', 'Exchange for another size', 'Liam Byrne', 'The jacket is too small, can I swap it?'],
  ['c-gift', 'Gift wrapping', 'Chloé Martin', 'Can you gift-wrap my order?'],
  ['c-account', 'Delete my account', 'Ivan Petrov', 'Please delete my account and data.'],
];

/**
 * The sandbox's workspace: the SDK's demo workspace at the given time, plus a few chats that
 * Ava (the Support AI agent) is still handling. Shared by the page and the in-process server.
 */
export function sandboxSnapshot(now: number): WorkspaceSnapshot {
  const snapshot = createDemoSnapshot(now);
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  WAITING_WITH_AVA.forEach(([id, subject, customer, body], index) => {
    const at = now - (30 - index * 4) * 60_000;
    conversations.push({
      id,
      kind: 'livechat',
      status: 'open',
      assignee: { type: 'ai', id: 'ai-ava' },
      team: null,
      teamspace: 'ts-support',
      origin: 'ai-ava',
      subject,
      customer,
      version: 1,
      createdAt: at,
      pendingSince: null,
      lastMessageAt: at,
    });
    messages.push({ id: `m-${id}-1`, conversationId: id, author: { type: 'customer', name: customer }, body, at });
  });
  return {
    ...snapshot,
    conversations: [...snapshot.conversations, ...conversations],
    messages: [...(snapshot.messages ?? []), ...messages],
  };
}

/** The agents shown side by side, and what each one is in this workspace. */
export const PANE_AGENTS: { id: string; title: string }[] = [
  { id: 'alice', title: 'Support agent' },
  { id: 'bob', title: 'Support lead' },
  { id: 'carol', title: 'Support supervisor' },
  { id: 'dave', title: 'Billing agent' },
];
