import type { OrdersConfig, StoreConfig } from '../config/sync-config-schema.js';

/**
 * The settings the document builders read: the store's identity, time zone and currency,
 * and its effective order settings. A `StoreSyncConfig` whose `orders` is set fits as
 * it is.
 *
 * @example
 * ```ts
 * const { store, orders } = resolveStoreConfig(config, 'main');
 * if (!orders) throw new Error('order export is not configured for store "main"');
 * const exportConfig: OrderExportConfig = { store, orders };
 * ```
 */
export interface OrderExportConfig {
  readonly store: Pick<StoreConfig, 'id' | 'timezone' | 'currency' | 'documentNamespace'>;
  readonly orders: OrdersConfig;
  /**
   * The store's money decimals (WooCommerce "Number of decimals", `dp`).
   * @default 2
   */
  readonly decimals?: number;
}
