import { createBalanceClient } from '@balance-sync/balance-client';
import {
  ConfigError,
  createJobHandler,
  createSyncEngine,
  type JobQueue,
  parseSyncConfig,
  type SyncConfig,
  type SyncConfigInput,
  type SyncStore,
  systemClock,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import { createWooCommerceRest } from '../woocommerce/index.js';
import { createSyncLogger } from './logging/create-sync-logger.js';
import { openJobQueue } from './open-job-queue.js';
import { openSyncStore } from './open-sync-store.js';
import type { SyncRuntime, SyncRuntimeOverrides } from './sync-runtime.js';

/**
 * Builds everything a host needs from one configuration (the composition root): the Balance
 * client, one WooCommerce REST adapter per store, the store (SQLite by default, PostgreSQL,
 * or memory), the queue (in-process on SQLite by default, BullMQ, pg-boss), the engine and
 * the job handler. Storage and queue adapters are loaded lazily, so a SQLite deployment
 * never loads `pg` or `bullmq`. Throws `ConfigError` for an invalid configuration.
 *
 * @example
 * ```ts
 * import { createSyncRuntime, loadSyncConfig } from '@balance-sync/adapters/runtime';
 *
 * const { config } = await loadSyncConfig();
 * const runtime = await createSyncRuntime(config);
 * const plan = await runtime.engine.catalog.plan({ storeId: 'main', scope: 'items' });
 * console.log(plan.toText());
 * await runtime.close();
 * ```
 */
export async function createSyncRuntime(
  input: SyncConfig | SyncConfigInput,
  overrides: SyncRuntimeOverrides = {},
): Promise<SyncRuntime> {
  const config = parseSyncConfig(input);
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createSyncLogger({ config });
  const storeIds = config.stores.map((s) => s.id);

  const balance =
    overrides.balance ??
    createBalanceClient({
      connection: config.balance.connection,
      username: config.balance.username,
      password: config.balance.password,
      exchangeUid: config.balance.exchangeUid,
      templates: config.balance.templates,
      timeoutMs: config.balance.timeoutMs,
      dangerouslyDisableTlsVerification: config.balance.dangerouslyDisableTlsVerification,
      ...(overrides.balanceFetch ? { fetch: overrides.balanceFetch } : {}),
      ...overrides.balanceOptions,
    });

  const ports = new Map<string, WooCommercePort>();
  const woo = (storeId: string): WooCommercePort => {
    let port = ports.get(storeId);
    if (port) return port;
    const store = config.stores.find((s) => s.id === storeId);
    if (!store) {
      throw new ConfigError([
        {
          path: 'stores',
          message: `no store with id "${storeId}"; configured stores: ${storeIds.join(', ')}`,
        },
      ]);
    }
    port =
      overrides.woo?.(storeId) ??
      createWooCommerceRest({
        url: store.woocommerce.url,
        consumerKey: store.woocommerce.consumerKey,
        consumerSecret: store.woocommerce.consumerSecret,
        auth: store.woocommerce.auth,
        timeoutMs: store.woocommerce.timeoutMs,
        concurrency: store.woocommerce.concurrency,
        batchLimit: store.woocommerce.batchLimit,
        clock,
        logger,
        ...overrides.wooOptions?.(storeId),
      });
    ports.set(storeId, port);
    return port;
  };

  let store: SyncStore | undefined;
  let queue: JobQueue | undefined;
  try {
    store = overrides.store ?? (await openSyncStore(config, { clock, logger }));
    queue =
      overrides.queue ??
      (await openJobQueue(config, { clock, logger, tuning: overrides.queueTuning ?? {} }));
  } catch (error) {
    if (store && !overrides.store) await store.close().catch(() => {});
    throw error;
  }
  const openedStore = store;
  const openedQueue = queue;

  const engine = createSyncEngine({
    config,
    balance,
    woo,
    store: openedStore,
    queue: openedQueue,
    clock,
    logger,
  });
  const handleJob = createJobHandler(engine);

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    clock,
    balance,
    store: openedStore,
    queue: openedQueue,
    engine,
    storeIds,
    woo,
    handleJob,
    close(options = {}) {
      closing ??= (async () => {
        try {
          if (!overrides.queue) await openedQueue.close({ timeoutMs: options.timeoutMs ?? 30_000 });
        } finally {
          if (!overrides.store) await openedStore.close();
        }
      })();
      return closing;
    },
  };
}
