// Writes docs/config.schema.json from the configuration schema in woo-sync-core.
// `pnpm test` fails when the checked-in file is stale (packages/woo-sync-core/test/config).
import { writeFileSync } from 'node:fs';
import { syncConfigJsonSchema } from '@balance-sync/woo-sync-core';

const target = new URL('../docs/config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(syncConfigJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
