/**
 * What the browser benchmarks share: pages bundled by esbuild from the packages' sources,
 * served on loopback (with Baton's API under /v1 when a server is given, so the page and the
 * API share one origin), and Chromium through playwright-core.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';

export const benchDir = dirname(fileURLToPath(import.meta.url));

export { CHROMIUM_ARGS, launchChromium } from '../support/chromium.js';

/** Set to a folder: browser pages are bundled unminified and their CPU profiles written there. */
export const profileDir = process.env.BATON_BENCH_CPU_PROF;

/** Bundles one page script (minified, as shipped, unless profiling) into a string. */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(benchDir, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: !profileDir,
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

export interface PageFiles {
  [path: string]: { type: string; body: string | Buffer };
}

export const htmlPage = (script: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head><body><script type="module" src="${script}"></script></body></html>`;

export const shoelaceThemeCss = () =>
  readFileSync(join(benchDir, 'node_modules/@shoelace-style/shoelace/dist/themes/light.css'));

/** Serves fixed files on 127.0.0.1; requests under /v1 go to `api` when given. */
export async function servePages(
  files: PageFiles,
  api?: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const notFound = () => {
      response.writeHead(404).end();
    };
    const file = files[(request.url ?? '/').split('?')[0]];
    if (file) response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
    else if (api) api(request, response, notFound);
    else notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Runs `work` under Chromium's CPU profiler when profiling, writing `<name>.cpuprofile`. */
export async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!profileDir) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
