#!/usr/bin/env node
// Builds better-sqlite3's native addon after install. pnpm's own build step cannot be
// pointed at the Node headers this machine ships (and there is no network for the
// prebuilt binary or the header tarball), so the addon is built here with npm, against them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(new URL('../packages/server/package.json', import.meta.url));
let dir;
try {
  dir = dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  process.exit(0); // not installed (e.g. a filtered install)
}
const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
if (existsSync(binding)) process.exit(0);

const env = { ...process.env };
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
console.log('Building better-sqlite3 (native addon, about a minute)…');
const { status } = spawnSync('npm', ['run', 'install', '--foreground-scripts'], { cwd: dir, env, stdio: 'inherit' });
process.exit(status ?? 1);
