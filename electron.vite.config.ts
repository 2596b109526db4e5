import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// The Node-side entries share one main build: the Electron main process, the `roundlog` CLI
// (plain Node, never imports electron), the benchmark and the worker threads. Dependencies stay external, so the
// CLI loads the same better-sqlite3 build the tests use.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The bench drives Chromium through playwright-core (a dev dependency): loaded, not bundled.
      externalizeDeps: { include: ['playwright-core'] },
      rolldownOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          cli: resolve('src/cli/roundlog.ts'),
          bench: resolve('bench/run.ts'),
          'bench-export-child': resolve('bench/export-child.ts'),
          // Loaded with `new Worker(new URL('./page-parse-worker.js', import.meta.url))` by the entries.
          'page-parse-worker': resolve('src/main/core/sources/trackersino/page-parse-worker.ts'),
          // Exact statistics over a whole window, off the main thread (stats/exact/exact-stats-runner.ts).
          'exact-stats-worker': resolve('src/main/core/stats/exact/exact-stats-worker.ts'),
          // The app's exports, off the main thread (transfer/export-runner.ts).
          'export-worker': resolve('src/main/core/transfer/export-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require npm packages at run time: bundle everything into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
