import type { BalanceClient } from '@balance-sync/balance-client';
import { type Clock, systemClock } from '../clock.js';
import { ConfigError } from '../config/config-error.js';
import {
  parseSyncConfig,
  resolveStoreConfig,
  type StoreSyncConfig,
} from '../config/parse-sync-config.js';
import type { SyncConfig, SyncConfigInput } from '../config/sync-config-schema.js';
import { type Logger, silentLogger } from '../logger.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { SyncStore } from '../ports/sync-store.js';
import type { WooCommercePort } from '../ports/woocommerce-port.js';

/**
 * The WooCommerce port of each store: one port (single-store deployments), or a function
 * that returns the port of a store id.
 *
 * @example
 * ```ts
 * createSyncEngine({ config, balance, store, woo: (storeId) => ports[storeId] });
 * ```
 */
export type WooCommercePorts = WooCommercePort | ((storeId: string) => WooCommercePort);

/**
 * What `createSyncEngine` takes.
 *
 * @example
 * ```ts
 * createSyncEngine({ config, balance, woo, store, clock: systemClock, logger: pino() });
 * ```
 */
export interface SyncEngineDeps {
  /**
   * The configuration: a parsed {@link SyncConfig}, or raw input (a file's JSON), which is
   * validated here — a bad configuration throws one `ConfigError` listing every bad path.
   */
  config: SyncConfig | SyncConfigInput;
  /** The Balance client (`createBalanceClient(...)`, or its dry-run twin). */
  balance: BalanceClient;
  /** The store port(s). */
  woo: WooCommercePorts;
  /** Where mappings, journals, ledger and reports are kept. */
  store: SyncStore;
  /**
   * Where time comes from.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * Where the engine logs (pino-compatible).
   * @default silentLogger
   */
  logger?: Logger;
  /**
   * The worker's job queue: the order sweep and operator retries (`engine.orders`) enqueue
   * into it. Without one the sweep refuses and retries run inline.
   */
  queue?: JobQueue;
}

/**
 * The dependencies every domain service of the engine (catalog, orders, …) is built from.
 * `createSyncEngine` makes one and hands it to each `create…Service` factory.
 *
 * @example
 * ```ts
 * const context = createEngineContext({ config, balance, woo, store });
 * const catalog = createCatalogService(context);
 * ```
 */
export interface EngineContext {
  readonly config: SyncConfig;
  readonly balance: BalanceClient;
  readonly store: SyncStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The port of a store; throws `ConfigError` for a store id that is not configured. */
  woo(storeId: string): WooCommercePort;
  /** The effective settings of a store (shared sections merged with its overrides). */
  storeConfig(storeId: string): StoreSyncConfig;
}

/**
 * Validates the configuration and assembles the shared {@link EngineContext}.
 *
 * @example
 * ```ts
 * const context = createEngineContext({ config: rawJson, balance, woo, store });
 * context.storeConfig('main').catalog.stock.mode; // 'single'
 * ```
 */
export function createEngineContext(deps: SyncEngineDeps): EngineContext {
  const config = parseSyncConfig(deps.config);
  const resolved = new Map<string, StoreSyncConfig>();
  const storeConfig = (storeId: string): StoreSyncConfig => {
    let value = resolved.get(storeId);
    if (!value) {
      value = resolveStoreConfig(config, storeId);
      resolved.set(storeId, value);
    }
    return value;
  };
  const ports = deps.woo;
  return {
    config,
    balance: deps.balance,
    store: deps.store,
    clock: deps.clock ?? systemClock,
    logger: deps.logger ?? silentLogger,
    storeConfig,
    woo: (storeId) => {
      storeConfig(storeId);
      const port = typeof ports === 'function' ? ports(storeId) : ports;
      if (!port) {
        throw new ConfigError([
          { path: 'woo', message: `no WooCommerce port for store "${storeId}"` },
        ]);
      }
      return port;
    },
  };
}
