import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { createDemoSnapshot } from '@baton/sdk';
import { createBaton, type WorkspaceService } from '../src/index.js';
import { agent, batonEvents, readStream, serve, steppingClock, system, SYSTEM_TOKEN, type SseMessage } from './helpers.js';

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
      while ((text.match(/^event: baton$/gm) ?? []).length < 2) {
        const { value, done } = await reader.read();
        assert.ok(!done, 'the stream ended before the transfer arrived');
        text += value;
      }
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

  // A client that never reads must not hold the server's memory: past `streamBacklog` events
  // behind it is cut off, what was queued for it is dropped, and it would resume with Last-Event-ID.
  const say = (n: number, body: string) =>
    new Request(`http://baton.test/v1/conversations/c-refund/messages`, { method: 'POST', headers: agent('alice'), body: JSON.stringify({ messageId: `m-backlog-${n}`, body }) });

  it('through app.fetch: a client that does not read is cut off past its backlog', async () => {
    const { service, app } = createBaton({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), streamBacklog: 20 });
    try {
      const live = countListeners(service);
      const response = await app.fetch(new Request('http://baton.test/v1/events', { headers: system }));
      let sent = 0;
      while (live() === 1 && sent < 500) assert.equal((await app.fetch(say(++sent, `Update ${sent}`))).status, 200);
      assert.equal(live(), 0, 'the stream stopped listening');
      // The web stream queues 64 chunks before it counts as behind; three chunks open it.
      assert.ok(sent > 20 + 64 - 3, `cut off after ${sent} events, not before its backlog`);
      // The queued events are dropped: the reader gets an error, not the backlog.
      await assert.rejects(response.text(), /too far behind/);
    } finally {
      service.close();
    }
  });

  it('under Node: a client that does not read is cut off past its backlog', async () => {
    const server = await serve({ streamBacklog: 20 });
    const live = countListeners(server.service);
    const url = new URL(server.url);
    // A client that sends its request and then never reads: the socket's buffers fill, then Node's.
    const socket = connect(Number(url.port), url.hostname);
    try {
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(`GET /v1/events HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${system.authorization}\r\n\r\n`);
      socket.pause();
      await until(() => live() === 1, 'the stream to open');
      // Long messages fill the buffers in few commands.
      const body = 'x'.repeat(19_000);
      let sent = 0;
      while (live() === 1 && sent < 3_000) {
        const response = await fetch(`${server.url}/v1/conversations/c-refund/messages`, {
          method: 'POST',
          headers: agent('alice'),
          body: JSON.stringify({ messageId: `m-backlog-${++sent}`, body }),
        });
        assert.equal(response.status, 200);
      }
      assert.equal(live(), 0, `the stream stopped listening (after ${sent} events)`);
      assert.ok(sent > 20, `cut off after ${sent} events, not before its backlog`);
      // The connection is dropped with what Node still buffered for it: read now, the client
      // gets fewer than the events written before the cut, then the end.
      let received = 0;
      let rest = '';
      socket.on('data', (chunk: Buffer) => {
        const text = rest + chunk.toString('latin1');
        const blocks = text.split('\n\n');
        rest = blocks.pop()!;
        received += blocks.filter((block) => block.includes('event: baton')).length;
      });
      socket.on('error', () => {});
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.resume();
      await closed;
      assert.ok(received < sent - 20, `the client got ${received} of the ${sent - 1} events written before the cut`);
    } finally {
      socket.destroy();
      await server.close();
    }
  });
});
