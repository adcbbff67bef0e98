/**
 * R5 (and R2's draft): the composer and the demo in Chromium under a strict Content Security
 * Policy, with names, notes and messages that carry markup, script URLs, bidirectional
 * overrides and very long words; and the composer keeping its draft through cut connections,
 * a dead server, a reload, a lost race and a restart on the same SQLite file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { build as viteBuild, type Plugin } from 'vite';
import { createDemoSnapshot, type WorkspaceSnapshot } from '@baton/sdk';
import { createBaton, createBatonMiddleware, type BatonServerOptions } from '@baton/server';
import { startFaultProxy, type FaultProxy } from './proxy.js';
import { eventually, steppingClock } from './support.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** No inline script or style, no eval: only this origin's files. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PWN = (n: number) => `window.__pwned=${n}`;
/** What hostile people name themselves, their teams and their messages. */
export const HOSTILE = {
  markup: `<img src=x onerror="${PWN(1)}">Alice`,
  script: `<script>${PWN(2)}</script>Bob`,
  scriptUrl: 'javascript:window.__pwned=3',
  svg: `"><svg onload=${PWN(4)}>Erin`,
  bidi: '\u202Eevil\u202D Dave',
  longWord: `Frank${'W'.repeat(600)}`,
  teamMarkup: `<b onmouseover="${PWN(5)}">Support</b>`,
  teamLong: `Escalations${'E'.repeat(400)}`,
  message: `<iframe src="javascript:${PWN(6)}"></iframe>${'M'.repeat(300)}`,
};

/** The demo workspace with hostile names everywhere a person can type one. */
function hostileSnapshot(): WorkspaceSnapshot {
  const snapshot = createDemoSnapshot();
  const names: Record<string, string> = { alice: HOSTILE.markup, bob: HOSTILE.script, carol: HOSTILE.scriptUrl, erin: HOSTILE.svg, dave: HOSTILE.bidi, frank: HOSTILE.longWord };
  for (const user of snapshot.users) user.name = names[user.id] ?? user.name;
  for (const team of snapshot.teams) team.name = team.id === 'team-support' ? HOSTILE.teamMarkup : team.id === 'team-escalations' ? HOSTILE.teamLong : team.name;
  for (const ai of snapshot.aiAgents) ai.name = `<a href="javascript:${PWN(7)}">${ai.name}</a>`;
  for (const c of snapshot.conversations) {
    c.subject = `${HOSTILE.bidi} ${c.subject} <img src=x onerror=${PWN(8)}>`;
    c.customer = HOSTILE.longWord.replace('Frank', 'Customer');
  }
  for (const m of snapshot.messages ?? []) m.body = `${HOSTILE.message} ${m.body}`;
  return snapshot;
}

let browser: Browser;
let pageScript: string;

