import { type CatalogService, createCatalogService } from '../catalog/catalog-service.js';
import type { SyncConfig } from '../config/sync-config-schema.js';
import {
  createOrderExportService,
  type OrderExportService,
} from '../orders/order-export-service.js';
import { createEngineContext, type SyncEngineDeps } from './engine-context.js';

/**
 * The sync engine: one object per deployment, serving every configured store. Each domain
 * is a service with its own methods and typed events (`engine.catalog`; order export and
 * reconciliation join as further services built from the same context).
 *
 * @example
 * ```ts
 * const engine = createSyncEngine({ config, balance, woo, store });
 * engine.catalog.events.on('progress', ({ done, total }) => console.log(done, total));
 * const plan = await engine.catalog.plan({ storeId: 'main', scope: 'items' });
 * await engine.catalog.apply(plan);
 * ```
 */
export interface SyncEngine {
  /** The validated configuration (defaults applied). */
  readonly config: SyncConfig;
  /** Catalog import: plan, review, apply. */
  readonly catalog: CatalogService;
  /** Order export: Sales and credit notes through the document ledger; sweep, reconcile. */
  readonly orders: OrderExportService;
}

/**
 * Creates the sync engine. The engine does no I/O of its own: Balance through `balance`, the
 * stores through `woo`, storage through `store`, time through `clock`. Throws `ConfigError`
 * (listing every bad path) for an invalid configuration.
 *
 * @example
 * ```ts
 * import { createWooCommerceRest } from '@balance-sync/adapters/woocommerce';
 * import { createSqliteStore } from '@balance-sync/adapters/sqlite';
 * import { createBalanceClient } from '@balance-sync/balance-client';
 * import { createSyncEngine, parseSyncConfig } from '@balance-sync/woo-sync-core';
 *
 * const config = parseSyncConfig(JSON.parse(readFileSync('balance-sync.config.json', 'utf8')));
 * const engine = createSyncEngine({
 *   config,
 *   balance: createBalanceClient({
 *     connection: { mode: 'cloud', applicationId: '1550' },
 *     username: config.balance.username,
 *     password: config.balance.password,
 *     exchangeUid: config.balance.exchangeUid,
 *   }),
 *   woo: createWooCommerceRest(config.stores[0].woocommerce),
 *   store: createSqliteStore({ path: './balance-sync.db' }),
 * });
 * ```
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const context = createEngineContext(deps);
  return {
    config: context.config,
    catalog: createCatalogService(context),
    orders: createOrderExportService(context, { queue: deps.queue }),
  };
}
