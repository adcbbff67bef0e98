import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script without types
import { minifyTemplates } from '../packages/elements/scripts/templates.mjs';

const minify = (code: string, fileName = 'x.js'): string => minifyTemplates(code, fileName);

/** Runs a module body whose `html` tag returns the template's strings and values. */
function run(code: string): { strings: string[]; values: unknown[] }[] {
  const calls: { strings: string[]; values: unknown[] }[] = [];
  const html = (strings: TemplateStringsArray, ...values: unknown[]) => {
    calls.push({ strings: [...strings], values });
    return `#${calls.length - 1}`;
  };
  new Function('html', 'css', code)(html, (s: TemplateStringsArray) => s.join(''));
  return calls;
}

describe('template minification (packages/elements/scripts/templates.mjs)', () => {
  it('turns each whitespace run with a line break into one space, and keeps the bindings', () => {
    const code = [
      'const a = 1, label = "Send";',
      'html`',
      '  <div class="x" data-a=${a}>',
      '    <button',
      '      type="button"',
      '    >',
      '      ${label}',
      '    </button>',
      '  </div>',
      '`;',
    ].join('\n');
    const out = minify(code);
    assert.equal(out.split('\n').length, 2);
    const [before] = run(code);
    const [after] = run(out);
    assert.deepEqual(after.values, before.values);
    assert.deepEqual(after.strings, [' <div class="x" data-a=', '> <button type="button" > ', ' </button> </div> ']);
  });

  it('minifies nested templates and leaves the code inside bindings as written', () => {
    const code = 'const items = [1, 2];\nhtml`<ul>\n  ${items.map((i) => {\n    const t = `a\n  b`;\n    return html`<li>\n      ${t}${i}\n    </li>`;\n  })}\n</ul>`;';
    const out = minify(code);
    assert.ok(out.includes('const t = `a\n  b`;'), 'a plain template in a binding keeps its line break');
    const calls = run(out);
    assert.deepEqual(calls.map((c) => c.strings), [['<li> ', '', ' </li>'], ['<li> ', '', ' </li>'], ['<ul> ', ' </ul>']]);
    assert.deepEqual(calls[0].values, ['a\n  b', 1]);
  });

  it('drops comments without a binding and keeps one with a binding', () => {
    const code = 'const x = 1;\nhtml`<p><!-- a note\n over lines --><b>x</b><!-- ${x} --></p>`;';
    assert.deepEqual(run(minify(code))[0].strings, ['<p><b>x</b><!-- ', ' --></p>']);
  });

  it('leaves templates where whitespace shows, css templates, other strings and TypeScript types alone', () => {
    for (const code of [
      'html`<pre>\n  two\n  lines</pre>`;',
      'html`<textarea>\n  draft\n</textarea>`;',
      'css`:host {\n  display: block;\n}`;',
      'const s = `line one\n    line two`;',
      'const t = other`<p>\n  x</p>`;',
    ])
      assert.equal(minify(code), code);
    const ts = 'const f = (e: InputEvent): string =>\n  html`<p>\n  ${(e.target as HTMLInputElement).value}</p>`;';
    assert.equal(minify(ts, 'x.ts'), 'const f = (e: InputEvent): string =>\n  html`<p> ${(e.target as HTMLInputElement).value}</p>`;');
  });

  it('reads the output of tsc too, which writes the tag and the template apart', () => {
    assert.equal(minify('const x = 1;\nhtml `<p>\n  ${x}\n</p>`;'), 'const x = 1;\nhtml `<p> ${x} </p>`;');
  });

  it('is stable: minifying twice changes nothing more', () => {
    const code = 'html`\n  <a\n    href="#">\n    x\n  </a>\n`;';
    const once = minify(code);
    assert.notEqual(once, code);
    assert.equal(minify(once), once);
  });
});
