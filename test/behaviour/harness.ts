import {
  createClient,
  createHttpBackend,
  createMemoryBackend,
  DEMO_EPOCH,
  type Backend,
  type BatonClient,
  type Command,
  type CommandResult,
  type HttpBackend,
  type WorkspaceSnapshot,
} from '@baton/sdk';
import { startServer } from '@baton/server';

/** A running workspace behind one kind of backend, seen by several agents and the system. */
export interface World {
  /** The backend an agent talks to. */
  backendFor(userId: string): Backend;
  /** A client for an agent, loaded and receiving live events. */
  client(userId: string): Promise<BatonClient>;
  /** Runs a command as the system or an admin would (handoffs, customer messages, settings). */
  system(command: Command): Promise<CommandResult>;
  stop(): Promise<void>;
}

export interface Harness {
  name: string;
  start(snapshot: WorkspaceSnapshot): Promise<World>;
}

/** A clock that moves one second per reading, so every event has its own time. */
const steppingClock = () => {
  let now = DEMO_EPOCH;
  return () => (now += 1000);
};

export const memoryHarness: Harness = {
  name: 'memory backend',
  async start(snapshot) {
    const backend = createMemoryBackend(snapshot, { now: steppingClock() });
    const clients: BatonClient[] = [];
    return {
      backendFor: () => backend,
      async client(userId) {
        const client = createClient({ backend, userId });
        clients.push(client);
        await client.ready;
        return client;
      },
      system: (command) => backend.execute(command),
      async stop() {
        for (const client of clients) client.destroy();
      },
    };
  },
};

export const SYSTEM_TOKEN = 'system-secret-for-tests';

export const httpHarness: Harness = {
  name: 'HTTP backend',
  async start(snapshot) {
    const server = await startServer({ seed: snapshot, systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
    const backends = new Map<string, HttpBackend>();
    const clients: BatonClient[] = [];
    const backendFor = (userId: string) => {
      let backend = backends.get(userId);
      if (!backend) {
        backend = createHttpBackend({ baseUrl: server.url, token: `token-${userId}`, timeout: 5_000, onStreamError: () => {} });
        backends.set(userId, backend);
      }
      return backend;
    };
    const system = createHttpBackend({ baseUrl: server.url, token: SYSTEM_TOKEN, timeout: 5_000 });
    return {
      backendFor,
      async client(userId) {
        const backend = backendFor(userId);
        const client = createClient({ backend, userId });
        clients.push(client);
        await client.ready;
        await (backend as HttpBackend).streaming();
        return client;
      },
      system: (command) => system.execute(command),
      async stop() {
        for (const client of clients) client.destroy();
        for (const backend of backends.values()) backend.close();
        system.close();
        await server.close();
      },
    };
  },
};

/** Waits (boundedly) until a condition holds: live events arrive asynchronously over HTTP. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
