import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of the workspace packages: the custom
// `@balance-sync/source` export condition points every package subpath at its `src/`.
// `import` is deliberately absent from the SSR list: vitest forwards these to the test
// processes as `--conditions`, and a forced `import` makes `require()` of dual packages
// (pg-pool) load their ESM build.
const conditions = ['@balance-sync/source', 'node', 'module', 'default'];

export default defineConfig({
  resolve: { conditions: [...conditions, 'import'] },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
