/**
 * The reference server for the scale benchmarks, in a process of its own so that the load
 * generator does not share its event loop: @baton/server over SQLite (a temporary file, as
 * deployed: WAL, synchronous FULL) or in memory, on 127.0.0.1, serving the benchmark workspace
 * under /v1 and, beside it on the same origin, the files of a browser page.
 *
 * Reads its options as JSON in argv[2]; prints `{"url": ...}` once listening; stops on SIGTERM
 * or when its parent closes stdin.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { createBaton, createBatonMiddleware } from '@baton/server';
import { benchWorkspace, type BenchWorkspaceOptions } from './workspace.js';

export interface ServerProcessOptions extends BenchWorkspaceOptions {
  store: 'sqlite' | 'memory';
  /** Files served at `/<name>` (absolute paths), for a browser page on the API's origin. */
  files?: Record<string, string>;
  systemToken?: string;
}

const options: ServerProcessOptions = JSON.parse(process.argv[2] ?? '{}');
const dir = options.store === 'sqlite' ? mkdtempSync(join(tmpdir(), 'baton-bench-db-')) : null;
const { service, app } = createBaton({
  seed: benchWorkspace(options),
  ...(dir ? { db: join(dir, 'bench.sqlite') } : {}),
  ...(options.systemToken ? { systemToken: options.systemToken } : {}),
});
const api = createBatonMiddleware(app);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const server = createServer((request, response) => {
  const file = options.files?.[(request.url ?? '/').split('?')[0].slice(1)];
  if (file) {
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    return;
  }
  api(request, response, () => response.writeHead(404).end());
});
// Many clients, each on its own kept-alive connection.
server.maxConnections = 10_000;
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  service.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
