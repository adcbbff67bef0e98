import {
  createHttpBackend,
  createMemoryBackend,
  type Backend,
  type BatonEvent,
  type Command,
  type CommandResult,
  type EventListener,
} from '@baton/sdk';
import { SANDBOX_ROUTE, SYSTEM_TOKEN, tokenOf } from './http-config.js';
import { sandboxSnapshot } from './snapshot.js';

export type BackendMode = 'memory' | 'http';

/** One workspace behind every pane, and the system's own door into it (control panel, customers, AI agents). */
export interface Sandbox {
  readonly mode: BackendMode;
  /** The backend one agent's pane talks to; `direct` skips the simulated network (the sandbox's own observers). */
  backendFor(userId: string, options?: { direct?: boolean }): Backend;
  /** Runs a system command (plan, settings, availability, customer message, AI handoff). */
  system(command: Command): Promise<CommandResult>;
  /** Every event of the workspace, for the chart. */
  subscribeAll(listener: (event: BatonEvent) => void): () => void;
  /** Simulated network delay between each pane and the backend (memory mode), in ms. */
  latency: number;
  /** Starts the workspace over. In HTTP mode the page reloads. */
  reset(): Promise<void>;
}

/** The workspace admin, whose view of the workspace the sandbox's own panels use. */
export const OBSERVER = 'frank';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The embedded default: one memory backend shared by every pane. Each pane reaches it
 * through its own "connection" that delays commands and events by `latency`, as a network
 * would — which is what lets two supervisors press Takeover & Send on the same version.
 */
export function createMemorySandbox(): Sandbox {
  const shared = createMemoryBackend(sandboxSnapshot(Date.now()));
  const sandbox: Sandbox = {
    mode: 'memory',
    latency: 80,
    backendFor(_userId, options = {}) {
      if (options.direct) return shared;
      const delayed = async <T>(work: () => Promise<T>) => {
        await sleep(sandbox.latency);
        return work();
      };
      return {
        me: (viewer) => delayed(() => shared.me(viewer)),
        directory: (viewer) => delayed(() => shared.directory(viewer)),
        conversations: (viewer, filter) => delayed(() => shared.conversations(viewer, filter)),
        conversation: (viewer, id) => delayed(() => shared.conversation(viewer, id)),
        messages: (viewer, id) => delayed(() => shared.messages(viewer, id)),
        log: (viewer, id) => delayed(() => shared.log(viewer, id)),
        candidates: (viewer, id) => delayed(() => shared.candidates(viewer, id)),
        execute: (command) => delayed(() => shared.execute(command)),
        subscribe(viewer, listener: EventListener) {
          // Same delay for every event keeps them in order.
          return shared.subscribe(viewer, (event, id) => {
            setTimeout(() => listener(event, id), sandbox.latency);
          });
        },
      };
    },
    system: (command) => shared.execute(command),
    subscribeAll: (listener) => shared.subscribeAll((event) => listener(event)),
    async reset() {
      shared.reset(sandboxSnapshot(Date.now()));
      await sleep(sandbox.latency * 3 + 50);
    },
  };
  return sandbox;
}

/** The same sandbox against the reference server the dev server runs in-process. */
export function createHttpSandbox(baseUrl: string): Sandbox {
  const backends = new Map<string, Backend>();
  const system = createHttpBackend({ baseUrl, token: SYSTEM_TOKEN });
  const sandbox: Sandbox = {
    mode: 'http',
    latency: 0,
    backendFor(userId) {
      let backend = backends.get(userId);
      if (!backend) backends.set(userId, (backend = createHttpBackend({ baseUrl, token: tokenOf(userId) })));
      return backend;
    },
    system: (command) => system.execute(command),
    // Browsers keep at most six connections per origin and every event stream holds one: the
    // admin's stream (which sees every conversation) serves as the sandbox's view of all events.
    subscribeAll(listener) {
      return sandbox.backendFor(OBSERVER).subscribe(OBSERVER, (event) => listener(event));
    },
    async reset() {
      const response = await fetch(`${baseUrl}${SANDBOX_ROUTE}/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`Reset failed (${response.status}).`);
      location.reload();
    },
  };
  return sandbox;
}
