// Browser tests of @baton/elements: real Chromium, the packages' TypeScript sources (the
// `source` export condition), no build step.
import { execFileSync } from 'node:child_process';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { wtrTemplates } from './packages/elements/scripts/templates.mjs';

const elementsDir = new URL('./packages/elements/', import.meta.url).pathname;

/** A CommonJS module's export names, read in a child process (loading React here would patch our console). */
const exportNames = (name) =>
  JSON.parse(
    execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)}))))`], {
      cwd: elementsDir,
      encoding: 'utf8',
    }),
  );

/**
 * React ships CommonJS only; the test page needs ES modules. One esbuild bundle holds React
 * and react-dom/client (so both share one React), and `react` / `react-dom/client` imports
 * resolve to small modules re-exporting its named exports.
 */
function reactAsModules() {
  const BUNDLE = '/__react/bundle.js';
  const modules = { react: '/__react/react.js', 'react-dom/client': '/__react/react-dom-client.js' };
  let bundle;
  const reexport = (name, key) => {
    const names = exportNames(name).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
    return `import { ${key} as m } from '${BUNDLE}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
  };
  return {
    name: 'react-as-modules',
    resolveImport({ source }) {
      return modules[source];
    },
    async serve(context) {
      if (context.path === BUNDLE) {
        bundle ??= build({
          stdin: {
            contents: "export * as React from 'react'; export * as ReactDOMClient from 'react-dom/client';",
            resolveDir: elementsDir,
          },
          bundle: true,
          format: 'esm',
          write: false,
          define: { 'process.env.NODE_ENV': '"development"' },
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      if (context.path === modules.react) return { body: reexport('react', 'React'), type: 'js' };
      if (context.path === modules['react-dom/client'])
        return { body: reexport('react-dom/client', 'ReactDOMClient'), type: 'js' };
      return undefined;
    },
  };
}

/** A plain `N passed, N failed` line, which CI reads (web-test-runner's own summary it does not). */
function plainSummary() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that fails to load has no test results: count it as a failure.
        else if (!session.passed) failed++;
        if (session.testResults && !session.passed && session.errors?.length) failed += session.errors.length;
      }
      // Skipped tests are defects here: they fail the run.
      failed += skipped;
      console.log(`\n${passed} passed, ${failed} failed`);
    },
  };
}

export default {
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  // The templates minified first, as the package build ships them; then TypeScript.
  plugins: [reactAsModules(), wtrTemplates(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), plainSummary()],
};
