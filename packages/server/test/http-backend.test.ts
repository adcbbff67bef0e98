import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpBackend, isBatonError, type BatonEvent } from '@baton/sdk';
import type { RunningServer } from '../src/index.js';
import { serve, SYSTEM_TOKEN } from './helpers.js';

const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : String(input));
const alice = { type: 'user' as const, id: 'alice' };

async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('createHttpBackend', () => {
  let server: RunningServer;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  /** A fetch that fails the way `plan` says on each call, then behaves. */
  const flaky = (plan: ('network' | 503 | 'lost' | 'ok')[]) => {
    const calls: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const step = plan[calls.length] ?? 'ok';
      calls.push(urlOf(input));
      if (step === 'network') throw new TypeError('fetch failed');
      if (step === 503) return new Response('busy', { status: 503 });
      const response = await fetch(input, init);
      // The request reached the server, but its answer never came back.
      if (step === 'lost') throw new TypeError('socket hang up');
      return response;
    };
    return { fetchFn, calls };
  };

  it('retries reads on network errors and 5xx', async () => {
    const { fetchFn, calls } = flaky(['network', 503]);
    const backend = createHttpBackend({ baseUrl: server.url, token: 'token-alice', fetch: fetchFn, retry: 2 });
    const me = await backend.me('alice');
    assert.equal(me.id, 'alice');
    assert.equal(calls.length, 3);
  });

  it('retries a command with a message id: a lost answer does not send the message twice', async () => {
    const { fetchFn, calls } = flaky(['lost']);
    const backend = createHttpBackend({ baseUrl: server.url, token: 'token-alice', fetch: fetchFn });
    const result = await backend.execute({ type: 'send', actor: alice, conversationId: 'c-refund', messageId: 'm-lost', body: 'Sent once' });
    assert.equal(calls.length, 2);
    assert.equal(result.duplicate, true, 'the retry got the first result');
    assert.equal(server.service.state.messages.get('c-refund')!.filter((m) => m.id === 'm-lost').length, 1);
  });

  it('does not retry a command without a message id', async () => {
    for (const failure of ['network', 503] as const) {
      const { fetchFn, calls } = flaky([failure]);
      const backend = createHttpBackend({ baseUrl: server.url, token: 'token-alice', fetch: fetchFn });
      await assert.rejects(backend.execute({ type: 'transfer', actor: alice, conversationId: 'c-refund', targetUserId: 'bob' }));
      assert.equal(calls.length, 1, `${failure}: sent once`);
    }
    assert.deepEqual(server.service.state.conversations.get('c-refund')!.assignee, alice, 'nothing happened');
  });

  it('times out', async () => {
    let calls = 0;
    const hanging: typeof fetch = (input) =>
      new Promise((_resolve, reject) => {
        calls++;
        const signal = input instanceof Request ? input.signal : undefined;
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const backend = createHttpBackend({ baseUrl: server.url, token: 'token-alice', fetch: hanging, timeout: 100, retry: 1 });
    const started = Date.now();
    await assert.rejects(backend.me('alice'), (error: Error) => error.name === 'TimeoutError');
    assert.equal(calls, 2, 'a read is retried after a timeout');
    assert.ok(Date.now() - started < 3_000);
  });

  it('surfaces refusals as BatonError with the code, the status and the current conversation', async () => {
    const backend = createHttpBackend({ baseUrl: server.url, token: 'token-bob', fetch });
    await assert.rejects(backend.execute({ type: 'transfer', actor: { type: 'user', id: 'bob' }, conversationId: 'c-refund', targetUserId: 'carol' }), (error) => {
      assert.ok(isBatonError(error));
      assert.equal(error.code, 'not-assignee');
      assert.equal(error.status, 403);
      return true;
    });
    await assert.rejects(
      backend.execute({ type: 'send', actor: { type: 'user', id: 'bob' }, conversationId: 'c-login', expectedVersion: 0, messageId: 'm-stale', body: 'x' }),
      (error) => isBatonError(error) && error.code === 'version-conflict' && error.status === 409 && error.conversation?.id === 'c-login',
    );
    const stranger = createHttpBackend({ baseUrl: server.url, token: 'nope', fetch });
    await assert.rejects(stranger.me('x'), (error) => isBatonError(error) && error.status === 401);
  });

  it('reconnects a dropped event stream and resumes with Last-Event-ID, missing nothing', async () => {
    const cuts: (() => void)[] = [];
    const resumedFrom: (string | null)[] = [];
    const droppable: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!urlOf(input).endsWith('/v1/events')) return response;
      resumedFrom.push(new Headers(init?.headers).get('last-event-id'));
      const reader = response.body!.getReader();
      let dropped = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { value, done } = await reader.read();
          if (dropped) controller.error(new TypeError('connection reset'));
          else if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: () => reader.cancel(),
      });
      cuts.push(() => {
        dropped = true;
        void reader.cancel();
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const watcher = createHttpBackend({ baseUrl: server.url, token: SYSTEM_TOKEN, fetch: droppable, reconnect: { min: 20, max: 50 }, onStreamError: () => {} });
    const received: { id: number; event: BatonEvent }[] = [];
    const unsubscribe = watcher.subscribe('system', (event, id) => received.push({ id, event }));
    await watcher.streaming();
    const start = server.service.lastEventId;
    const system = createHttpBackend({ baseUrl: server.url, token: SYSTEM_TOKEN });
    const inbound = (n: number) =>
      system.execute({ type: 'inbound-message', actor: { type: 'system' }, conversationId: 'c-shipping', messageId: `m-drop-${n}`, body: `Message ${n}` });
    await inbound(1);
    await inbound(2);
    await eventually(() => received.length >= 2, 'the first events');
    cuts.at(-1)!();
    for (let n = 3; n <= 6; n++) await inbound(n);
    await eventually(() => received.length >= server.service.lastEventId - start, 'the events after the drop');
    unsubscribe();
    watcher.close();
    system.close();
    assert.ok(resumedFrom.length >= 2, 'it reconnected');
    assert.equal(resumedFrom[0], null);
    assert.ok(resumedFrom.slice(1).every((id) => id !== null && Number(id) >= start), `resumed from ${resumedFrom.join(',')}`);
    const ids = received.map((r) => r.id);
    assert.deepEqual(ids, Array.from({ length: server.service.lastEventId - start }, (_, i) => start + 1 + i), 'every event once, in order');
    assert.deepEqual(
      received.map((r) => (r.event.type === 'conversation' ? r.event.message?.id : undefined)).filter(Boolean),
      ['m-drop-1', 'm-drop-2', 'm-drop-3', 'm-drop-4', 'm-drop-5', 'm-drop-6'],
    );
  });

  it('stops the stream for good when the credentials are refused', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const backend = createHttpBackend({ baseUrl: server.url, token: 'nope', fetch: counting, reconnect: { min: 10, max: 10 }, onStreamError: (e) => errors.push(e) });
    const unsubscribe = backend.subscribe('x', () => {});
    await eventually(() => errors.length >= 1, 'the refusal');
    await new Promise((resolve) => setTimeout(resolve, 100));
    unsubscribe();
    assert.equal(calls, 1);
    assert.ok(isBatonError(errors[0]) && errors[0].status === 401);
  });
});
