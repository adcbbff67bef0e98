import { defineConfig } from 'vite';
// @ts-expect-error: a plain ES module script without types
import { viteTemplates } from './packages/elements/scripts/templates.mjs';
import { batonServer } from './demo/server-plugin.js';

// Serves the demo sandbox from the packages' sources (the `source` export condition), with
// the reference server in-process under /v1 for `?backend=http`.
export default defineConfig({
  root: 'demo',
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  // The elements' templates minified as the package build ships them.
  plugins: [viteTemplates(), batonServer()],
  optimizeDeps: {
    include: ['@baton/elements > lit', '@baton/elements > @lit/context', '@baton/sdk > nanostores', '@baton/sdk > ky'],
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { outDir: '../dist/demo', emptyOutDir: true },
});
