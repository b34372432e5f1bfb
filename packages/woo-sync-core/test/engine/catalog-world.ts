import { type BalanceClient, createBalanceClient } from '@balance-sync/balance-client';
import {
  type BalanceSimulator,
  createBalanceSimulator,
  ITEM_TYPES,
} from '@balance-sync/balance-client/testing';
import {
  createSyncEngine,
  type SyncConfigInput,
  type SyncEngine,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import {
  InMemorySyncStore,
  InMemoryWooCommerce,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';

/** A configuration for the Balance simulator's seed (only the catalog-relevant parts vary). */
export function seedConfig(
  sim: BalanceSimulator,
  overrides: {
    catalog?: Record<string, unknown>;
    store?: Record<string, unknown>;
    orders?: Record<string, unknown>;
  } = {},
): SyncConfigInput {
  const { seed } = sim;
  return {
    balance: {
      connection: { mode: 'onprem', baseUrl: 'http://balance.test' },
      username: sim.credentials.username,
      password: sim.credentials.password,
      exchangeUid: sim.exchangeUid,
    },
    catalog: {
      stock: { mode: 'single', warehouse: seed.warehouses.main },
      prices: {
        regularPriceType: seed.priceTypes.retail,
        sale: { source: 'price-type', priceType: seed.priceTypes.sale },
      },
      services: {
        itemTypeField: 'ItemType',
        serviceValues: [ITEM_TYPES.service],
        serviceGroups: [seed.groups.services],
      },
      ...overrides.catalog,
    } as SyncConfigInput['catalog'],
    ...(overrides.orders
      ? {
          orders: {
            customer: { mode: 'retail', retailClient: seed.clients.retail },
            warehouse: seed.warehouses.main,
            ...overrides.orders,
          } as SyncConfigInput['orders'],
        }
      : {}),
    stores: [
      {
        id: 'main',
        woocommerce: {
          url: 'https://shop.example.ge',
          consumerKey: 'ck_test',
          consumerSecret: 'cs_test',
        },
        categories: { excludedGroups: [seed.groups.expenses] },
        ...overrides.store,
      },
    ],
  };
}

/** A Balance client talking to the simulator in-process (no sockets), without retries. */
export function simulatorClient(sim: BalanceSimulator): BalanceClient {
  return createBalanceClient({
    connection: sim.mswConnections().onPrem,
    ...sim.credentials,
    exchangeUid: sim.exchangeUid,
    fetch: sim.fetch.bind(sim),
    retry: false,
  });
}

export interface CatalogWorld {
  sim: BalanceSimulator;
  balance: BalanceClient;
  woo: InMemoryWooCommerce;
  store: InMemorySyncStore;
  clock: ManualClock;
  engine: SyncEngine;
}

/** Balance simulator + in-memory store and SyncStore + an engine over them. */
export function createCatalogWorld(
  options: {
    now?: string;
    config?: (sim: BalanceSimulator) => SyncConfigInput;
    woo?: (inner: InMemoryWooCommerce) => WooCommercePort;
    seedItems?: number;
  } = {},
): CatalogWorld {
  const clock = new ManualClock(options.now ?? '2025-12-01T08:00:00Z');
  const sim = createBalanceSimulator({
    clock,
    ...(options.seedItems ? { seed: { items: options.seedItems } } : {}),
  });
  const balance = simulatorClient(sim);
  const woo = new InMemoryWooCommerce({ clock });
  const store = new InMemorySyncStore();
  const engine = createSyncEngine({
    config: (options.config ?? seedConfig)(sim),
    balance,
    woo: options.woo ? options.woo(woo) : woo,
    store,
    clock,
  });
  return { sim, balance, woo, store, clock, engine };
}

/** Every product of the in-memory store. */
export async function allProducts(woo: WooCommercePort) {
  const out = [];
  for await (const product of woo.products.list()) out.push(product);
  return out;
}
