import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const elements = new URL('../packages/elements/', import.meta.url).pathname;

test('the committed custom-elements.json is what the analyzer makes of the sources today', () => {
  // The analyzer takes --outdir relative to the package, so the fresh copy goes in a folder there.
  const outdir = mkdtempSync(join(elements, '.manifest-check-'));
  try {
    execFileSync('pnpm', ['exec', 'cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(elements, outdir)], {
      cwd: elements,
      stdio: 'pipe',
    });
    const fresh = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(readFileSync(join(elements, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(committed, fresh, 'run `pnpm --filter @baton/elements analyze` and commit the manifest');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
