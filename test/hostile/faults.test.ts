/**
 * R2: faults. Connections cut mid-request and mid-response by a loopback proxy, a server
 * killed with SIGKILL under load and restarted on its SQLite file, and event streams cut and
 * resumed: nothing acknowledged is lost, nothing is stored twice or half, no event is missed
 * or repeated. (The editor's draft through the same faults is in browser.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createDemoSnapshot,
  createHttpBackend,
  isBatonError,
  type AssignmentEntry,
  type BatonEvent,
  type CommandResult,
  type Conversation,
  type Message,
} from '@baton/sdk';
import { startServer, type RunningServer } from '@baton/server';
import { seededRandom, startFaultProxy } from './proxy.js';
import { eventually, inParallel, size, steppingClock } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SYSTEM_TOKEN = 'faults-system-token';

describe('faults: connections cut mid-request and mid-response', () => {
  const SENDS = size(30, 300);

  it(`${SENDS} sends retried by the HTTP backend through a cutting proxy are each stored exactly once`, async () => {
    const server = await startServer({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
    const proxy = await startFaultProxy(server.port);
    const random = seededRandom(6);
    // Every other connection, about, is cut: half in the request, half in the response.
    proxy.plan = () => {
      const r = random();
      if (r < 0.25) return { cutRequestAfter: 1 + Math.floor(random() * 500) };
      if (r < 0.5) return { cutResponseAfter: 1 + Math.floor(random() * 900) };
      return {};
    };
    const alice = createHttpBackend({ baseUrl: proxy.url, token: 'token-alice', timeout: 5_000, retry: 4 });
    let duplicates = 0;
    let failedAttempts = 0;
    try {
      const ids = Array.from({ length: SENDS }, (_, i) => `cut-${i}`);
      await inParallel(ids, 10, async (messageId) => {
        // As the editor does: keep the draft and its message id, and try again until it is accepted.
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await alice.execute({ type: 'send', actor: { type: 'user', id: 'alice' }, conversationId: 'c-refund', messageId, body: `Message ${messageId}` });
            if (result.duplicate) duplicates++;
            return;
          } catch (error) {
            assert.ok(!isBatonError(error) || error.code === 'unavailable', `only the network fails, not the rules: ${String(error)}`);
            failedAttempts++;
            assert.ok(attempt < 15, `${messageId} never got through`);
          }
        }
      });
      const messages = server.service.state.messages.get('c-refund')!;
      for (const messageId of ids) assert.equal(messages.filter((m) => m.id === messageId).length, 1, `${messageId} is stored exactly once`);
      const conversation = server.service.state.conversations.get('c-refund')!;
      assert.equal(conversation.version, 1 + SENDS, 'each send changed the conversation once');
      const stored = server.service.eventsAfter(0)!.filter(({ event }) => event.type === 'conversation' && event.message);
      assert.equal(stored.length, SENDS, 'one stored event per message');
      assert.ok(proxy.stats.cutRequests > 0 && proxy.stats.cutResponses > 0, `the proxy cut both ways: ${JSON.stringify(proxy.stats)}`);
      console.log(`faults: ${SENDS} sends, ${JSON.stringify(proxy.stats)}, ${duplicates} answered as retries of a stored send, ${failedAttempts} attempts given up by the backend`);
    } finally {
      alice.close();
      await proxy.close();
      await server.close();
    }
  });
});

describe('faults: event streams cut and resumed', () => {
  const COMMANDS = size(60, 600);

  it(`a stream cut at random bytes ${COMMANDS >= 600 ? 'hundreds of' : 'dozens of'} times misses nothing and repeats nothing`, async () => {
    const server = await startServer({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0, heartbeatMs: 200 });
    const proxy = await startFaultProxy(server.port);
    const random = seededRandom(11);
    proxy.plan = () => ({ cutResponseAfter: 100 + Math.floor(random() * 2_500) });
    const options = { timeout: 5_000, reconnect: { min: 5, max: 40 }, onStreamError: () => {} };
    const received = new Map<string, { id: number; event: BatonEvent }[]>();
    const backends = [];
    for (const [name, token, baseUrl] of [
      ['system (cut)', SYSTEM_TOKEN, proxy.url],
      ['system (direct)', SYSTEM_TOKEN, server.url],
      ['alice (cut)', 'token-alice', proxy.url],
      ['alice (direct)', 'token-alice', server.url],
    ] as const) {
      const backend = createHttpBackend({ baseUrl, token, ...options });
      const list: { id: number; event: BatonEvent }[] = [];
      received.set(name, list);
      backend.subscribe('viewer', (event, id) => list.push({ id, event }));
      backends.push(backend);
    }
    try {
      await Promise.all(backends.map((b) => b.streaming()));
      const system = createHttpBackend({ baseUrl: server.url, token: SYSTEM_TOKEN });
      const alice = createHttpBackend({ baseUrl: server.url, token: 'token-alice' });
      for (let i = 0; i < COMMANDS; i++) {
        if (i % 2) await alice.execute({ type: 'send', actor: { type: 'user', id: 'alice' }, conversationId: 'c-refund', messageId: `s-${i}`, body: `Reply ${i} ${'·'.repeat(i % 50)}` });
        else await system.execute({ type: 'inbound-message', actor: { type: 'system' }, conversationId: i % 4 ? 'c-refund' : 'c-login', messageId: `in-${i}`, body: `Customer ${i}` });
        if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const last = server.service.lastEventId;
      await eventually(() => received.get('system (cut)')!.at(-1)?.id === last, 'the cut system stream to catch up', 20_000);
      await eventually(() => received.get('system (direct)')!.at(-1)?.id === last, 'the direct system stream to catch up', 20_000);
      const aliceLast = received.get('alice (direct)')!.at(-1)?.id;
      await eventually(() => received.get('alice (cut)')!.at(-1)?.id === aliceLast, "alice's cut stream to catch up", 20_000);
      for (const viewer of ['system', 'alice']) {
        const cut = received.get(`${viewer} (cut)`)!;
        const direct = received.get(`${viewer} (direct)`)!;
        const ids = cut.map((e) => e.id);
        assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b), `${viewer}: ids only grow, none repeats`);
        assert.deepEqual(cut, direct, `${viewer}: the cut stream delivered exactly what the uncut one did`);
      }
      const every = server.service.eventsAfter(0)!.map((e) => e.id);
      assert.equal(every.at(-1), last);
      assert.deepEqual(received.get('system (cut)')!.map((e) => e.id), every, 'the system saw every event');
      assert.deepEqual(every, Array.from({ length: every.length }, (_, i) => every[0] + i), 'stored events are numbered without a gap');
      assert.ok(proxy.stats.cutResponses >= 5, `the streams were cut many times: ${JSON.stringify(proxy.stats)}`);
      console.log(`faults: event streams over ${COMMANDS} commands (${every.length} events), ${proxy.stats.cutResponses} cuts`);
      system.close();
      alice.close();
    } finally {
      for (const backend of backends) backend.close();
      await proxy.close();
      await server.close();
    }
  });
});

describe('faults: the server killed with SIGKILL under load', () => {
  const KILLS = size(2, 8);
  const dir = mkdtempSync(join(tmpdir(), 'baton-sigkill-'));
  const db = join(dir, 'baton.db');
  after(() => rmSync(dir, { recursive: true, force: true }));

  let child: ChildProcess | undefined;
  /** Resolves when the current child has exited (listened for from the start, so no exit is missed). */
  let exited: Promise<unknown> = Promise.resolve();
  after(() => {
    child?.kill('SIGKILL');
  });

  /** The real CLI, as `pnpm server` runs it, on the SQLite file. */
  async function launch(): Promise<string> {
    const started = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', '--db', db, '--port', '0', '--seed', 'demo', '--system-token', SYSTEM_TOKEN], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    exited = new Promise((resolve) => started.once('exit', resolve));
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 30_000);
      const read = (chunk: Buffer) => {
        output += chunk;
        const match = /listening on (http:\/\/[\d.:]+)\/v1/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      started.stdout!.on('data', read);
      started.stderr!.on('data', read);
      started.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
    });
  }

  interface Acked {
    conversationId: string;
    messageId: string;
    kind: 'send' | 'inbound' | 'takeover';
    token: string;
    path: string;
    body: Record<string, unknown>;
    version: number;
  }

  it(`${KILLS} kills: every acknowledged command survives, none is half-applied, retries stay single`, async () => {
    const acked: Acked[] = [];
    let attempted = 0;
    for (let cycle = 0; cycle < KILLS; cycle++) {
      const url = await launch();
      const post = async (token: string, path: string, body: Record<string, unknown>) => {
        const response = await fetch(`${url}/v1/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as CommandResult & { conversation?: Conversation } };
      };
      const stop = { now: false };
      const workers: Promise<void>[] = [];
      const sender = (token: string, conversationId: string, kind: 'send' | 'inbound') =>
        (async () => {
          for (let i = 0; !stop.now; i++) {
            const messageId = `k${cycle}-${kind}-${conversationId}-${i}`;
            const path = `conversations/${conversationId}/${kind === 'send' ? 'messages' : 'inbound'}`;
            const body = { messageId, body: `Load ${i}` };
            attempted++;
            const answer = await post(token, path, body).catch(() => null);
            if (!answer) return;
            assert.equal(answer.status, 200, JSON.stringify(answer.body));
            acked.push({ conversationId, messageId, kind, token, path, body, version: answer.body.conversation!.version });
          }
        })();
      // Carol and Frank take c-shipping from each other, each with a message, as fast as they can.
      const taker = (who: string) =>
        (async () => {
          for (let i = 0; !stop.now; i++) {
            const messageId = `k${cycle}-takeover-${who}-${i}`;
            const body = { messageId, body: `${who} takes over (${i})` };
            attempted++;
            const answer = await post(`token-${who}`, 'conversations/c-shipping/takeover', body).catch(() => null);
            if (!answer) return;
            if (answer.status === 200) acked.push({ conversationId: 'c-shipping', messageId, kind: 'takeover', token: `token-${who}`, path: 'conversations/c-shipping/takeover', body, version: answer.body.conversation!.version });
            else assert.equal(answer.status, 409, `only "already the assignee" refuses: ${JSON.stringify(answer.body)}`);
          }
        })();
      workers.push(sender('token-alice', 'c-refund', 'send'), sender('token-bob', 'c-login', 'send'), sender(SYSTEM_TOKEN, 'c-upgrade', 'inbound'), sender(SYSTEM_TOKEN, 'c-thanks', 'inbound'), taker('carol'), taker('frank'));
      // Kill in the middle of the load, at a different moment each cycle.
      const before = acked.length;
      await eventually(() => acked.length >= before + 60 + cycle * 17, 'load to be acknowledged', 30_000);
      child!.kill('SIGKILL');
      await Promise.all(workers);
      stop.now = true;
      await exited;
    }

    const url = await launch();
    const get = async <T>(path: string, token = 'token-frank'): Promise<T> => {
      const response = await fetch(`${url}/v1/${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200, path);
      return response.json() as Promise<T>;
    };
    const conversations = new Map((await get<Conversation[]>('conversations?limit=1000')).map((c) => [c.id, c]));
    const messages = new Map<string, Message[]>();
    const logs = new Map<string, AssignmentEntry[]>();
    for (const id of conversations.keys()) {
      messages.set(id, await get<Message[]>(`conversations/${id}/messages`));
      logs.set(id, await get<AssignmentEntry[]>(`conversations/${id}/log`));
    }

    // Every acknowledged command is there, once.
    for (const command of acked) {
      const found = messages.get(command.conversationId)!.filter((m) => m.id === command.messageId);
      assert.equal(found.length, 1, `${command.messageId} was acknowledged and is stored once`);
      assert.ok(conversations.get(command.conversationId)!.version >= command.version, `${command.conversationId} is at least at the acknowledged version`);
    }
    // A takeover is the new assignee and its message, or neither: pair each entry with its message.
    const shipping = messages.get('c-shipping')!.filter((m) => m.id.includes('-takeover-'));
    const takeovers = logs.get('c-shipping')!.filter((e) => e.action === 'takeover');
    assert.ok(takeovers.length > 0, 'takeovers happened');
    for (const entry of takeovers)
      assert.equal(shipping.filter((m) => m.author.type === 'user' && m.author.id === (entry.actor as { id: string }).id && m.at === entry.at).length, 1, `the takeover at version ${entry.version} has its message`);
    assert.equal(shipping.length, takeovers.length, 'no takeover message without its takeover');
    for (const command of acked.filter((a) => a.kind === 'takeover'))
      assert.ok(takeovers.some((e) => e.version === command.version), `the acknowledged takeover at version ${command.version} is in the log`);
    const allIds = [...messages.values()].flat().map((m) => m.id);
    assert.equal(new Set(allIds).size, allIds.length, 'no message id is stored twice, acknowledged or not');

    // The stored events replay to what the restarted server shows, with no gap in any version.
    const stream = await readAll(url);
    stream.forEach(({ id }, i) => assert.equal(id, stream[0].id + i, 'stored events are numbered without a gap'));
    const lastOf = new Map<string, Conversation>();
    const versions = new Map<string, number>();
    for (const { event } of stream) {
      if (event.type !== 'conversation') continue;
      const previous = versions.get(event.conversation.id) ?? 1;
      assert.equal(event.conversation.version, previous + 1, `${event.conversation.id}: each stored change is one version after the last`);
      versions.set(event.conversation.id, event.conversation.version);
      lastOf.set(event.conversation.id, event.conversation);
    }
    for (const [id, conversation] of conversations) assert.deepEqual(conversation, lastOf.get(id) ?? conversation, `${id}: the state is the replay of the stored events`);

    // Retries after the crash answer the first result and store nothing again.
    const eventsBefore = stream.length;
    for (const command of acked.filter((_, i) => i % 5 === 0)) {
      const response = await fetch(`${url}/v1/${command.path}`, { method: 'POST', headers: { authorization: `Bearer ${command.token}`, 'content-type': 'application/json' }, body: JSON.stringify(command.body) });
      const answer = await response.json();
      assert.equal(response.status, 200, JSON.stringify(answer));
      assert.equal(answer.duplicate, true, `${command.messageId}: a retry is recognised after the restart`);
    }
    assert.equal((await readAll(url)).length, eventsBefore, 'retries stored nothing');
    console.log(`faults: ${KILLS} SIGKILLs under load, ${acked.length} acknowledged of ${attempted} attempted commands, ${stream.length} stored events`);
    child!.kill('SIGTERM');
    await exited;
    child = undefined;
  });
});

/** Every stored event, from the start, over the system's event stream. */
async function readAll(url: string): Promise<{ id: number; event: BatonEvent }[]> {
  const events: { id: number; event: BatonEvent }[] = [];
  // Resume "after event 0": the whole history.
  const response = await fetch(`${url}/v1/events`, { headers: { authorization: `Bearer ${SYSTEM_TOKEN}`, 'last-event-id': '0' } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  // The stream sends a bare `id:` line once it has caught up.
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    let caughtUp = false;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (\d+)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data && id) events.push({ id: Number(id), event: JSON.parse(data) });
      else if (id && !data) caughtUp = true;
    }
    if (caughtUp) break;
  }
  await reader.cancel();
  return events;
}
