// The world of the multi-process export test, in the test process: the Balance simulator and
// the WooCommerce simulator on real HTTP servers, a PostgreSQL store in a schema of its own,
// products linked to Balance items by a catalog import, and the paid orders to export.
import { randomUUID } from 'node:crypto';
import { createPostgresStore, type PostgresSyncStore } from '@balance-sync/adapters/postgres';
import { createWooCommerceRest } from '@balance-sync/adapters/woocommerce';
import {
  createWooCommerceSimulator,
  type WooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { createBalanceClient } from '@balance-sync/balance-client';
import {
  type BalanceSimulator,
  createBalanceSimulator,
} from '@balance-sync/balance-client/testing';
import { createSyncEngine, type SyncConfigInput } from '@balance-sync/woo-sync-core';
import { dropPostgresSchema } from '../../queues/support/postgres-schema.js';
import {
  SIMULATOR_PRODUCTS,
  seedSimulatorProducts,
  simulatorOrderConfig,
} from '../../support/order-export-world.js';

export const STORE = 'main';

/** A paid order of the store, as placed. */
export interface PlacedOrder {
  id: number;
  number: string;
  total: string;
}

/** Everything the test process owns; `close()` stops the servers and drops the schema. */
export interface ExportWorld {
  woo: WooCommerceSimulator;
  balanceSim: BalanceSimulator;
  store: PostgresSyncStore;
  /** The configuration the workers compose their runtime from (queue settings added by the test). */
  config: SyncConfigInput;
  orders: PlacedOrder[];
  close(): Promise<void>;
}

/**
 * Starts the simulators, links the catalog through the engine's catalog import (so the store
 * holds the product → Balance item mappings the export resolves lines with) and places
 * `orderCount` paid orders with varied lines, shipping and coupons.
 */
export async function createExportWorld(options: {
  databaseUrl: string;
  orderCount: number;
}): Promise<ExportWorld> {
  const woo = createWooCommerceSimulator({ seed: 'multi-process-export' });
  const balanceSim = createBalanceSimulator();
  const schema = `bs_test_mp_store_${randomUUID().slice(0, 8)}`;
  await woo.start();
  await balanceSim.start();
  const store = await createPostgresStore({ connectionString: options.databaseUrl, schema });
  const close = async () => {
    await store.close();
    await dropPostgresSchema(options.databaseUrl, schema);
    await woo.stop();
    await balanceSim.stop();
  };
  try {
    // The catalog import publishes Balance's stock: enough for every order.
    seedSimulatorProducts(woo, balanceSim, 1_000_000);
    const config: SyncConfigInput = {
      ...simulatorOrderConfig(balanceSim, balanceSim.onPrem),
      storage: { driver: 'postgres', databaseUrl: options.databaseUrl, schema },
      stores: [
        {
          id: STORE,
          woocommerce: {
            url: woo.url,
            consumerKey: woo.keys.default.consumerKey,
            consumerSecret: woo.keys.default.consumerSecret,
          },
        },
      ],
    };
    const engine = createSyncEngine({
      config,
      balance: createBalanceClient({
        connection: balanceSim.onPrem,
        ...balanceSim.credentials,
        exchangeUid: balanceSim.exchangeUid,
      }),
      woo: () =>
        createWooCommerceRest({
          url: woo.url,
          consumerKey: woo.keys.default.consumerKey,
          consumerSecret: woo.keys.default.consumerSecret,
        }),
      store,
    });
    await engine.catalog.apply(await engine.catalog.plan({ storeId: STORE, scope: 'items' }));
    const mapped = new Set((await store.products.list(STORE)).map((mapping) => mapping.sku));
    const unlinked = SIMULATOR_PRODUCTS.filter((product) => !mapped.has(product.sku));
    if (unlinked.length > 0)
      throw new Error(`catalog import left ${unlinked.map((p) => p.sku).join(', ')} unlinked`);

    const orders: PlacedOrder[] = [];
    for (let index = 0; index < options.orderCount; index += 1) {
      const first = SIMULATOR_PRODUCTS[index % SIMULATOR_PRODUCTS.length]!;
      const second = SIMULATOR_PRODUCTS[(index + 1) % SIMULATOR_PRODUCTS.length]!;
      const order = await woo.shopper.placeOrder({
        lines: [
          { sku: first.sku, quantity: 1 + (index % 3) },
          ...(index % 2 === 0 ? [{ sku: second.sku, quantity: 1 + (index % 5) }] : []),
        ],
        ...(index % 5 === 0
          ? { shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' } }
          : {}),
        ...(index % 7 === 0 ? { coupon: { code: 'multi10', type: 'percent', amount: 10 } } : {}),
        paymentMethod: 'card',
        paid: true,
      });
      orders.push({ id: order.id, number: order.number, total: order.total });
    }
    return { woo, balanceSim, store, config, orders, close };
  } catch (error) {
    await close();
    throw error;
  }
}
