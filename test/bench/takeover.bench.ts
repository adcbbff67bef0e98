/**
 * P4, server contention: 200 HTTP clients (one kept-alive connection each, all at once) take
 * over 50 hot conversations of the reference server on loopback. In each pass every client
 * tries every conversation, in the same order, with the version it had at the start of the
 * pass; a round is one conversation contested by all 200 clients: exactly one must win, the
 * 199 others must be refused (`version-conflict`, or `already-assignee` for its holder).
 * One warm-up pass comes first: its rounds are checked, its times are reported apart.
 * Then the same load runs against floor-server.ts, which answers with one of those refusals
 * without any server code: what the load generator, HTTP and the machine cost by themselves.
 *
 *   node --conditions=source --import tsx test/bench/takeover.bench.ts [--passes=10] [--store=memory] [--json]
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { round, summarize } from './browser.js';
import { type ServerProcess, spawnServer } from './spawn-server.js';
import { tokenOf } from './workspace.js';

const CLIENTS = 200;
const HOT = 50;
/** Passes before the timed ones: the server's and the clients' code before the JIT compiled it. Their winners are checked too. */
const WARMUP_PASSES = 1;

interface Reply {
  status: number;
  text: string;
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
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, text, body: JSON.parse(text || '{}') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The load: `WARMUP_PASSES` and then `passes` passes in which each of the 200 clients tries
 * each hot conversation in turn, with the versions known when the pass began. Calls `onReply`
 * with every reply, warm-up included; times only the passes after the warm-up.
 */
async function contend(server: ServerProcess, passes: number, versions: number[], onReply: (pass: number, c: number, client: number, reply: Reply) => void) {
  const url = new URL(server.url);
  let cpuBefore: number | undefined;
  const agents = Array.from({ length: CLIENTS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const latencies: number[] = [];
  const warmupLatencies: number[] = [];
  let busyMs = 0;
  try {
    for (let pass = 0; pass < WARMUP_PASSES + passes; pass++) {
      const timed = pass >= WARMUP_PASSES ? latencies : warmupLatencies;
      const expected = [...versions];
      if (pass === WARMUP_PASSES) cpuBefore = server.cpuSeconds();
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
            timed.push(performance.now() - t0);
            onReply(pass, c, client, reply);
          }
        }),
      );
      if (pass >= WARMUP_PASSES) busyMs += performance.now() - started;
    }
  } finally {
    agents.forEach((agent) => agent.destroy());
  }
  const cpuAfter = server.cpuSeconds();
  return {
    latencies,
    warmupP99Ms: warmupLatencies.length ? round(summarize(warmupLatencies).p99) : undefined,
    requestsPerSecond: Math.round(latencies.length / (busyMs / 1000)),
    // The server's own CPU time per request: steadier from run to run than rates and latencies.
    serverCpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : round(((cpuAfter - cpuBefore) * 1e6) / latencies.length, 1),
  };
}

export async function runTakeover({ passes = 10, store = 'sqlite' as 'sqlite' | 'memory' } = {}) {
  // Agents u0..u49 hold the hot conversations at first; u50..u249 are the contenders.
  const server = await spawnServer({ agents: HOT + CLIENTS, conversations: HOT, store });
  const versions = Array.from({ length: HOT }, () => 1);
  const winners: Array<Array<Array<{ client: number; version: number }>>> = Array.from({ length: WARMUP_PASSES + passes }, () =>
    Array.from({ length: HOT }, () => []),
  );
  const winnersPerRound: number[] = [];
  const unexpected: string[] = [];
  let refusal: Reply | undefined;
  let load: Awaited<ReturnType<typeof contend>>;
  try {
    load = await contend(server, passes, versions, (pass, c, client, reply) => {
      if (reply.status === 200) {
        const { version } = reply.body.conversation!;
        winners[pass][c].push({ client, version });
        // The next pass starts from it (this pass keeps the versions it began with).
        versions[c] = Math.max(versions[c], version);
      } else if (reply.status !== 409 || !['version-conflict', 'already-assignee'].includes(reply.body.code ?? ''))
        unexpected.push(`${reply.status} ${reply.body.code}`);
      else if (reply.body.code === 'version-conflict') refusal ??= reply;
    });
  } finally {
    await server.stop();
  }
  for (const pass of winners) for (const round of pass) winnersPerRound.push(round.length);

  // The floor: the same load against a server that only parses each body and answers with
  // the refusal above, as measured on this machine in the same run.
  if (!refusal) throw new Error('No version-conflict reply to answer the floor load with');
  const floorServer = await spawnServer({ status: refusal.status, body: refusal.text }, 'floor-server.ts');
  let floor: Awaited<ReturnType<typeof contend>>;
  try {
    floor = await contend(floorServer, passes, Array.from({ length: HOT }, () => 1), () => {});
  } finally {
    await floorServer.stop();
  }

  const l = summarize(load.latencies);
  const f = summarize(floor.latencies);
  return {
    takeoverClients: CLIENTS,
    takeoverConversations: HOT,
    takeoverStore: store,
    takeoverRounds: winnersPerRound.length,
    takeoverRoundsWithOneWinner: winnersPerRound.filter((n) => n === 1).length,
    takeoverMaxWinners: Math.max(...winnersPerRound),
    takeoverWarmupPasses: WARMUP_PASSES,
    takeoverRequests: load.latencies.length,
    takeoverUnexpectedReplies: unexpected.length,
    takeoverRequestsPerSecond: load.requestsPerSecond,
    takeoverP50Ms: round(l.p50),
    takeoverP99Ms: round(l.p99),
    takeoverWarmupP99Ms: load.warmupP99Ms,
    takeoverServerCpuUsPerRequest: load.serverCpuUsPerRequest,
    takeoverFloorReplyBytes: Buffer.byteLength(refusal.text),
    takeoverFloorRequestsPerSecond: floor.requestsPerSecond,
    takeoverFloorP50Ms: round(f.p50),
    takeoverFloorP99Ms: round(f.p99),
    takeoverFloorServerCpuUsPerRequest: floor.serverCpuUsPerRequest,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = await runTakeover({ passes: Number(arg('passes') ?? 10), store: (arg('store') as 'sqlite' | 'memory') ?? 'sqlite' });
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
