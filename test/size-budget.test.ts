/**
 * The size budgets of `pnpm test` (test/bench/size.mjs --check) catch a bloated bundle: with
 * the budget set to today's exact size the check passes, and one extra import fails it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const sizeCheck = (...args: string[]) => spawnSync('node', ['test/bench/size.mjs', ...args], { cwd: root, encoding: 'utf8' });

function gzipBytesOf(bundle: 'core' | 'embed'): number {
  const run = sizeCheck('--json', `--only=${bundle}`);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout)[bundle].gzipBytes;
}

test('the core budget passes at its exact size and fails when the core grows by one import', () => {
  const size = gzipBytesOf('core');
  assert.ok(size > 1_000, `the core bundle holds decide and can (${size} bytes)`);

  const exact = sizeCheck('--check', '--only=core', `--budget-core=${size}`);
  assert.equal(exact.status, 0, exact.stderr);
  assert.match(exact.stdout, /all within/);

  // The whole SDK (client, backends, ky, nanostores) pulled into the rules core by mistake.
  const bloated = sizeCheck('--check', '--only=core', `--budget-core=${size}`, '--bloat-core=@baton/sdk');
  assert.equal(bloated.status, 1);
  assert.match(bloated.stderr, /Size budget exceeded: core is \d+ bytes gzip, over its budget of \d+ bytes/);
  assert.match(bloated.stderr, /ky|client\.ts/, 'names the modules that dominate');
});

test('the embed budget fails one byte under the embed size, and prints the measured sizes', () => {
  const size = gzipBytesOf('embed');
  const under = sizeCheck('--check', '--only=embed', `--budget-embed=${size - 1}`);
  assert.equal(under.status, 1);
  assert.match(under.stdout, /^embed\s+\|/m);
  assert.match(under.stderr, new RegExp(`embed is ${size} bytes gzip, over its budget of ${size - 1} bytes`));

  const at = sizeCheck('--check', '--only=embed', `--budget-embed=${size}`);
  assert.equal(at.status, 0, at.stderr);
});
