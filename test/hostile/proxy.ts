/**
 * A loopback TCP proxy that breaks connections on purpose: it can cut a connection after a
 * number of bytes of the request (the server gets half a request) or of the response (the
 * server did the work, the client never hears), refuse connections while "down", and cut
 * every live connection at once.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface ConnectionFault {
  /** Cut once this many bytes went client → server. */
  cutRequestAfter?: number;
  /** Cut once this many bytes went server → client. */
  cutResponseAfter?: number;
}

export interface FaultProxy {
  url: string;
  /** Decides the fate of each new connection (numbered from 0). */
  plan: (connection: number) => ConnectionFault;
  /** While true, every new connection is closed at once (a dead server, as a client sees it). */
  down: boolean;
  /** While true, connections that open an event stream (`GET /v1/events`) are cut: the client misses live updates. */
  blockStreams: boolean;
  /** The port connections are forwarded to. */
  target: number;
  readonly stats: { connections: number; cutRequests: number; cutResponses: number; refused: number };
  /** Cuts every live connection now. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: number): Promise<FaultProxy> {
  const live = new Set<Socket>();
  const stats = { connections: 0, cutRequests: 0, cutResponses: 0, refused: 0 };
  const server = createServer((client) => {
    if (proxy.down) {
      stats.refused++;
      client.resetAndDestroy();
      return;
    }
    const fault = proxy.plan(stats.connections++);
    const upstream = createConnection({ host: '127.0.0.1', port: proxy.target });
    live.add(client);
    live.add(upstream);
    let cut = false;
    const cutBoth = () => {
      if (cut) return;
      cut = true;
      client.resetAndDestroy();
      upstream.destroy();
    };
    const forward = (from: Socket, to: Socket, limit: number | undefined, counted: 'cutRequests' | 'cutResponses') => {
      let sent = 0;
      let first = true;
      from.on('data', (chunk: Buffer) => {
        if (cut) return;
        if (first && counted === 'cutRequests' && proxy.blockStreams && chunk.subarray(0, 14).toString() === 'GET /v1/events') {
          stats.refused++;
          return cutBoth();
        }
        first = false;
        if (limit !== undefined && sent + chunk.length >= limit) {
          const part = chunk.subarray(0, Math.max(0, limit - sent));
          sent += part.length;
          stats[counted]++;
          if (part.length) to.write(part, () => cutBoth());
          else cutBoth();
          // Let the partial bytes leave before the cut, but not wait for long.
          setTimeout(cutBoth, 20).unref();
          return;
        }
        sent += chunk.length;
        to.write(chunk);
      });
    };
    forward(client, upstream, fault.cutRequestAfter, 'cutRequests');
    forward(upstream, client, fault.cutResponseAfter, 'cutResponses');
    const end = () => {
      live.delete(client);
      live.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    plan: () => ({}),
    down: false,
    blockStreams: false,
    target,
    stats,
    cutAll() {
      for (const socket of live) socket.destroy();
      live.clear();
    },
    close() {
      proxy.cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}

/** A seeded random source (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
