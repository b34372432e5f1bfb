import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    // Dependency-free (the console's browser page bundles it).
    'category-choices': 'src/catalog/category-choices.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  treeshake: true,
  // Keep `node:` specifiers (`node:sqlite` has no bare alias).
  removeNodeProtocol: false,
});
