import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: a plain ES module script without types
import { compileStyles } from '../packages/elements/scripts/build-styles.mjs';

test('each committed *.styles.ts is its stylesheet compiled today', async () => {
  const compiled: { path: string; contents: string }[] = await compileStyles();
  assert.ok(compiled.length >= 1, 'the message editor has a stylesheet');
  for (const { path, contents } of compiled) {
    assert.equal(readFileSync(path, 'utf8'), contents, `${relative(process.cwd(), path)}: run \`pnpm --filter @baton/elements styles\``);
    // Minified: the stylesheet's rules on one line, without its comments.
    const css = /css`([^`]*)`/.exec(contents)?.[1] ?? '';
    assert.doesNotMatch(css, /\n|\/\*/);
  }
});