before(async () => {
  const result = await esbuild({
    entryPoints: [join(here, 'pages/editor.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  pageScript = result.outputFiles[0].text;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

type Api = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** Serves the page (under the strict CSP) and, under /v1, whatever API is current. */
async function servePage(files: Record<string, { type: string; body: string | Buffer }>, api: { current: Api | null }) {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const file = files[path] ?? files['/index.html'];
    if (path.startsWith('/v1')) {
      if (api.current) return api.current(request, response, () => response.writeHead(404).end());
      return response.writeHead(503).end();
    }
    response.writeHead(200, { 'content-type': file.type, 'content-security-policy': STRICT_CSP, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const editorFiles = (snapshot: WorkspaceSnapshot) => ({
  '/index.html': { type: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title></head><body><main style-free></main><script type="module" src="/page.js"></script></body></html>' },
  '/page.js': { type: 'text/javascript', body: pageScript },
  '/snapshot.json': { type: 'application/json', body: JSON.stringify(snapshot) },
});

interface Watched {
  page: Page;
  violations(): Promise<string[]>;
}

/** A page that records every CSP violation (from before its first script) and every error. */
async function openWatched(url: string, width = 900): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  // tsx keeps function names with a `__name` helper, which functions sent to the page need too.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`));
  });
  await page.goto(url);
  return {
    page,
    violations: async () => [...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)), ...console],
  };
}

/** Nothing on the page ran the hostile payloads, and no element came from them. */
async function assertInert(page: Page) {
  const result = await page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames())
          if (attribute.startsWith('on')) found.push(`${element.tagName} with ${attribute}`);
        if (['SCRIPT', 'IFRAME', 'IMG', 'OBJECT', 'EMBED'].includes(element.tagName) && root !== document) found.push(element.tagName);
        if (element.tagName === 'A' && /^\s*javascript:/i.test(element.getAttribute('href') ?? '')) found.push('a javascript: link');
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return { pwned: (window as unknown as { __pwned?: number }).__pwned ?? null, found };
  });
  assert.equal(result.pwned, null, 'no hostile payload ran');
  assert.deepEqual(result.found, [], 'no element or handler came from a hostile string');
}

/** No element of the editor (or the page) reaches past the viewport: long words wrap or clip. */
async function assertNoOverflow(page: Page, what: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        const rect = element.getBoundingClientRect();
        if (rect.width && rect.height && rect.right > width + 1 && getComputedStyle(element).visibility !== 'hidden') {
          // Clipped by a scrolling or hidden-overflow ancestor is fine; escaping it is not.
          let clipped = false;
          for (let up = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined); up; up = up.parentElement ?? ((up.getRootNode() as ShadowRoot).host as Element | undefined)) {
            const style = getComputedStyle(up);
            if (style.overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 1) {
              clipped = true;
              break;
            }
          }
          if (!clipped) out.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${Math.round(rect.right)} > ${width}`);
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return out.slice(0, 10);
  });
  assert.deepEqual(overflow, [], `${what}: nothing overflows the viewport`);
}

/** Runs every check and fails once with all that failed, so one defect does not hide another. */
async function allOf(checks: [string, () => Promise<void>][]) {
  const problems: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(problems, [], `failed checks:\n${problems.join('\n')}`);
}

const shadow = (page: Page, selector: string) => page.locator(`baton-message-editor ${selector}`);

describe('browser safety: the composer under a strict CSP with hostile names', () => {
  it('names, team names, notes and messages render as inert text, in order, without breaking the layout, and nothing violates the CSP', async () => {
    const snapshot = hostileSnapshot();
    const served = await servePage(editorFiles(snapshot), { current: null });
    const { page, violations } = await openWatched(`http://127.0.0.1:${served.port}/?user=alice&conversation=c-refund`, 700);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      await shadow(page, '[part~="send-button"]').waitFor();
      await assertInert(page);
      // The transfer dialog: every agent, hostile names included.
      await shadow(page, '[part~="menu-button"]').click();
      await shadow(page, '[role="menuitem"][data-item="transfer"]').click();
      await shadow(page, '[part~="option"]').first().waitFor();
      const optionText = await shadow(page, '[part~="listbox"]').innerText();
      for (const name of [HOSTILE.script, HOSTILE.scriptUrl, HOSTILE.svg]) assert.ok(optionText.includes(name), `the picker shows ${JSON.stringify(name)} as text`);
      await assertInert(page);
      await assertNoOverflow(page, 'transfer dialog');
      // A bidi override inside a name does not reverse what follows it.
      await shadow(page, '[part~="combobox"]').fill('Dave');
      await shadow(page, '[part~="option"]').first().waitFor();
      const daveOption = await page.evaluate(() => {
        const h = (window as unknown as { hostile: { runsLeftToRight(text: string): boolean | null } }).hostile;
        return h.runsLeftToRight('Online') ?? h.runsLeftToRight('Away');
      });
      assert.equal(daveOption, true, "the text after a name with a right-to-left override still reads left to right");
      await page.keyboard.press('Escape');
      // The team dialog: hostile and very long team names.
      await shadow(page, '[part~="menu-button"]').click();
      await shadow(page, '[role="menuitem"][data-item="team"]').click();
      await shadow(page, '[part~="team-option"]').first().waitFor();
      const teams = await shadow(page, '[part~="dialog"]').innerText();
      assert.ok(teams.includes(HOSTILE.teamMarkup), 'the team picker shows markup as text');
      await assertInert(page);
      await assertNoOverflow(page, 'team dialog');
      await page.keyboard.press('Escape');
      // A takeover by an agent whose name is a script URL, with a hostile message and a hostile note elsewhere.
      await page.evaluate(async () => {
        const h = (window as unknown as { hostile: { execute(c: unknown): Promise<unknown> } }).hostile;
        await h.execute({ type: 'transfer', actor: { type: 'user', id: 'bob' }, conversationId: 'c-login', targetUserId: 'dave', note: '<img src=x onerror="window.__pwned=9">' });
        await h.execute({ type: 'takeover', actor: { type: 'user', id: 'carol' }, conversationId: 'c-refund', messageId: 'hostile-1', body: '<script>window.__pwned=10</script>' });
      });
      await eventually(async () => (await shadow(page, '[part~="notice"]').innerText()).includes('javascript:'), 'the notice to name the new assignee', 5_000);
      await assertInert(page);
      await assertNoOverflow(page, 'notice');
      assert.deepEqual(await violations(), [], 'no Content Security Policy violation');
    } finally {
      await page.context().close();
      await served.close();
    }
  });
});

