import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Starts the CLI, waits (boundedly) for its address, and returns it with a stop function. */
async function run(args: string[]) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 15_000;
  while (!/listening on (\S+)\/v1/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`the CLI did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /listening on (\S+)\/v1/.exec(output)![1];
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { url, output: () => output, stop };
}

describe('baton-server CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the demo on loopback from a SQLite file, and serves it again after a restart', async () => {
    const db = join(dir, 'cli.db');
    const first = await run(['--db', db, '--port', '0', '--seed', 'demo', '--system-token', 'cli-system']);
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const sent = await fetch(`${first.url}/v1/conversations/c-refund/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer token-alice', 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: 'm-cli', body: 'From the CLI test' }),
    });
    assert.equal(sent.status, 200);
    assert.equal(await first.stop(), 0, 'a clean exit on SIGTERM');

    const second = await run(['--db', db, '--port', '0']);
    try {
      const messages = await (await fetch(`${second.url}/v1/conversations/c-refund/messages`, { headers: { authorization: 'Bearer token-alice' } })).json();
      assert.ok(messages.some((m: { id: string }) => m.id === 'm-cli'));
      assert.match(second.output(), /System token: \S+/, 'a generated system token is printed');
    } finally {
      await second.stop();
    }
  });

  it('refuses an unknown seed', async () => {
    await assert.rejects(run(['--memory', '--seed', 'nope', '--port', '0']), /Unknown seed/);
  });
});
