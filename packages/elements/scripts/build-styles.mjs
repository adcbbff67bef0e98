#!/usr/bin/env node
/**
 * Compiles each component's stylesheet (`x.css`) into the module its element imports
 * (`x.styles.ts`), minified by esbuild's CSS minifier. A helpdesk's bundler minifies our
 * JavaScript but leaves CSS inside template literals as written, so the shipped styles are
 * minified here, once, and the tests run against exactly what ships.
 *
 *   node scripts/build-styles.mjs           writes the modules
 *   node scripts/build-styles.mjs --check   exits 1 when a committed module is out of date
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

function stylesheets(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** Text inside a template literal: backslashes, backticks and `${` stay literal. */
const literal = (text) => text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** Every stylesheet under src/ with the module it compiles to, as it should read. */
export async function compileStyles() {
  const out = [];
  for (const cssPath of stylesheets(join(pkg, 'src')).sort()) {
    const source = readFileSync(cssPath, 'utf8');
    // No target: nothing is lowered, the CSS keeps the features it was written with.
    const { code } = await transform(source, { loader: 'css', minify: true, charset: 'utf8', sourcefile: basename(cssPath) });
    out.push({
      path: cssPath.replace(/\.css$/, '.styles.ts'),
      contents: [
        `// Compiled from ${basename(cssPath)} by scripts/build-styles.mjs: edit the stylesheet, then run \`pnpm --filter @baton/elements styles\`.`,
        `import { css } from 'lit';`,
        ``,
        `export const styles = css\`${literal(code.trim())}\`;`,
        ``,
      ].join('\n'),
    });
  }
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { path, contents } of await compileStyles()) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === contents) continue;
    if (check) {
      console.error(`${relative(pkg, path)} is out of date: run \`pnpm --filter @baton/elements styles\`.`);
      stale++;
    } else {
      writeFileSync(path, contents);
      console.log(`wrote ${relative(pkg, path)}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