describe('browser safety: the demo under a strict CSP with hostile names', () => {
  let dist: string;
  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'baton-demo-csp-'));
    // The demo as built for production, its workspace swapped for the hostile one.
    const hostile: Plugin = {
      name: 'hostile-workspace',
      enforce: 'pre',
      transform(code, id) {
        if (!id.endsWith('/demo/src/snapshot.ts')) return null;
        return `${code.replace('export function sandboxSnapshot(', 'function plainSnapshot(')}
export function sandboxSnapshot(now) {
  const snapshot = plainSnapshot(now);
  const hostile = ${JSON.stringify(HOSTILE)};
  const names = { alice: hostile.markup, bob: hostile.script, carol: hostile.scriptUrl, dave: hostile.bidi, erin: hostile.svg, frank: hostile.longWord };
  for (const user of snapshot.users) user.name = names[user.id] ?? user.name;
  for (const team of snapshot.teams) if (team.id === 'team-support') team.name = hostile.teamMarkup; else if (team.id === 'team-escalations') team.name = hostile.teamLong;
  for (const c of snapshot.conversations) c.subject = hostile.bidi + ' ' + c.subject + ' <img src=x onerror=window.__pwned=8>';
  for (const m of snapshot.messages ?? []) m.body = hostile.message + ' ' + m.body;
  return snapshot;
}
`;
      },
    };
    await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', plugins: [hostile], build: { outDir: dist, emptyOutDir: true } });
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  it('loads, renders hostile strings as inert text without breaking the layout, and reports no violation', async () => {
    const files: Record<string, { type: string; body: Buffer }> = {};
    const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
    const collect = (dir: string, prefix: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) collect(path, `${prefix}${name}/`);
        else files[`/${prefix}${name}`] = { type: types[extname(name)] ?? 'application/octet-stream', body: readFileSync(path) };
      }
    };
    collect(dist, '');
    assert.ok(files['/index.html'], 'the demo was built');
    const served = await servePage(files, { current: null });
    const { page, violations } = await openWatched(`http://127.0.0.1:${served.port}/`, 1680);
    try {
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      await page.locator('.pane[data-agent="alice"] .conversation-item').first().waitFor();
      const text = await page.locator('body').innerText();
      await allOf([
        ['markup as text', async () => assert.ok(text.includes('<img src=x onerror'), 'hostile markup shows as text')],
        ['inert', () => assertInert(page)],
        ['layout', () => assertNoOverflow(page, 'demo')],
        ['CSP', async () => assert.deepEqual(await violations(), [], 'no Content Security Policy violation')],
      ]);
    } finally {
      await page.context().close();
      await served.close();
    }
  });
});

