/**
 * P4, server contention: 200 HTTP clients (one kept-alive connection each, all at once) take
 * over 50 hot conversations of the reference server on loopback. In each pass every client
 * tries every conversation, in the same order, with the version it had at the start of the
 * pass; a round is one conversation contested by all 200 clients: exactly one must win, the
 * 199 others must be refused (`version-conflict`, or `already-assignee` for its holder).
 *
 *   node --conditions=source --import tsx test/bench/takeover.bench.ts [--passes=10] [--store=memory] [--json]
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { round, summarize } from './browser.js';
import { spawnServer } from './spawn-server.js';
import { tokenOf } from './workspace.js';

const CLIENTS = 200;
const HOT = 50;

interface Reply {
  status: number;
  body: { code?: string; conversation?: { version: number; assignee: { id: string } | null } };
}

function post(agent: Agent, url: URL, path: string, token: string, body: unknown): Promise<Reply> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function runTakeover({ passes = 10, store = 'sqlite' as 'sqlite' | 'memory' } = {}) {
  // Agents u0..u49 hold the hot conversations at first; u50..u249 are the contenders.
  const server = await spawnServer({ agents: HOT + CLIENTS, conversations: HOT, store });
  const url = new URL(server.url);
  const agents = Array.from({ length: CLIENTS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const versions = Array.from({ length: HOT }, () => 1);
  const latencies: number[] = [];
  const winnersPerRound: number[] = [];
  const unexpected: string[] = [];
  let requests = 0;
  let busyMs = 0;
  try {
    for (let pass = 0; pass < passes; pass++) {
      const winners: Array<Array<{ client: number; version: number }>> = Array.from({ length: HOT }, () => []);
      const expected = [...versions];
      const started = performance.now();
      await Promise.all(
        agents.map(async (agent, client) => {
          const userId = `u${HOT + client}`;
          for (let c = 0; c < HOT; c++) {
            const t0 = performance.now();
            const reply = await post(agent, url, `/v1/conversations/c${c}/takeover`, tokenOf(userId), {
              messageId: `bench-${pass}-${c}-${userId}`,
              body: `${userId} takes over`,
              expectedVersion: expected[c],
            });
            latencies.push(performance.now() - t0);
            requests++;
            if (reply.status === 200) winners[c].push({ client, version: reply.body.conversation!.version });
            else if (reply.status !== 409 || !['version-conflict', 'already-assignee'].includes(reply.body.code ?? ''))
              unexpected.push(`${reply.status} ${reply.body.code}`);
          }
        }),
      );
      busyMs += performance.now() - started;
      for (let c = 0; c < HOT; c++) {
        winnersPerRound.push(winners[c].length);
        if (winners[c].length) versions[c] = Math.max(...winners[c].map((w) => w.version));
      }
    }
  } finally {
    agents.forEach((agent) => agent.destroy());
    await server.stop();
  }
  const l = summarize(latencies);
  return {
    takeoverClients: CLIENTS,
    takeoverConversations: HOT,
    takeoverStore: store,
    takeoverRounds: winnersPerRound.length,
    takeoverRoundsWithOneWinner: winnersPerRound.filter((n) => n === 1).length,
    takeoverMaxWinners: Math.max(...winnersPerRound),
    takeoverRequests: requests,
    takeoverUnexpectedReplies: unexpected.length,
    takeoverRequestsPerSecond: Math.round(requests / (busyMs / 1000)),
    takeoverP50Ms: round(l.p50),
    takeoverP99Ms: round(l.p99),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = await runTakeover({ passes: Number(arg('passes') ?? 10), store: (arg('store') as 'sqlite' | 'memory') ?? 'sqlite' });
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
