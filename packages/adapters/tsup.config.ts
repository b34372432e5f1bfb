import { defineConfig } from 'tsup';
import { buildConsoleAssets } from './src/console/build-console-assets.js';

export default defineConfig([
  {
    entry: {
      woocommerce: 'src/woocommerce/index.ts',
      'woocommerce-testing': 'src/woocommerce/testing/index.ts',
      sqlite: 'src/sqlite/index.ts',
      postgres: 'src/postgres/index.ts',
      bullmq: 'src/bullmq/index.ts',
      'pg-boss': 'src/pg-boss/index.ts',
      runtime: 'src/runtime/index.ts',
      express: 'src/express/index.ts',
      worker: 'src/worker/index.ts',
      cli: 'src/cli/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    treeshake: true,
    // Keep `node:` specifiers (`node:sqlite` has no bare alias).
    removeNodeProtocol: false,
    // `import.meta.url` in CJS output (the simulator loads msw lazily relative to itself).
    shims: true,
    // Each entry is its own module graph: importing /sqlite must never load pg or bullmq.
    splitting: true,
    // Operator console (issue #9, docs/console.md): its browser assets (console.js,
    // console.css, index.html) are bundled with esbuild into dist/console/, after the clean
    // build above; the Express router serves them from there.
    onSuccess: async () => {
      await buildConsoleAssets({ uiDir: 'src/console/ui', outDir: 'dist/console' });
    },
  },
  {
    entry: { bin: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node22',
    removeNodeProtocol: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
