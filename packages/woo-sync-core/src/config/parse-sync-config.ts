import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.js';
import {
  type CatalogConfig,
  catalogConfigSchema,
  type OrdersConfig,
  ordersConfigSchema,
  type StoreConfig,
  type SyncConfig,
  syncConfigSchema,
} from './sync-config-schema.js';

function toIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Validates a configuration and applies defaults. Throws one {@link ConfigError} listing
 * every bad path and why.
 *
 * @param options - `source`: where the input came from (a file path), for the error message
 * @example
 * ```ts
 * const config = parseSyncConfig(JSON.parse(readFileSync('balance-sync.config.json', 'utf8')));
 * ```
 */
export function parseSyncConfig(input: unknown, options?: { source?: string }): SyncConfig {
  const result = syncConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(toIssues(result.error), options);
  return result.data;
}

/** The settings that apply to one store: shared sections merged with the store's overrides. */
export interface StoreSyncConfig {
  store: StoreConfig;
  catalog: CatalogConfig;
  /** `undefined` when order export is not configured for this store. */
  orders: OrdersConfig | undefined;
}

/**
 * The effective settings of one store: each field of the store's `catalog` / `orders`
 * overrides replaces the shared field as a whole.
 *
 * @example
 * ```ts
 * const { store, catalog, orders } = resolveStoreConfig(config, 'main');
 * ```
 */
export function resolveStoreConfig(config: SyncConfig, storeId: string): StoreSyncConfig {
  const index = config.stores.findIndex((s) => s.id === storeId);
  const store = config.stores[index];
  if (!store) {
    throw new ConfigError([
      {
        path: 'stores',
        message: `no store with id "${storeId}"; configured stores: ${config.stores.map((s) => s.id).join(', ')}`,
      },
    ]);
  }
  const catalog = catalogConfigSchema.safeParse({ ...config.catalog, ...store.catalog });
  if (!catalog.success)
    throw new ConfigError(toIssues(catalog.error, ['stores', index, 'catalog']));
  let orders: OrdersConfig | undefined;
  if (config.orders || store.orders) {
    const parsed = ordersConfigSchema.safeParse({ ...config.orders, ...store.orders });
    if (!parsed.success) throw new ConfigError(toIssues(parsed.error, ['stores', index, 'orders']));
    orders = parsed.data;
  }
  return { store, catalog: catalog.data, orders };
}
