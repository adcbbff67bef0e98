import { createDemoSnapshot, DEMO_EPOCH } from '@baton/sdk';
import { startServer, type BatonServerOptions, type RunningServer } from '../src/index.js';

export const SYSTEM_TOKEN = 'system-token-for-tests';

export function steppingClock() {
  let now = DEMO_EPOCH;
  return () => (now += 1000);
}

/** A demo workspace served on a random loopback port. */
export function serve(options: Partial<BatonServerOptions> = {}): Promise<RunningServer> {
  return startServer({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0, ...options });
}

export const agent = (userId: string) => ({ authorization: `Bearer token-${userId}`, 'content-type': 'application/json' });
export const system = { authorization: `Bearer ${SYSTEM_TOKEN}`, 'content-type': 'application/json' };

export async function post(server: RunningServer, path: string, headers: Record<string, string>, body: unknown) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data?: unknown;
}

/**
 * Reads an event stream until `done` says so or time runs out, collecting its messages
 * (heartbeats as `{ event: 'heartbeat' }`). Always aborts the connection at the end.
 */
export async function readStream(
  url: string,
  headers: Record<string, string>,
  done: (messages: SseMessage[]) => boolean,
  { timeoutMs = 3_000, onOpen }: { timeoutMs?: number; onOpen?: () => Promise<void> | void } = {},
): Promise<SseMessage[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const messages: SseMessage[] = [];
  try {
    const response = await fetch(url, { headers, signal: abort.signal });
    if (!response.ok) throw new Error(`stream refused: ${response.status}`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let opened = false;
    while (!done(messages)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = {};
        for (const line of block.split('\n')) {
          if (line === ': heartbeat') message.event = 'heartbeat';
          const [field, ...rest] = line.split(': ');
          const text = rest.join(': ');
          if (field === 'id') message.id = text;
          else if (field === 'event') message.event = text;
          else if (field === 'data') message.data = JSON.parse(text);
        }
        messages.push(message);
      }
      if (!opened) {
        opened = true;
        await onOpen?.();
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return messages;
}

/** The Baton events of a stream, with their ids. */
export const batonEvents = (messages: SseMessage[]) =>
  messages.filter((m) => m.event === 'baton').map((m) => ({ id: Number(m.id), event: m.data as { type: string; [key: string]: any } }));
