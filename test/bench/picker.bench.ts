/**
 * P3, the transfer picker in Chromium with 10,000 candidates: time to open Baton's transfer
 * dialog, and time from each keystroke of a search to the next painted frame; the same for
 * Shoelace's sl-select (its type-to-select) with the same 10,000 options, in the same run.
 * Both pages are minified bundles served on loopback; both get the same key sequence.
 *
 *   node --conditions=source --import tsx test/bench/picker.bench.ts [--json]
 */
import type { Page } from 'playwright-core';
import { bundlePage, htmlPage, launchChromium, profiled, round, servePages, shoelaceThemeCss, summarize } from './browser.js';

/** First names of the workspace, typed and then erased: 67 letters and 67 backspaces. */
const QUERIES = ['martin', 'joana', 'keiko', 'viktor', 'ximena', 'samuel', 'nora', 'isaac', 'ursula', 'gustavo', 'carmen', 'tariq'];
const OPENS = 5;

type Probe = { measuring: boolean; samples: number[]; nextSample(n: number): Promise<number>; armOpen(): void; opened: Promise<number> };
declare const probe: Probe;

/**
 * Types each query and erases it, one key per frame; `found` checks the page followed the
 * search. Returns the keystroke times and the queries whose search the page missed.
 */
async function typeSearches(page: Page, found: (query: string) => Promise<boolean>): Promise<{ keystrokes: number[]; missed: string[] }> {
  const missed: string[] = [];
  await page.evaluate(() => {
    probe.measuring = true;
  });
  let count = 0;
  const press = async (key: string) => {
    await page.keyboard.press(key);
    await page.evaluate((n) => probe.nextSample(n), count++);
  };
  for (const query of QUERIES) {
    for (const key of query) await press(key);
    if (!(await found(query))) missed.push(query);
    for (const _ of query) await press('Backspace');
  }
  const keystrokes = await page.evaluate(() => {
    probe.measuring = false;
    return probe.samples;
  });
  return { keystrokes, missed };
}

async function clickAndTimeOpen(page: Page, target: string): Promise<number> {
  await page.evaluate(() => probe.armOpen());
  await page.click(target);
  return page.evaluate(() => probe.opened);
}

async function baton(page: Page) {
  await page.waitForFunction(() => {
    const close = document.querySelector('baton-message-editor')?.shadowRoot?.querySelector('[data-item="close"]');
    return !!close && !/Loading/.test(close.textContent ?? '');
  });
  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    await page.click('baton-message-editor [part~="menu-button"]');
    await page.waitForSelector('baton-message-editor [data-item="transfer"]', { state: 'visible' });
    opens.push(await clickAndTimeOpen(page, 'baton-message-editor [data-item="transfer"]'));
    const candidates = await page.evaluate(() => document.querySelector('baton-message-editor')!.shadowRoot!.querySelector('#result-count')!.textContent);
    if (!/10,?000 agents/.test(candidates ?? '')) throw new Error(`The picker lists "${candidates}", not 10,000 agents`);
    if (i < OPENS - 1) {
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('baton-message-editor')!.shadowRoot!.querySelector('dialog[open]'));
    }
  }
  const { keystrokes, missed } = await profiled(page, 'picker-keystrokes', () => typeSearches(page, (query) =>
    page.evaluate((q) => {
      const root = document.querySelector('baton-message-editor')!.shadowRoot!;
      const first = root.querySelector('[role=option] .name')?.textContent ?? '';
      return first.toLowerCase().includes(q) && !/10,?000/.test(root.querySelector('#result-count')!.textContent ?? '');
    }, query),
  ));
  if (missed.length) throw new Error(`The picker did not follow the searches for ${missed.join(', ')}`);
  return { opens, keystrokes, missed };
}

async function slSelect(page: Page) {
  await page.waitForFunction(() => customElements.get('sl-select') && document.querySelectorAll('sl-option').length === 10_000);
  await page.evaluate(() => (document.querySelector('sl-select') as unknown as { updateComplete: Promise<unknown> }).updateComplete);
  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    opens.push(await clickAndTimeOpen(page, 'sl-select [part~="combobox"]'));
    // Let the opening animation finish before typing or closing.
    await page.waitForFunction(() => !document.querySelector('sl-select')!.shadowRoot!.querySelector('[part~="popup"]')?.getAnimations().length);
    if (i < OPENS - 1) {
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !(document.querySelector('sl-select') as unknown as { open: boolean }).open);
      await page.waitForTimeout(200);
    }
  }
  // Type-to-select forgets what was typed after a second without a key: when the page is
  // that slow, the search misses. Counted, not fatal: that is what the agent would see.
  const { keystrokes, missed } = await profiled(page, 'sl-select-keystrokes', () => typeSearches(page, (query) =>
    page.evaluate(
      (q) => !!(document.querySelector('sl-select') as unknown as { currentOption?: Element }).currentOption?.textContent?.toLowerCase().startsWith(q),
      query,
    ),
  ));
  return { opens, keystrokes, missed };
}

export async function runPicker() {
  const [batonJs, shoelaceJs] = await Promise.all([bundlePage('pages/baton-picker.ts'), bundlePage('pages/sl-select.ts')]);
  const site = await servePages({
    '/baton.html': { type: 'text/html', body: htmlPage('/baton.js') },
    '/baton.js': { type: 'text/javascript', body: batonJs },
    '/shoelace.html': { type: 'text/html', body: htmlPage('/shoelace.js', '<link rel="stylesheet" href="/light.css">') },
    '/shoelace.js': { type: 'text/javascript', body: shoelaceJs },
    '/light.css': { type: 'text/css', body: shoelaceThemeCss() },
  });
  const browser = await launchChromium();
  try {
    const run = async (path: string, drive: (page: Page) => Promise<{ opens: number[]; keystrokes: number[]; missed: string[] }>) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(site.url + path);
      try {
        return await drive(page);
      } catch (error) {
        throw new Error(`${path}: ${(error as Error).message}${errors.length ? `\npage errors: ${errors.join('; ')}` : ''}`);
      } finally {
        await page.close();
      }
    };
    const b = await run('/baton.html', baton);
    const s = await run('/shoelace.html', slSelect);
    const bk = summarize(b.keystrokes);
    const sk = summarize(s.keystrokes);
    const bo = summarize(b.opens);
    const so = summarize(s.opens);
    return {
      chromium: browser.version(),
      candidates: 10_000,
      keystrokes: bk.n,
      pickerOpenMs: round(bo.p50),
      pickerOpenFirstMs: round(b.opens[0]),
      pickerKeystrokeP50Ms: round(bk.p50),
      pickerKeystrokeP95Ms: round(bk.p95),
      slSelectOpenMs: round(so.p50),
      slSelectOpenFirstMs: round(s.opens[0]),
      slSelectKeystrokeP50Ms: round(sk.p50),
      slSelectKeystrokeP95Ms: round(sk.p95),
      slSelectMissedSearches: s.missed.length,
      keystrokeP50Ratio: round(sk.p50 / bk.p50),
    };
  } finally {
    await browser.close();
    await site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runPicker();
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
