import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BalanceSimulator } from '@balance-sync/balance-client/testing';
import {
  parseSyncConfig,
  type SyncConfig,
  type SyncConfigInput,
} from '@balance-sync/woo-sync-core';
import type { WooCommerceSimulator } from '../../woocommerce/testing/index.js';

/**
 * The store id the demo and the examples use.
 *
 * @example
 * ```ts
 * await runtime.engine.catalog.plan({ storeId: DEMO_STORE_ID, scope: 'items' });
 * ```
 */
export const DEMO_STORE_ID = 'demo';

/**
 * Options of {@link startDemoEnvironment}.
 *
 * @example
 * ```ts
 * const env = await startDemoEnvironment({ items: 500 });
 * ```
 */
export interface DemoEnvironmentOptions {
  /**
   * Folder for the SQLite file; a fresh temporary folder (removed by `close()`) by default.
   */
  dir?: string;
  /**
   * Number of Balance items (the seed's notable items are always there).
   * @default 24
   */
  items?: number;
  /** Port of the web host written to `config.server.port`. @default 0 (a free port) */
  port?: number;
}

/**
 * Both simulators with seed data, and a configuration that points at them.
 *
 * @example
 * ```ts
 * const env = await startDemoEnvironment();
 * env.balance.faults.set({ down: { answer: 'connection-reset' } }); // an outage
 * ```
 */
export interface DemoEnvironment {
  /** The Balance Exchange simulator (real HTTP server). */
  readonly balance: BalanceSimulator;
  /** The WooCommerce simulator (real HTTP server). */
  readonly woo: WooCommerceSimulator;
  /** A validated configuration for both (SQLite store and in-process queue in `dir`). */
  readonly config: SyncConfig;
  /** Where the SQLite file lives. */
  readonly dir: string;
  /** Stops both simulators and removes the temporary folder (when it made one). */
  close(): Promise<void>;
}

/**
 * Starts the Balance and WooCommerce simulators with seed data and returns a configuration
 * for them: the merchant's choices (category mapping, price types, warehouses, retail
 * client, shipping item) filled in from the Balance seed. Needs the `msw` package (the
 * simulators' handler sets use it).
 *
 * @example
 * ```ts
 * const env = await startDemoEnvironment();
 * const runtime = await createSyncRuntime(env.config);
 * // … use the runtime against the simulators …
 * await runtime.close();
 * await env.close();
 * ```
 */
export async function startDemoEnvironment(
  options: DemoEnvironmentOptions = {},
): Promise<DemoEnvironment> {
  const [{ createBalanceSimulator, ITEM_TYPES }, { createWooCommerceSimulator }] =
    await Promise.all([
      import('@balance-sync/balance-client/testing'),
      import('../../woocommerce/testing/index.js'),
    ]);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'balance-sync-demo-'));
  const balance = createBalanceSimulator({ seed: { prngSeed: 1, items: options.items ?? 24 } });
  // a plain-HTTP store, as WordPress sees it: OAuth 1.0a is the auth that works there
  const woo = createWooCommerceSimulator({ seed: 'balance-sync-demo', settings: { https: false } });
  try {
    await balance.start();
    await woo.start();
  } catch (error) {
    await Promise.allSettled([balance.stop(), woo.stop()]);
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const config = parseSyncConfig(
    demoConfigInput(balance, woo, ITEM_TYPES.service, {
      dir,
      ...(options.port === undefined ? {} : { port: options.port }),
    }),
  );
  let closed = false;
  return {
    balance,
    woo,
    config,
    dir,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([woo.stop(), balance.stop()]);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo's configuration (before validation) for two running simulators: the merchant's
 * choices filled in from the Balance seed. {@link startDemoEnvironment} uses it; tests adapt
 * it. `serviceItemType` is the simulator's `ITEM_TYPES.service` (passed in so this module does
 * not load the simulators).
 */
export function demoConfigInput(
  balance: BalanceSimulator,
  woo: WooCommerceSimulator,
  serviceItemType: string,
  options: { dir: string; port?: number },
): SyncConfigInput {
  const seed = balance.seed;
  const key = woo.keys.default;
  return {
    balance: {
      connection: {
        mode: 'onprem',
        baseUrl: balance.onPrem.baseUrl,
        basePath: balance.onPrem.basePath,
      },
      username: balance.credentials.username,
      password: balance.credentials.password,
      exchangeUid: balance.exchangeUid,
      timeoutMs: 5_000,
    },
    catalog: {
      skuField: 'Code',
      services: { itemTypeField: 'ItemType', serviceValues: [serviceItemType] },
      stock: { mode: 'aggregate', warehouses: [seed.warehouses.main, seed.warehouses.vake] },
      prices: {
        regularPriceType: seed.priceTypes.retail,
        sale: { source: 'price-type', priceType: seed.priceTypes.sale },
      },
      createCategories: true,
    },
    orders: {
      customer: { mode: 'retail', retailClient: seed.retailClientUid },
      warehouse: seed.warehouses.main,
      shippingItem: seed.shippingItemUid,
      feeItem: seed.feeItemUid,
    },
    stores: [
      {
        id: DEMO_STORE_ID,
        name: 'Demo coffee shop',
        woocommerce: {
          url: woo.url,
          auth: 'oauth1',
          consumerKey: key.consumerKey,
          consumerSecret: key.consumerSecret,
          webhookSecret: randomBytes(24).toString('base64url'),
        },
        categories: {
          mapping: {
            [seed.groups.beverages]: 'create',
            [seed.groups.coffee]: 'create',
            [seed.groups.tea]: 'create',
            [seed.groups.groceries]: 'create',
            [seed.groups.sweets]: 'create',
            [seed.groups.household]: 'create',
          },
          excludedGroups: [seed.groups.expenses],
        },
      },
    ],
    schedules: {},
    storage: { driver: 'sqlite', path: join(options.dir, 'balance-sync.db') },
    queue: { driver: 'in-process', concurrency: 4, maxAttempts: 8 },
    server: {
      host: '127.0.0.1',
      port: options.port ?? 0,
      adminToken: randomBytes(24).toString('base64url'),
      console: false,
    },
  };
}
