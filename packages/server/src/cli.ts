import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDemoSnapshot } from '@baton/sdk';
import { startServer } from './server.js';

const USAGE = `Usage: baton-server [--db FILE | --memory] [--port N] [--host ADDRESS] [--seed demo] [--system-token TOKEN]

  --db FILE            SQLite file (default: baton.db); created and seeded when empty
  --memory             keep everything in memory instead (lost on exit)
  --port N             port to listen on (default: 4010; 0 picks a free one)
  --host ADDRESS       address to listen on (default: 127.0.0.1, loopback only)
  --seed demo          the workspace to start an empty store with (the demo's agents have tokens token-<id>)
  --system-token TOKEN credential for handoffs, customer messages and settings
                       (default: $BATON_SYSTEM_TOKEN, else a random one, printed)`;

/** Starts a server from command-line arguments; returns it so callers (and tests) can stop it. */
export async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      memory: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'system-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return null;
  }
  if (values.seed !== undefined && values.seed !== 'demo') throw new Error(`Unknown seed "${values.seed}": the only one is "demo".`);
  const port = Number(values.port ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port "${values.port}".`);
  const systemToken = values['system-token'] ?? process.env.BATON_SYSTEM_TOKEN ?? randomBytes(24).toString('base64url');
  const db = values.memory ? undefined : (values.db ?? 'baton.db');
  const server = await startServer({
    ...(db ? { db } : {}),
    ...(values.seed === 'demo' ? { seed: createDemoSnapshot(Date.now()) } : {}),
    port,
    hostname: values.host ?? '127.0.0.1',
    systemToken,
  });
  console.log(`Baton server listening on ${server.url}/v1 (${db ? `SQLite: ${db}` : 'in memory'})`);
  console.log(`OpenAPI: ${server.url}/v1/openapi.json`);
  if (!values['system-token'] && !process.env.BATON_SYSTEM_TOKEN) console.log(`System token: ${systemToken}`);
  return server;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry || process.env.BATON_SERVER_CLI === '1') {
  main(process.argv.slice(2)).then(
    (server) => {
      if (!server) return;
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(error.message);
      console.error(USAGE);
      process.exit(1);
    },
  );
}
