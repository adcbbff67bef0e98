import { defineConfig } from 'vite';

// Serves the demo sandbox from the packages' sources (the `source` export condition).
export default defineConfig({
  root: 'demo',
  resolve: { conditions: ['source'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { outDir: '../dist/demo', emptyOutDir: true },
});
