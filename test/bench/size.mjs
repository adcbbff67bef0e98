#!/usr/bin/env node
/**
 * Bundle sizes, as a helpdesk would ship them: esbuild, ES modules, minified, for browsers,
 * then gzip -9 and brotli (quality 11). Three bundles:
 *   embed    — <baton-provider> and <baton-message-editor> defined, plus createClient and
 *              createHttpBackend: Lit, @lit/context, nanostores, ky, @baton/sdk, @baton/elements.
 *              Code splitting is on and every chunk is counted, so lazily loaded code is in,
 *              except the extra locales (German): English is built in and the rest load on demand.
 *   core     — `decide` and `can` from @baton/sdk/core (routing runs inside decide).
 *   shoelace — the same composer's parts from Shoelace 2 (textarea, button, dropdown, menu,
 *              menu item, dialog, select, with the option they list) and its light theme.
 *
 *   node test/bench/size.mjs            prints the table
 *   node test/bench/size.mjs --json     prints the figures as JSON
 *   node test/bench/size.mjs --check    prints the table and exits 1 when a budget is exceeded
 * For the budget test: --budget-embed=BYTES, --budget-core=BYTES, --only=embed,core and
 * --bloat-core=SPECIFIER (re-exports a module from the core entry).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildTemplates } from '../../packages/elements/scripts/templates.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? true];
  }),
);

/** Budgets in bytes of gzip -9 (1 KB = 1,000 bytes, as size-limit counts). */
export const BUDGETS = {
  // The product's budgets are 30 KB (embed) and 5 KB (core). The embed's is enforced at that
  // target. The core misses 5 KB (see the README's Benchmarks): until it meets it, its budget
  // holds today's size with a small margin so that no regression lands. Raised from 7,500 B
  // (7,864 B with them) for SPEC rules the core lacked: auto-assign limits counting routed
  // conversations only, refusals that say nothing of a conversation the person may not see
  // (but tell who lost a race with it who won), events for those who just lost sight of one,
  // claim notices to everyone who may claim, message ids bound to their conversation, and
  // commands refused for keys no rule knows.
  embed: Number(args['budget-embed'] ?? 30_000),
  core: Number(args['budget-core'] ?? 7_900),
};

const SHOELACE = ['textarea', 'button', 'dropdown', 'menu', 'menu-item', 'dialog', 'select', 'option'];

const ENTRIES = {
  embed: {
    contents: [
      // Defined here rather than through the package's define module: its imports of the
      // per-element define modules are not listed in `sideEffects`, so bundlers drop them.
      `import { BatonMessageEditor, BatonProvider, defineElement } from '@baton/elements';`,
      `defineElement('baton-provider', BatonProvider);`,
      `defineElement('baton-message-editor', BatonMessageEditor);`,
      `export { createClient, createHttpBackend } from '@baton/sdk';`,
    ].join('\n'),
  },
  core: {
    contents: [
      `export { decide, can } from '@baton/sdk/core';`,
      ...(args['bloat-core'] ? [`export * from '${args['bloat-core']}';`] : []),
    ].join('\n'),
  },
  shoelace: {
    contents: SHOELACE.map((name) => `import '@shoelace-style/shoelace/dist/components/${name}/${name}.js';`).join('\n'),
    css: join(here, 'node_modules/@shoelace-style/shoelace/dist/themes/light.css'),
  },
};

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Which packages (or, for our own, which source files) take the most minified bytes in the counted files. */
function heaviest(metafile, files, limit = 8) {
  const byModule = new Map();
  for (const file of files)
    for (const [path, { bytesInOutput }] of Object.entries(metafile.outputs[file].inputs)) {
      const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = pkg ? pkg[1] : path.replace(/^(\.\.\/)+/, '');
      byModule.set(name, (byModule.get(name) ?? 0) + bytesInOutput);
    }
  return [...byModule].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([module, bytes]) => ({ module, bytes }));
}

export async function measure(name) {
  const entry = ENTRIES[name];
  const outdir = mkdtempSync(join(tmpdir(), `baton-size-${name}-`));
  try {
    const result = await build({
      stdin: { contents: entry.contents, resolveDir: here, sourcefile: `${name}-entry.js`, loader: 'js' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      conditions: ['source'],
      define: { 'process.env.NODE_ENV': '"production"' },
      outdir,
      metafile: true,
      // The elements' templates as the package build ships them (see packages/elements/scripts/templates.mjs).
      plugins: [esbuildTemplates()],
      write: true,
      logLevel: 'error',
    });
    // Extra locales are chunks of their own, loaded only for a page in that language.
    const extraLocale = (output) => /\/shared\/locales\//.test(output.entryPoint ?? '');
    const files = Object.entries(result.metafile.outputs)
      .filter(([file, output]) => file.endsWith('.js') && !extraLocale(output))
      .map(([file]) => file);
    const buffers = files.map((file) => readFileSync(join(root, file)));
    if (entry.css) buffers.push(readFileSync(entry.css));
    // Chunks travel as separate responses: each is compressed on its own.
    return {
      name,
      files: buffers.length,
      minBytes: buffers.reduce((sum, b) => sum + b.length, 0),
      gzipBytes: buffers.reduce((sum, b) => sum + gzip(b), 0),
      brotliBytes: buffers.reduce((sum, b) => sum + brotli(b), 0),
      ...(entry.css ? { cssGzipBytes: gzip(readFileSync(entry.css)) } : {}),
      heaviest: heaviest(result.metafile, files),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function measureAll(names = Object.keys(ENTRIES)) {
  const out = {};
  for (const name of names) out[name] = await measure(name);
  return out;
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

async function main() {
  const only = typeof args.only === 'string' ? args.only.split(',') : Object.keys(ENTRIES);
  const sizes = await measureAll(only);
  if (args.json) {
    console.log(JSON.stringify(sizes));
  } else {
    console.log('bundle   |  files |  minified |   gzip -9 |    brotli | budget (gzip)');
    for (const s of Object.values(sizes))
      console.log(
        `${s.name.padEnd(8)} | ${String(s.files).padStart(6)} | ${kb(s.minBytes).padStart(9)} | ${kb(s.gzipBytes).padStart(9)} | ${kb(s.brotliBytes).padStart(9)} | ${BUDGETS[s.name] ? kb(BUDGETS[s.name]) : '-'}`,
      );
    if (sizes.shoelace) console.log(`(shoelace includes its light theme, ${kb(sizes.shoelace.cssGzipBytes)} gzip)`);
  }
  if (!args.check) return;
  let failed = false;
  for (const [name, budget] of Object.entries(BUDGETS)) {
    const s = sizes[name];
    if (!s || s.gzipBytes <= budget) continue;
    failed = true;
    console.error(`\nSize budget exceeded: ${name} is ${s.gzipBytes} bytes gzip, over its budget of ${budget} bytes.`);
    console.error('Largest modules (minified bytes in the bundle):');
    for (const { module, bytes } of s.heaviest) console.error(`  ${String(bytes).padStart(7)}  ${module}`);
  }
  if (failed) process.exit(1);
  console.log('Size budgets: all within.');
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') await main();
