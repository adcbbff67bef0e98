import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * Runs the reference server (@baton/server) inside Vite's dev server, so `pnpm demo` is the
 * only thing to start: `/v1/...` is Baton's API and `?backend=http` makes the sandbox use it.
 * The server is loaded through Vite (its TypeScript sources, no build step), on first use
 * of the dev server, and `POST /__sandbox/reset` starts its workspace over.
 */
export function batonServer(): Plugin {
  return {
    name: 'baton-sandbox-server',
    apply: 'serve',
    configureServer(vite: ViteDevServer) {
      let handler: Promise<Middleware | null> | undefined;
      let current: Middleware | null = null;
      let closeService: (() => void) | undefined;

      async function start(): Promise<Middleware | null> {
        try {
          const server = (await vite.ssrLoadModule('@baton/server')) as typeof import('@baton/server');
          const { sandboxSnapshot } = (await vite.ssrLoadModule('/src/snapshot.ts')) as typeof import('./src/snapshot.js');
          const { SYSTEM_TOKEN } = (await vite.ssrLoadModule('/src/http-config.ts')) as typeof import('./src/http-config.js');
          const mount = () => {
            closeService?.();
            const { service, app } = server.createBaton({ seed: sandboxSnapshot(Date.now()), systemToken: SYSTEM_TOKEN, heartbeatMs: 10_000 });
            closeService = () => service.close();
            current = server.createBatonMiddleware(app) as Middleware;
          };
          mount();
          return (request, response, next) => {
            if (request.method === 'POST' && request.url === '/__sandbox/reset') {
              mount();
              response.statusCode = 204;
              response.end();
              return;
            }
            current!(request, response, next);
          };
        } catch (error) {
          vite.config.logger.error(`Baton server could not start; the memory backend still works. ${String(error)}`);
          return null;
        }
      }

      vite.httpServer?.once('close', () => closeService?.());
      vite.middlewares.use((request, response, next) => {
        const url = request.url ?? '';
        if (!(url === '/v1' || url.startsWith('/v1/') || url.startsWith('/__sandbox/'))) return next();
        handler ??= start();
        void handler.then((middleware) => {
          if (middleware) middleware(request, response, next);
          else {
            response.statusCode = 503;
            response.end('The Baton server is not available.');
          }
        });
      });
    },
  };
}
