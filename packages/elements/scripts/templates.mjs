/**
 * Minifies the markup of Lit `html` templates, conservatively: every run of whitespace that
 * holds a line break becomes one space, and HTML comments without a binding go. Browsers
 * render a run of whitespace as one space already, so the page looks and reads the same;
 * templates with `<pre>` or a `<textarea>` with content (where whitespace shows) are left
 * alone. Bindings, `css` templates and every other string are untouched.
 *
 * One transform for every way the elements are served: the package build (dist), the size
 * benchmark, the browser tests and the demo's dev server. So the tests run the markup that
 * ships.
 *
 *   node scripts/templates.mjs dist   rewrites the built modules under dist/ in place
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const KEEPS_WHITESPACE = /<pre[\s>]|<textarea\b[^>]*>(?!<\/textarea>)/i;
const COMMENT = /<!--[\s\S]*?-->/g;
const BREAK = /\s*\n\s*/g;

/** The source with its `html` templates minified; the source itself when there is none. */
export function minifyTemplates(code, fileName = 'module.ts') {
  if (!/\bhtml\s*`/.test(code)) return code;
  const kind = /\.[cm]?jsx?$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'html') {
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      // The text of each part, without its delimiters (` or } before, ${ or ` after).
      const ranges = parts.map((part) => {
        const last = ts.isNoSubstitutionTemplateLiteral(part) || ts.isTemplateTail(part);
        return [part.getStart(source) + 1, part.end - (last ? 1 : 2)];
      });
      const markup = ranges.map(([start, end]) => code.slice(start, end)).join('${}');
      if (!KEEPS_WHITESPACE.test(markup))
        for (const [start, end] of ranges) {
          const text = code.slice(start, end);
          const minified = text.replace(COMMENT, '').replace(BREAK, ' ');
          if (minified !== text) edits.push({ start, end, minified });
        }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const { start, end, minified } of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, start) + minified + out.slice(end);
  return out;
}

const SOURCES = /\/packages\/elements\/src\/(?!.*\.test\.ts$).*\.ts$/;

/** For esbuild (the size benchmark): the elements' TypeScript sources, minified as they ship. */
export function esbuildTemplates() {
  return {
    name: 'baton-templates',
    setup(build) {
      build.onLoad({ filter: /\/packages\/elements\/src\/.*\.ts$/ }, (args) => {
        if (!SOURCES.test(args.path)) return undefined;
        return { contents: minifyTemplates(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' };
      });
    },
  };
}

/** For Vite (the demo and the end-to-end tests). */
export function viteTemplates() {
  return {
    name: 'baton-templates',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      return SOURCES.test(path) ? { code: minifyTemplates(code, path), map: null } : undefined;
    },
  };
}

/** For @web/test-runner (the browser tests): runs before TypeScript is compiled. */
export function wtrTemplates() {
  return {
    name: 'baton-templates',
    transform(context) {
      if (SOURCES.test(context.path)) return { body: minifyTemplates(context.body, context.path) };
      return undefined;
    },
  };
}

function rewrite(dir) {
  let changed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) changed += rewrite(path);
    else if (entry.name.endsWith('.js')) {
      const code = readFileSync(path, 'utf8');
      const minified = minifyTemplates(code, path);
      if (minified !== code) {
        writeFileSync(path, minified);
        changed++;
      }
    }
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/templates.mjs <dir>');
    process.exit(2);
  }
  console.log(`minified the templates of ${rewrite(dir)} modules in ${dir}`);
}
