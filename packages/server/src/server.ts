import { maxHeaderSize, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { WorkspaceSnapshot } from '@baton/sdk';
import { createApp, type AppOptions, type BatonApp } from './app.js';
import { TITLES, problemOf } from './problems.js';
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
    s.on('clientError', refuseUnparsed);
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

/**
 * Node's parser refuses some requests before any route sees them (a request line and headers
 * over its limit, malformed HTTP, a timeout): answered as Node would, with problem details.
 */
function refuseUnparsed(error: Error & { code?: string }, socket: Socket) {
  // A response still being written on a kept-alive connection cannot be followed by another.
  if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) return socket.destroy();
  const [status, detail]: [number, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, `The request line and headers are larger than ${maxHeaderSize} bytes.`]
      : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? [413, 'The chunk extensions of the request body are too large.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive.']
          : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(problemOf(status, 'invalid-input', detail));
  socket.end(
    `HTTP/1.1 ${status} ${TITLES[status]}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
