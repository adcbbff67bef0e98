import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { createServer, type ViteDevServer } from 'vite';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A free loopback port (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Sandbox {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The sandbox as `pnpm demo` serves it (root vite.config.ts), on a free port, and Chromium. */
export async function startSandbox(): Promise<Sandbox> {
  const port = await freePort();
  const vite: ViteDevServer = await createServer({
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    server: { port, strictPort: true, host: '127.0.0.1', open: false, hmr: false },
  });
  await vite.listen();
  const browser = await launchChromium();
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close();
      await vite.close();
    },
  };
}

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught exceptions and console errors the page has logged since it opened. */
export const errorsOf = (page: Page): readonly string[] => pageErrors.get(page) ?? [];

/** Opens the sandbox in a fresh context and waits until the panes have loaded. */
export async function openSandbox(sandbox: Sandbox, query = ''): Promise<Page> {
  const context = await sandbox.browser.newContext({ viewport: { width: 1680, height: 1150 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A failed request (a missing favicon, say) reaches the console as an error too.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} ${message.location().url}`);
  });
  pageErrors.set(page, errors);
  await page.goto(`${sandbox.url}${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  await page.locator('.pane[data-agent="alice"] .conversation-item').first().waitFor({ timeout: 15_000 });
  return page;
}

export const pane = (page: Page, agent: string) => page.locator(`.pane[data-agent="${agent}"]`);
