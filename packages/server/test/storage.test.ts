import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/index.js';
import { agent, batonEvents, post, readStream, serve, steppingClock, system, SYSTEM_TOKEN, type SseMessage } from './helpers.js';

describe('SQLite storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-server-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a server restarted on its file serves every acknowledged command', async () => {
    const db = join(dir, 'restart.sqlite');
    // Checkpoints every 4 events, so the restart loads a checkpoint and replays events after it.
    const first = await serve({ db, checkpointEvery: 4 });
    const acknowledged: string[] = [];
    for (let n = 1; n <= 9; n++) {
      const result = await post(first, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: `m-ack-${n}`, body: `Note ${n}` });
      assert.equal(result.status, 200);
      acknowledged.push(`m-ack-${n}`);
    }
    const takeover = await post(first, '/v1/conversations/c-login/takeover', agent('carol'), { messageId: 'm-ack-take', body: 'Carol here' });
    assert.equal(takeover.status, 200);
    const transfer = await post(first, '/v1/conversations/c-refund/transfer', agent('alice'), { target: { type: 'team', teamId: 'team-escalations' } });
    assert.equal(transfer.status, 200);
    const before = first.service.snapshot();
    const lastEventId = first.service.lastEventId;
    await first.close();

    // No seed: everything must come from the file.
    const second = await startServer({ db, systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
    try {
      const messages = await (await fetch(`${second.url}/v1/conversations/c-refund/messages`, { headers: agent('frank') })).json();
      for (const id of acknowledged) assert.ok(messages.some((m: { id: string }) => m.id === id), `${id} survived`);
      const login = await (await fetch(`${second.url}/v1/conversations/c-login`, { headers: agent('carol') })).json();
      assert.deepEqual(login.assignee, { type: 'user', id: 'carol' });
      assert.equal(login.version, takeover.body.conversation.version);
      const refund = await (await fetch(`${second.url}/v1/conversations/c-refund`, { headers: agent('frank') })).json();
      assert.deepEqual(refund, transfer.body.conversation);
      assert.deepEqual(second.service.snapshot().conversations, before.conversations);
      assert.equal(second.service.lastEventId, lastEventId);

      // Idempotency survives too: the retry of an acknowledged message is not stored again.
      const retry = await post(second, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: 'm-ack-3', body: 'Note 3' });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.duplicate, true);
      assert.equal(second.service.state.messages.get('c-refund')!.filter((m) => m.id === 'm-ack-3').length, 1);

      // A stream resumes across the restart: ids continue from the file.
      const resumed = batonEvents(
        await readStream(`${second.url}/v1/events`, { ...system, 'last-event-id': String(lastEventId - 2) }, (m) => batonEvents(m).length >= 2),
      );
      assert.deepEqual(resumed.map((e) => e.id), [lastEventId - 1, lastEventId]);
    } finally {
      await second.close();
    }
  });

  it('positions belong to their file: kept across a restart, never mistaken for another file\'s', async () => {
    const say = (on: RunningServer, n: number) => post(on, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: `m-file-${n}`, body: `Note ${n}` });
    const empty = await serve({ db: join(dir, 'origin.sqlite') });
    const origin = empty.service.lastEventId;
    await empty.close();
    const reopened = await startServer({ db: join(dir, 'origin.sqlite'), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
    assert.equal(reopened.service.lastEventId, origin, 'a restart before any event keeps where positions start');
    assert.equal((await say(reopened, 1)).status, 200);
    const position = reopened.service.lastEventId;
    await reopened.close();

    const other = await serve({ db: join(dir, 'other.sqlite') });
    try {
      for (let n = 2; n <= 4; n++) assert.equal((await say(other, n)).status, 200);
      const caughtUp = (m: SseMessage[]) => m.some((x) => x.id !== undefined && x.event === undefined);
      const resumed = batonEvents(await readStream(`${other.url}/v1/events`, { ...system, 'last-event-id': String(position) }, caughtUp));
      assert.deepEqual(resumed.map((e) => e.event.type), ['reset']);
    } finally {
      await other.close();
    }
  });

  it('a file is locked to one server at a time', async () => {
    const db = join(dir, 'locked.sqlite');
    const first = await serve({ db });
    try {
      await assert.rejects(serve({ db }));
    } finally {
      await first.close();
    }
  });

  it('an empty file without a seed is refused with a clear message', async () => {
    await assert.rejects(startServer({ db: join(dir, 'empty.sqlite'), port: 0 }), /seed/);
  });
});
