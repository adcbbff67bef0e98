/**
 * P5, live updates: 500 agents hold the reference server's event stream open (one connection
 * each, on loopback), and a second agent's composer runs in Chromium over HTTP. Two agents
 * take a conversation over from each other, one command at a time; for each accepted command
 * we time, from the moment the command was sent, its event's arrival at each of the 500
 * streams and the editor's live region naming the new holder (and the frame painting it).
 * The first `warmup` commands (10) are not counted: they time the server's and the clients'
 * code before the JIT compiled it, once per process; the slowest of them is reported apart.
 *
 *   node --conditions=source --import tsx test/bench/live.bench.ts [--commands=100] [--warmup=10] [--store=memory] [--json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundlePage, htmlPage, launchChromium, round, summarize } from './browser.js';
import { spawnServer } from './spawn-server.js';
import { agentName, tokenOf } from './workspace.js';

const STREAMS = 500;
const ACTORS = [`u${STREAMS}`, `u${STREAMS + 1}`];
const VIEWER = `u${STREAMS + 2}`;
const CONVERSATION = 'c0';

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * An event-stream client that reports when a conversation event of a given version arrives.
 * A chunk's arrival is timed when it is read; its frames are parsed after the reads that are
 * ready at that moment (setImmediate). The 500 clients share this one process, so parsing
 * each chunk on the spot would add the parsing of every stream read before it to the times of
 * the streams read after it, which separate clients do not do to each other.
 */
function openStream(base: URL, userId: string, onVersion: (version: number, at: number) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = get(
      { host: base.hostname, port: base.port, path: '/v1/events', agent: false, headers: { authorization: `Bearer ${tokenOf(userId)}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream for ${userId}: HTTP ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        const parse = (chunk: string, at: number) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split('\n').find((line) => line.startsWith('data: '));
            if (!data) continue;
            const event = JSON.parse(data.slice(6));
            if (event.type === 'conversation' && event.conversation.id === CONVERSATION) onVersion(event.conversation.version, at);
          }
        };
        res.on('data', (chunk: string) => {
          const at = wallClock();
          setImmediate(parse, chunk, at);
        });
        res.on('error', () => {});
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
  });
}

function takeover(agent: Agent, base: URL, userId: string, messageId: string): Promise<{ status: number; version: number }> {
  const payload = JSON.stringify({ messageId, body: `${userId} takes over` });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: `/v1/conversations/${CONVERSATION}/takeover`,
        headers: { authorization: `Bearer ${tokenOf(userId)}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, version: JSON.parse(body).conversation?.version ?? -1 }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function runLive({ commands = 100, warmup = 10, store = 'sqlite' as 'sqlite' | 'memory' } = {}) {
  const pageDir = mkdtempSync(join(tmpdir(), 'baton-bench-live-'));
  writeFileSync(join(pageDir, 'live.js'), await bundlePage('pages/live-editor.ts'));
  writeFileSync(join(pageDir, 'live.html'), htmlPage('/live.js'));
  const server = await spawnServer({
    agents: STREAMS + 3,
    conversations: 1_000,
    store,
    files: { 'live.html': join(pageDir, 'live.html'), 'live.js': join(pageDir, 'live.js') },
  });
  const base = new URL(server.url);
  const browser = await launchChromium();
  const closers: Array<() => void> = [];
  const commander = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // arrivals.get(version)[i]: when stream i saw the conversation reach that version
    const arrivals = new Map<number, number[]>();
    let waiting: { version: number; done: () => void } | null = null;
    const onVersion = (version: number, at: number) => {
      const list = arrivals.get(version) ?? [];
      list.push(at);
      arrivals.set(version, list);
      if (waiting && waiting.version === version && list.length === STREAMS) waiting.done();
    };
    for (let i = 0; i < STREAMS; i += 50)
      closers.push(...(await Promise.all(Array.from({ length: Math.min(50, STREAMS - i) }, (_, j) => openStream(base, `u${i + j}`, onVersion)))));

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/live.html?token=${tokenOf(VIEWER)}&user=${VIEWER}&conversation=${CONVERSATION}`);
    await page.waitForFunction(() => (window as unknown as { live?: unknown }).live);
    await page.evaluate(() => (window as unknown as { live: { streaming(): Promise<void> } }).live.streaming());
    await page.waitForFunction(() => {
      const close = document.querySelector('baton-message-editor')?.shadowRoot?.querySelector('[data-item="close"]');
      return !!close && !/Loading/.test(close.textContent ?? '');
    });

    // The last stream's time for each warm-up command: the cold start, reported beside the figures.
    const warmupLastStreamMs: number[] = [];
    const commandMs: number[] = [];
    const eventMs: number[] = [];
    const lastStreamMs: number[] = [];
    const domMs: number[] = [];
    const paintMs: number[] = [];
    for (let i = 0; i < warmup + commands; i++) {
      const counted = i >= warmup;
      const actor = ACTORS[i % 2];
      await page.evaluate((name) => (window as unknown as { live: { armNotice(n: string): void } }).live.armNotice(name), agentName(Number(actor.slice(1))));
      const sent = wallClock();
      const reply = await takeover(commander, base, actor, `live-${i}`);
      const replied = wallClock() - sent;
      if (reply.status !== 200) throw new Error(`takeover ${i} by ${actor}: HTTP ${reply.status}`);
      const version = reply.version;
      await new Promise<void>((resolve, reject) => {
        if ((arrivals.get(version)?.length ?? 0) === STREAMS) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${arrivals.get(version)?.length ?? 0} of ${STREAMS} streams saw version ${version}`)), 30_000);
        waiting = { version, done: () => (clearTimeout(timer), resolve()) };
      });
      const times = arrivals.get(version)!.map((at) => at - sent);
      const shown = await page.evaluate(() => (window as unknown as { live: { armed: Promise<{ dom: number; painted: number }> } }).live.armed);
      arrivals.delete(version);
      if (!counted) {
        warmupLastStreamMs.push(Math.max(...times));
        continue;
      }
      commandMs.push(replied);
      eventMs.push(...times);
      lastStreamMs.push(Math.max(...times));
      domMs.push(shown.dom - sent);
      paintMs.push(shown.painted - sent);
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const command = summarize(commandMs);
    const e = summarize(eventMs);
    const last = summarize(lastStreamMs);
    const dom = summarize(domMs);
    const paint = summarize(paintMs);
    return {
      liveStreams: STREAMS,
      liveStore: store,
      liveCommands: commands,
      liveWarmupCommands: warmup,
      liveWarmupLastStreamMaxMs: warmup ? round(Math.max(...warmupLastStreamMs)) : null,
      liveDeliveries: e.n,
      // The command's own reply (decided, stored, answered): what the fan-out adds is the rest.
      liveCommandP50Ms: round(command.p50),
      liveCommandP99Ms: round(command.p99),
      liveEventP50Ms: round(e.p50),
      liveEventP99Ms: round(e.p99),
      liveEventAllStreamsP99Ms: round(last.p99),
      liveDomP50Ms: round(dom.p50),
      liveDomP99Ms: round(dom.p99),
      liveDomPaintP99Ms: round(paint.p99),
    };
  } finally {
    closers.forEach((close) => close());
    commander.destroy();
    await browser.close();
    await server.stop();
    rmSync(pageDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = await runLive({ commands: Number(arg('commands') ?? 100), warmup: Number(arg('warmup') ?? 10), store: (arg('store') as 'sqlite' | 'memory') ?? 'sqlite' });
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
