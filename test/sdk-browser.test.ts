import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(() => browser?.close());

test('@baton/sdk imports and runs in a browser (bundled for the browser platform)', async () => {
  const bundle = await build({
    stdin: {
      contents: `
        import { createClient, createMemoryBackend, decide, createState, demoSnapshot } from '@baton/sdk';
        window.sdkCheck = async () => {
          const backend = createMemoryBackend(demoSnapshot);
          const carol = createClient({ backend, userId: 'carol' });
          const chat = carol.conversation('c-refund');
          await chat.refresh();
          const before = chat.$permissions.get().takeover.allowed;
          await carol.takeover('c-refund', 'Hello from the browser');
          const refusal = decide(createState(demoSnapshot), { type: 'send', actor: { type: 'user', id: 'bob' }, conversationId: 'c-refund', messageId: 'x', body: 'hi' });
          return { before, assignee: chat.$conversation.get().assignee.id, refusal: refusal.code, ua: navigator.userAgent.includes('Chrome') };
        };`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><title>sdk</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const result = await page.evaluate(() => (window as unknown as { sdkCheck: () => Promise<unknown> }).sdkCheck());
  assert.deepEqual(result, { before: true, assignee: 'carol', refusal: 'not-assignee', ua: true });
  assert.deepEqual(errors, []);
  await page.close();
});
