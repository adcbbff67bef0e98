import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoSnapshot } from '@baton/sdk';
import { createBaton, type WorkspaceService } from '../src/index.js';
import { agent, batonEvents, readStream, serve, steppingClock, SYSTEM_TOKEN, type SseMessage } from './helpers.js';

/**
 * Under Node the event stream is written straight to the response; through `app.fetch` alone
 * it is a web stream. Both must carry the same events and let go of the service when the
 * client leaves.
 */

/** Counts the service's live listeners, to see a stream let go of it. */
function countListeners(service: WorkspaceService) {
  let live = 0;
  const listen = service.listen.bind(service);
  service.listen = (listener) => {
    live++;
    const unlisten = listen(listener);
    return () => {
      live--;
      unlisten();
    };
  };
  return () => live;
}

async function until(test: () => boolean, what: string) {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(test(), what);
}

const transfer = { target: { type: 'user', userId: 'carol' }, note: 'For you' };

function assertTransferSeen(messages: SseMessage[]) {
  const received = batonEvents(messages);
  const change = received.find((e) => e.event.type === 'conversation');
  assert.deepEqual(change?.event.conversation.assignee, { type: 'user', id: 'carol' });
  assert.equal(change?.event.entry.note, 'For you');
  assert.equal(received.find((e) => e.event.type === 'notification')?.event.notification.userId, 'carol');
  // The frames carry ids that only grow.
  const ids = received.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
}

describe('event streams through Node and through app.fetch alone', () => {
  it('under Node: delivers, and lets go of the service when the client leaves', async () => {
    const server = await serve({ heartbeatMs: 50 });
    try {
      const live = countListeners(server.service);
      const messages = await readStream(server.url + '/v1/events', agent('carol'), (m) => batonEvents(m).length >= 2, {
        onOpen: async () => {
          assert.equal(live(), 1);
          const response = await fetch(`${server.url}/v1/conversations/c-refund/transfer`, { method: 'POST', headers: agent('alice'), body: JSON.stringify(transfer) });
          assert.equal(response.status, 200);
        },
      });
      assertTransferSeen(messages);
      await until(() => live() === 0, 'the closed stream stopped listening');
    } finally {
      await server.close();
    }
  });

  it('through app.fetch: delivers, and lets go of the service when the reader cancels', async () => {
    const { service, app } = createBaton({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), heartbeatMs: 50 });
    try {
      const live = countListeners(service);
      const response = await app.fetch(new Request('http://baton.test/v1/events', { headers: agent('carol') }));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(live(), 1);
      const sent = await app.fetch(
        new Request('http://baton.test/v1/conversations/c-refund/transfer', { method: 'POST', headers: agent('alice'), body: JSON.stringify(transfer) }),
      );
      assert.equal(sent.status, 200);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while ((text.match(/^event: baton$/gm) ?? []).length < 2) text += (await reader.read()).value;
      const messages: SseMessage[] = text
        .split('\n\n')
        .filter((block) => block.includes('event: baton'))
        .map((block) => ({
          id: /^id: (.*)$/m.exec(block)?.[1],
          event: 'baton',
          data: JSON.parse(/^data: (.*)$/m.exec(block)![1]),
        }));
      assertTransferSeen(messages);
      await reader.cancel();
      await until(() => live() === 0, 'the cancelled stream stopped listening');
    } finally {
      service.close();
    }
  });
});
