/**
 * One workspace behind either backend, for suites that race many clients: the memory backend
 * in-process, or the reference server on loopback with one HTTP backend per agent. Every
 * event the workspace publishes is collected (the system's event stream over HTTP), so a
 * suite can replay them onto the first snapshot.
 */
import {
  createHttpBackend,
  createMemoryBackend,
  type BatonEvent,
  type Command,
  type CommandResult,
  type HttpBackend,
  type WorkspaceSnapshot,
  type WorkspaceState,
} from '@baton/sdk';
import { startServer } from '@baton/server';
import { eventually, steppingClock } from './support.js';

export interface RaceWorld {
  name: string;
  /** A command from an agent (through that agent's own client) or the system. */
  execute(command: Command): Promise<CommandResult>;
  /** The live state (read-only): the memory backend's, or the server's. */
  readonly state: WorkspaceState;
  snapshot(): WorkspaceSnapshot;
  /** Every event so far, in stream order, once the stream has caught up. */
  events(): Promise<{ id: number; event: BatonEvent }[]>;
  stop(): Promise<void>;
}

export type WorldFactory = { name: string; start(seed: WorkspaceSnapshot): Promise<RaceWorld> };

export const memoryWorld: WorldFactory = {
  name: 'memory backend',
  async start(seed) {
    const backend = createMemoryBackend(seed, { now: steppingClock() });
    const seen: { id: number; event: BatonEvent }[] = [];
    const unsubscribe = backend.subscribeAll((event, id) => seen.push({ id, event }));
    return {
      name: 'memory backend',
      execute: (command) => backend.execute(command),
      get state() {
        return backend.state;
      },
      snapshot: () => backend.snapshot(),
      events: async () => [...seen],
      async stop() {
        unsubscribe();
      },
    };
  },
};

const SYSTEM_TOKEN = 'races-system-token';

export const httpWorld: WorldFactory = {
  name: 'HTTP backend',
  async start(seed) {
    const server = await startServer({ seed, systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
    const backends = new Map<string, HttpBackend>();
    const backendOf = (token: string) => {
      let backend = backends.get(token);
      if (!backend) {
        backend = createHttpBackend({ baseUrl: server.url, token, timeout: 10_000, reconnect: { min: 20, max: 200 }, onStreamError: () => {} });
        backends.set(token, backend);
      }
      return backend;
    };
    const system = backendOf(SYSTEM_TOKEN);
    const seen: { id: number; event: BatonEvent }[] = [];
    system.subscribe('system', (event, id) => seen.push({ id, event }));
    await system.streaming();
    return {
      name: 'HTTP backend',
      execute: (command) => backendOf(command.actor.type === 'user' ? `token-${command.actor.id}` : SYSTEM_TOKEN).execute(command),
      get state() {
        return server.service.state;
      },
      snapshot: () => server.service.snapshot(),
      async events() {
        await eventually(() => (seen.at(-1)?.id ?? 0) >= server.service.lastEventId, 'the event stream to catch up', 10_000);
        return [...seen];
      },
      async stop() {
        for (const backend of backends.values()) backend.close();
        await server.close();
      },
    };
  },
};
