import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { WorkspaceSnapshot } from '@baton/sdk';
import { createApp, type AppOptions, type BatonApp } from './app.js';
import { createWorkspaceService, type ServiceOptions, type WorkspaceService } from './service.js';
import { createSqliteStore } from './sqlite-store.js';
import { createMemoryStore, type Store } from './store.js';

export interface BatonServerOptions extends AppOptions, Omit<ServiceOptions, 'store'> {
  /** A SQLite file (created when missing); in memory when absent. */
  db?: string;
  /** A ready store instead of `db`. */
  store?: Store;
  seed?: WorkspaceSnapshot;
}

/** The workspace service and its Hono app, without listening anywhere. */
export function createBaton(options: BatonServerOptions): { service: WorkspaceService; app: BatonApp } {
  const store = options.store ?? (options.db ? createSqliteStore(options.db) : createMemoryStore());
  let service: WorkspaceService;
  try {
    service = createWorkspaceService({ ...options, store });
  } catch (error) {
    store.close();
    throw error;
  }
  return { service, app: createApp(service, options) };
}

/**
 * Connect-style middleware (Vite's dev server, Express): requests under `/v1` go to Baton,
 * everything else to `next`.
 */
export function createBatonMiddleware(app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> }) {
  // The Node request and response go along as Hono's `env`, as `serve` passes them.
  const listener = getRequestListener((request, env) => app.fetch(request, env));
  return (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (request.url === '/v1' || request.url?.startsWith('/v1/')) void listener(request, response);
    else next();
  };
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  service: WorkspaceService;
  app: BatonApp;
  /** Stops listening, ends open streams and closes the store. */
  close(): Promise<void>;
}

/** Serves Baton on Node: loopback by default; port 0 picks a free one. */
export async function startServer(options: BatonServerOptions & { port?: number; hostname?: string }): Promise<RunningServer> {
  const { service, app } = createBaton(options);
  const hostname = options.hostname ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, () => resolve(s));
    s.once('error', (error) => {
      service.close();
      reject(error);
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
    port,
    service,
    app,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end by themselves.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      service.close();
    },
  };
}
