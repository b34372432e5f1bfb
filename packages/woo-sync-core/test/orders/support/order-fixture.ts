import { type BalanceClient, createBalanceClient } from '@balance-sync/balance-client';
import {
  type BalanceSimulator,
  createBalanceSimulator,
} from '@balance-sync/balance-client/testing';
import {
  createEngineContext,
  createOrderExportService,
  type JobQueue,
  type OrderExportEventMap,
  type OrderExportService,
  type SyncConfigInput,
  type SyncStore,
  type WooCommercePort,
  type WooProduct,
} from '@balance-sync/woo-sync-core';
import {
  InMemorySyncStore,
  InMemoryWooCommerce,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';

export const STORE_ID = 'main';

/** Products of the test store, each linked to a Balance item of the simulator seed. */
export interface FixtureProducts {
  espresso: WooProduct;
  beans: WooProduct;
  detergent: WooProduct;
  sponge: WooProduct;
  /** Not linked to any Balance item. */
  unmapped: WooProduct;
}

/** One recorded event: its name and payload. */
export type RecordedEvent = {
  [K in keyof OrderExportEventMap]: { name: K; event: OrderExportEventMap[K][0] };
}[keyof OrderExportEventMap];

export interface OrderFixture {
  sim: BalanceSimulator;
  balance: BalanceClient;
  woo: InMemoryWooCommerce;
  store: InMemorySyncStore;
  clock: ManualClock;
  products: FixtureProducts;
  orders: OrderExportService;
  events: RecordedEvent[];
  config: SyncConfigInput;
  /** A fresh service (a restarted process) on the same Balance, store and storage. */
  restart(options?: ServiceOptions): OrderExportService;
  /** A service over other (e.g. crashing) ports, sharing everything else. */
  service(options?: ServiceOptions): OrderExportService;
}

export interface ServiceOptions {
  balance?: BalanceClient;
  woo?: WooCommercePort;
  store?: SyncStore;
  queue?: JobQueue;
  waitForSaleMs?: number;
}

export interface FixtureOptions {
  orders?: Partial<NonNullable<SyncConfigInput['orders']>>;
  /** Balance client retry options (default: no client-side retries, the queue retries). */
  retry?: false | { limit: number; backoffMs?: number; maxDelayMs?: number };
  /** A Balance client of your own (e.g. through msw); the simulator is still created. */
  balance?: (sim: BalanceSimulator) => BalanceClient;
}

/**
 * A Balance simulator (in-process fetch), an in-memory store and storage, four mapped
 * products, and the order export service over them.
 */
export function createOrderFixture(options: FixtureOptions = {}): OrderFixture {
  const sim = createBalanceSimulator();
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const balance =
    options.balance?.(sim) ??
    createBalanceClient({
      connection: { mode: 'onprem', baseUrl: 'http://balance.test' },
      username: sim.credentials.username,
      password: sim.credentials.password,
      fetch: (input, init) => sim.fetch(input, init),
      retry: options.retry ?? false,
    });
  const woo = new InMemoryWooCommerce({ clock });
  const store = new InMemorySyncStore();
  const config: SyncConfigInput = {
    balance: {
      connection: { mode: 'onprem', baseUrl: 'http://balance.test' },
      username: sim.credentials.username,
      password: sim.credentials.password,
    },
    catalog: {
      stock: { mode: 'single', warehouse: sim.seed.warehouses.main },
      prices: { regularPriceType: sim.seed.priceTypes.retail },
    },
    orders: {
      customer: { mode: 'retail', retailClient: sim.seed.retailClientUid },
      warehouse: sim.seed.warehouses.main,
      shippingItem: sim.seed.shippingItemUid,
      feeItem: sim.seed.feeItemUid,
      ...options.orders,
    },
    stores: [
      {
        id: STORE_ID,
        woocommerce: { url: 'https://shop.example.ge', consumerKey: 'ck', consumerSecret: 'cs' },
      },
    ],
  };
  const events: RecordedEvent[] = [];
  const service = (overrides: ServiceOptions = {}) => {
    const context = createEngineContext({
      config,
      balance: overrides.balance ?? balance,
      woo: overrides.woo ?? woo,
      store: overrides.store ?? store,
      clock,
    });
    const orders = createOrderExportService(context, {
      queue: overrides.queue,
      waitForSaleMs: overrides.waitForSaleMs ?? 1_000,
    });
    for (const name of [
      'pending',
      'sent',
      'exported',
      'failed',
      'retrying',
      'dead',
      'drift',
      'dry-run',
      'waiting',
      'swept',
      'reconciled',
    ] as const) {
      const record = (event: unknown) => events.push({ name, event } as RecordedEvent);
      orders.events.on(name, record as (...args: unknown[]) => void);
    }
    return orders;
  };
  const products = {} as FixtureProducts;
  const fixture: OrderFixture = {
    sim,
    balance,
    woo,
    store,
    clock,
    products,
    events,
    config,
    orders: service(),
    restart: (overrides) => service(overrides),
    service,
  };
  return fixture;
}

/** Seeds the four mapped products (and one unmapped) into the store and the mappings. */
export async function seedProducts(fixture: OrderFixture): Promise<FixtureProducts> {
  const { woo, store, sim, clock } = fixture;
  const add = (sku: string, price: string) => woo.seed.addProduct({ sku, regularPrice: price });
  const espresso = await add('CF-001', '18.90');
  const beans = await add('CF-002', '54.00');
  const detergent = await add('HH-001', '7.35');
  const sponge = await add('HH-002', '3.10');
  const unmapped = await add('NOPE-1', '9.99');
  const link = (product: WooProduct, balanceUid: string) => ({
    balanceUid,
    wooId: product.id,
    wooParentId: 0,
    sku: product.sku,
    lastPushed: {},
    updatedAt: clock.now().toISOString(),
  });
  await store.products.upsert(STORE_ID, [
    link(espresso, sim.seed.items.espresso),
    link(beans, sim.seed.items.arabicaBeans),
    link(detergent, sim.seed.items.detergent),
    link(sponge, sim.seed.items.sponge),
  ]);
  Object.assign(fixture.products, { espresso, beans, detergent, sponge, unmapped });
  return fixture.products;
}

/** The simulator's Sales and credit notes, as `{ uid, total, writes }` (totals in tetri). */
export function balanceDocuments(sim: BalanceSimulator) {
  const rows = (map: BalanceSimulator['state']['sales']) =>
    [...map.values()].map((doc) => ({
      uid: doc.uid,
      total: doc.totalTetri,
      writes: doc.writes,
      deleted: doc.deletionMark,
      base: String(doc.body.BaseDocument ?? ''),
    }));
  return { sales: rows(sim.state.sales), credits: rows(sim.state.salesCredits) };
}

/** Waits until the queue has nothing waiting, delayed or active (moving the clock if asked). */
export async function waitForJobs(
  queue: JobQueue,
  options: { timeoutMs?: number; storeId?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const counts = await queue.counts(options.storeId ? { storeId: options.storeId } : {});
    if (counts.waiting + counts.delayed + counts.active === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `queue not idle after ${options.timeoutMs ?? 10_000} ms: ${JSON.stringify(counts)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A Balance client that talks to the simulator through msw (on the simulator's default
 * on-prem origin); install `sim.handlers()` on the msw server before the first call.
 */
export function mswBalanceClient(sim: BalanceSimulator): BalanceClient {
  const { onPrem } = sim.mswConnections();
  return createBalanceClient({
    connection: onPrem,
    username: sim.credentials.username,
    password: sim.credentials.password,
    retry: false,
  });
}

/** `METHOD Template status` of each request the simulator answered. */
export function requestLog(sim: BalanceSimulator): string[] {
  return sim.requests.map((request) => `${request.method} ${request.template} ${request.status}`);
}

/** The names of the recorded events, in order. */
export function eventNames(events: readonly RecordedEvent[]): string[] {
  return events.map((entry) => entry.name);
}
