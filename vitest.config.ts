import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of the workspace packages: the custom
// `@balance-sync/source` export condition points every package subpath at its `src/`.
const conditions = ['@balance-sync/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
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