describe('faults in the browser: the composer keeps its draft', () => {
  it('through a dead server, a reload, a lost race, a restart on the same SQLite file and cut responses; then sends it once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-draft-'));
    const options: BatonServerOptions = { db: join(dir, 'baton.db'), seed: createDemoSnapshot(), now: steppingClock(Date.now()), systemToken: 'draft-system' };
    let baton = createBaton(options);
    const api: { current: Api | null } = { current: createBatonMiddleware(baton.app) };
    const served = await servePage(editorFiles(createDemoSnapshot()), api);
    const proxy: FaultProxy = await startFaultProxy(served.port);
    const { page } = await openWatched(`${proxy.url}/?backend=http&user=alice&conversation=c-refund`);
    const textarea = shadow(page, '[part~="textarea"]');
    const draft = 'Hi Maya — the refund is on its way ✓ <b>not bold</b>';
    const errors = () => page.evaluate(() => (window as unknown as { hostile: { events: { type: string; code?: string }[] } }).hostile.events.filter((e) => e.type === 'baton-error').length);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      await page.evaluate(() => (window as unknown as { hostile: { streaming(): Promise<void> } }).hostile.streaming());
      await shadow(page, '[part~="send-button"]').waitFor();
      await textarea.fill(draft);

      // The server is gone (as a client sees a killed one): the send fails, the draft stays.
      proxy.down = true;
      proxy.cutAll();
      await shadow(page, '[part~="send-button"]').click();
      await eventually(async () => (await errors()) >= 1, 'the failed send to be reported', 15_000);
      assert.equal(await textarea.inputValue(), draft, 'the draft survives a failed send');

      // Back up: a reload brings the draft back.
      proxy.down = false;
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await eventually(async () => (await textarea.inputValue()) === draft, 'the draft to come back after a reload');

      // A lost race: Carol takes the chat while Alice's live updates are cut off; Alice's send is refused.
      proxy.blockStreams = true;
      proxy.cutAll();
      const taken = baton.service.execute({ type: 'takeover', actor: { type: 'user', id: 'carol' }, conversationId: 'c-refund', messageId: 'carol-wins', body: 'Carol here' });
      assert.ok(taken.ok);
      const before = await errors();
      await shadow(page, '[part~="send-button"]').click();
      await eventually(async () => (await errors()) > before, 'the lost race to be reported', 15_000);
      assert.equal(await textarea.inputValue(), draft, 'the draft survives a lost race');
      proxy.blockStreams = false;

      // A restart on the same SQLite file, with the chat handed back to Alice.
      proxy.down = true;
      proxy.cutAll();
      api.current = null;
      baton.service.close();
      baton = createBaton(options);
      api.current = createBatonMiddleware(baton.app);
      const back = baton.service.execute({ type: 'transfer', actor: { type: 'user', id: 'carol' }, conversationId: 'c-refund', targetUserId: 'alice' });
      assert.ok(back.ok, 'the restarted server has Carol as the assignee');
      proxy.down = false;
      await eventually(async () => (await shadow(page, '[part~="send-button"]').innerText()).trim() !== '' && (await shadow(page, '[part~="send-button"]').getAttribute('aria-disabled')) === 'false', 'Alice to hold the chat again', 15_000);
      assert.equal(await textarea.inputValue(), draft, 'the draft survives a server restart');

      // The next few connections lose their responses: the backend retries with the same message id.
      let cuts = 2;
      proxy.plan = () => (cuts-- > 0 ? { cutResponseAfter: 40 } : {});
      await shadow(page, '[part~="send-button"]').click();
      await eventually(() => (baton.service.state.messages.get('c-refund') ?? []).some((m) => m.body === draft), 'the draft to be sent', 15_000);
      await eventually(async () => (await textarea.inputValue()) === '', 'the composer to clear once the send is accepted', 15_000);
      const sent = (baton.service.state.messages.get('c-refund') ?? []).filter((m) => m.body === draft);
      assert.equal(sent.length, 1, 'the draft was stored exactly once');
    } finally {
      await page.context().close();
      await proxy.close();
      await served.close();
      baton.service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
