import type {
  BalanceClient,
  BalanceClientOptions,
  BalanceFetch,
} from '@balance-sync/balance-client';
import type {
  Clock,
  JobHandler,
  JobQueue,
  Logger,
  SyncConfig,
  SyncEngine,
  SyncStore,
  WooCommercePort,
} from '@balance-sync/woo-sync-core';
import type { WooCommerceRestOptions } from '../woocommerce/index.js';
import type { JobQueueTuning } from './open-job-queue.js';

/**
 * What {@link createSyncRuntime} lets a host or a test replace. Everything is optional: by
 * default every part is built from the configuration.
 *
 * @example
 * ```ts
 * // point the runtime at the simulators (what the demo does)
 * const runtime = await createSyncRuntime(config, {
 *   balanceOptions: { retry: { limit: 1 } },
 *   logger: createSyncLogger({ config, level: 'warn' }),
 * });
 * ```
 */
export interface SyncRuntimeOverrides {
  /** Where time comes from. @default systemClock */
  clock?: Clock;
  /**
   * Where the runtime, the engine and the adapters log (pino-compatible).
   * @default createSyncLogger({ config })
   */
  logger?: Logger;
  /** A ready Balance client instead of one built from `config.balance`. */
  balance?: BalanceClient;
  /** Extra options of the Balance client built from the configuration (retry, packSize…). */
  balanceOptions?: Partial<BalanceClientOptions>;
  /** The `fetch` the Balance client uses. @default globalThis.fetch */
  balanceFetch?: BalanceFetch;
  /** Ready WooCommerce ports by store id, instead of REST adapters built from the configuration. */
  woo?: (storeId: string) => WooCommercePort;
  /** Extra options of each store's WooCommerce REST adapter (retry, fetch, safetyWindowMs…). */
  wooOptions?: (storeId: string) => Partial<WooCommerceRestOptions>;
  /** A ready store instead of the configured one (the runtime does not close it). */
  store?: SyncStore;
  /** A ready queue instead of the configured one (the runtime does not close it). */
  queue?: JobQueue;
  /** Backoff, poll and lease settings of the configured queue. */
  queueTuning?: JobQueueTuning;
}

/**
 * A running composition of the engine and its adapters for one configuration: the Balance
 * client, a WooCommerce port per store, the store, the queue, the engine and the job handler
 * the worker consumes with. The Express router, the worker and the CLI all build on it.
 *
 * @example
 * ```ts
 * const runtime = await createSyncRuntime(config);
 * await runtime.queue.enqueue({ name: 'sweep-orders', storeId: 'main', payload: {} });
 * await runtime.queue.start(runtime.handleJob);
 * await runtime.close();
 * ```
 */
export interface SyncRuntime {
  /** The validated configuration. */
  readonly config: SyncConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly balance: BalanceClient;
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly engine: SyncEngine;
  /** Ids of the configured stores, in configuration order. */
  readonly storeIds: readonly string[];
  /** The WooCommerce port of a configured store; throws `ConfigError` for an unknown id. */
  woo(storeId: string): WooCommercePort;
  /** Runs one job of any kind (order exports, sweeps, imports, reconciliations). */
  readonly handleJob: JobHandler;
  /** Closes the queue (waiting for in-flight jobs up to `timeoutMs`), then the store. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}
