// Writes docs/configuration.md from the configuration schema (woo-sync-core) and the
// environment variable mapping of the hosts (adapters/runtime).
// `pnpm test` fails when the checked-in file is stale (packages/adapters/test/runtime).
//   pnpm exec tsx --conditions=@balance-sync/source scripts/generate-config-docs.ts
import { writeFileSync } from 'node:fs';
import { renderConfigurationDocs } from '../packages/adapters/src/runtime/config/render-configuration-docs.js';

const target = new URL('../docs/configuration.md', import.meta.url);
writeFileSync(target, renderConfigurationDocs());
console.log(`wrote ${target.pathname}`);
