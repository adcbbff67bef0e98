import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;

test('the README SDK example works as printed', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The SDK in ten lines'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1];
  assert.ok(code.split('\n').filter(Boolean).length <= 12, 'about ten lines');
  const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
  assert.ok(expected.length >= 2);
  const dir = mkdtempSync(join(root, 'test', '.readme-'));
  try {
    const file = join(dir, 'example.mts');
    writeFileSync(file, code);
    const out = execFileSync('node', ['--conditions=source', '--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    assert.deepEqual(lines, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
