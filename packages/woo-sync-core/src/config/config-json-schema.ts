import { z } from 'zod';
import { syncConfigSchema } from './sync-config-schema.js';

/**
 * The JSON Schema (draft 2020-12) of the configuration file, as written by people (defaults
 * optional). Editors use it for completion; `docs/config.schema.json` is generated from it.
 *
 * @example
 * ```ts
 * writeFileSync('config.schema.json', JSON.stringify(syncConfigJsonSchema(), null, 2));
 * ```
 */
export function syncConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(syncConfigSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/balance-sync/balance-sync/blob/main/docs/config.schema.json',
    title: 'Balance ↔ WooCommerce sync configuration',
  };
}
