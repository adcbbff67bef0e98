#!/usr/bin/env node
// The built CLI (run `pnpm --filter @baton/server build` first); `pnpm server` runs the sources.
process.env.BATON_SERVER_CLI = '1';
await import('../dist/cli.js');
