/**
 * The floor of the contention benchmark: a plain node:http server that does the least any
 * JSON API must do for a request (read the body, parse it) and answers every request with
 * the same refusal the reference server gave, byte for byte. The same load against it shows
 * what the load generator, HTTP and this machine cost before any server code runs.
 *
 * Reads `{ status, body }` as JSON in argv[2]; prints `{"url": ...}` once listening; stops on
 * SIGTERM or when its parent closes stdin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FloorServerOptions {
  status: number;
  /** The reply's body, sent as `application/problem+json`. */
  body: string;
}

const { status, body }: FloorServerOptions = JSON.parse(process.argv[2] ?? '{}');
const headers = { 'content-type': 'application/problem+json', 'content-length': String(Buffer.byteLength(body)) };

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString() || '{}');
    response.writeHead(status, headers).end(body);
  });
});
server.maxConnections = 10_000;
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
