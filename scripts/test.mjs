#!/usr/bin/env node
// Runs every test suite in order and stops at the first failing stage.
// `node scripts/test.mjs` runs all stages; `node scripts/test.mjs node` only the named ones.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function find(dir, test) {
  const out = [];
  if (!existsSync(join(root, dir))) return out;
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...find(path, test));
    else if (test(path)) out.push(path);
  }
  return out.sort();
}

const nodeTest = (files) => [
  'node',
  ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
];

/** Browser suites need Chromium; on this kind of machine it comes from Debian's packages. */
function ensureChromium() {
  const found = ['chromium', 'chromium-browser'].some((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0);
  if (found) return null;
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing. Install it with: sudo apt-get install -y chromium');
    process.exit(1);
  }
  return ['sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']];
}

const stages = {
  chromium: ensureChromium,
  typecheck: () => ['pnpm', ['exec', 'tsc', '-p', 'tsconfig.json']],
  node: () => {
    const files = [
      ...find('packages/sdk', (p) => p.endsWith('.test.ts')),
      ...find('packages/server', (p) => p.endsWith('.test.ts')),
      ...find('test', (p) => p.endsWith('.test.ts') && !p.startsWith('test/e2e/') && !p.startsWith('test/bench/')),
    ];
    return files.length ? nodeTest(files) : null;
  },
  browser: () =>
    existsSync(join(root, 'web-test-runner.config.mjs')) ? ['pnpm', ['exec', 'wtr', '--config', 'web-test-runner.config.mjs']] : null,
  e2e: () => {
    const files = find('test/e2e', (p) => p.endsWith('.test.ts'));
    return files.length ? nodeTest(files) : null;
  },
  size: () => (existsSync(join(root, 'test/bench/size.mjs')) ? ['node', ['test/bench/size.mjs', '--check']] : null),
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(stages);
for (const name of names) {
  if (!stages[name]) {
    console.error(`Unknown stage "${name}". Stages: ${Object.keys(stages).join(', ')}`);
    process.exit(2);
  }
  const command = stages[name]();
  if (!command) continue;
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(command[0], command[1], { cwd: root, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`\nStage "${name}" failed.`);
    process.exit(status ?? 1);
  }
}
