// How the catalog reads fast without weakening the stale-plan check: Balance's paged lists
// read several packs at a time (in plan and in apply's re-check), and the products a plan
// writes to are read back several chunks at a time.
import { createBalanceClient } from '@balance-sync/balance-client';
import { createBalanceSimulator } from '@balance-sync/balance-client/testing';
import {
  CatalogError,
  CatalogSnapshotReader,
  createSyncEngine,
  parseSyncConfig,
  resolveStoreConfig,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import {
  InMemorySyncStore,
  InMemoryWooCommerce,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import { seedConfig } from './catalog-world.js';

/** Tracks how many requests of a Balance template were in flight at most. */
function flightRecorder() {
  const now = new Map<string, number>();
  const peak = new Map<string, number>();
  return {
    peak: (template: string) => peak.get(template) ?? 0,
    reset: () => peak.clear(),
    async track<T>(template: string, run: () => Promise<T>): Promise<T> {
      now.set(template, (now.get(template) ?? 0) + 1);
      peak.set(template, Math.max(peak.get(template) ?? 0, now.get(template) ?? 0));
      // One macrotask, so that requests sent together overlap.
      await new Promise((resolve) => setTimeout(resolve, 1));
      try {
        return await run();
      } finally {
        now.set(template, (now.get(template) ?? 1) - 1);
      }
    },
  };
}

/** A world whose Balance client goes through a recording fetch. */
function world(seedItems: number) {
  const clock = new ManualClock('2025-12-01T08:00:00Z');
  const sim = createBalanceSimulator({ clock, seed: { items: seedItems } });
  const flight = flightRecorder();
  const balance = createBalanceClient({
    connection: sim.mswConnections().onPrem,
    ...sim.credentials,
    exchangeUid: sim.exchangeUid,
    retry: false,
    fetch: ((input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const template = url.pathname.split('/').pop() ?? '';
      return flight.track(template, () => sim.fetch(input, init));
    }) as typeof fetch,
  });
  const woo = new InMemoryWooCommerce({ clock });
  const store = new InMemorySyncStore();
  const config = seedConfig(sim);
  const engine = createSyncEngine({ config, balance, woo, store, clock });
  return { sim, balance, woo, store, clock, engine, flight, config };
}

const itemsPacks = (sim: ReturnType<typeof createBalanceSimulator>) =>
  sim.requests.filter((r) => r.template === 'Items').map((r) => Number(r.query.Pack));

describe('catalog reads', () => {
  it('reads Balance Items several packs at a time when planning and when re-checking', async () => {
    const { sim, engine, flight } = world(1_800);
    const plan = await engine.catalog.plan({ storeId: 'main' });
    // ~1 850 rows in packs of 500: packs 1–4 hold rows, 5 is empty.
    expect(flight.peak('Items')).toBeGreaterThan(1);
    expect(flight.peak('Items')).toBeLessThanOrEqual(4);
    expect(itemsPacks(sim).slice(0, 1)).toEqual([1]);
    expect(new Set(itemsPacks(sim))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(plan.summary.create).toBeGreaterThan(1_700);

    sim.clearRequests();
    flight.reset();
    const result = await engine.catalog.apply(plan);
    expect(result.status).toBe('succeeded');
    expect(flight.peak('Items')).toBeGreaterThan(1);
    expect(new Set(itemsPacks(sim))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('still refuses a plan when an item in a pack read ahead changed', async () => {
    const { sim, engine, woo } = world(1_800);
    const plan = await engine.catalog.plan({ storeId: 'main' });
    // The last item Balance lists (in pack 4).
    const last = [...sim.state.items.values()].at(-1);
    expect(last).toBeDefined();
    sim.updateItem(last?.uid as string, { Name: 'renamed after planning' });
    const error = await engine.catalog.apply(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).toMatchObject({
      code: 'catalog_plan_stale',
      details: { changed: ['Balance data'] },
    });
    expect(woo.batchCalls).toEqual([]);
  });

  it('reads one pack after another with balancePackConcurrency 1', async () => {
    const { sim, balance, woo, store, clock, flight, config } = world(1_200);
    const reader = new CatalogSnapshotReader({
      config: resolveStoreConfig(parseSyncConfig(config), 'main'),
      balance,
      woo,
      store,
      clock,
      balancePackConcurrency: 1,
    });
    const snapshot = await reader.read('items');
    expect(snapshot.balance.items.length).toBe(sim.state.items.size);
    expect(flight.peak('Items')).toBe(1);
    expect(itemsPacks(sim)).toEqual([1, 2, 3, 4]);
  });

  it('reads back the products a plan updates several chunks at a time and finds an edit in any chunk', async () => {
    const inner = new InMemoryWooCommerce({ clock: new ManualClock('2025-12-01T08:00:00Z') });
    const reads = { now: 0, peak: 0, calls: 0 };
    const woo: WooCommercePort = {
      get batchLimit() {
        return inner.batchLimit;
      },
      categories: inner.categories,
      orders: inner.orders,
      refunds: inner.refunds,
      products: {
        list: (query) => inner.products.list(query),
        findBySkus: (skus) => inner.products.findBySkus(skus),
        batch: (batch) => inner.products.batch(batch),
        getByIds: async (ids) => {
          reads.calls += 1;
          reads.now += 1;
          reads.peak = Math.max(reads.peak, reads.now);
          await new Promise((resolve) => setTimeout(resolve, 2));
          reads.now -= 1;
          return inner.products.getByIds(ids);
        },
      },
    };
    const clock = new ManualClock('2025-12-01T08:00:00Z');
    const sim = createBalanceSimulator({ clock, seed: { items: 450 } });
    const balance = createBalanceClient({
      connection: sim.mswConnections().onPrem,
      ...sim.credentials,
      exchangeUid: sim.exchangeUid,
      retry: false,
      fetch: sim.fetch.bind(sim),
    });
    const engine = createSyncEngine({
      config: seedConfig(sim),
      balance,
      woo,
      store: new InMemorySyncStore(),
      clock,
    });
    await engine.catalog.apply(await engine.catalog.plan({ storeId: 'main' }));
    // A new retail price for every item: the next plan updates every linked product.
    for (const row of [...sim.state.prices.values()]) {
      if (row.PriceType === sim.seed.priceTypes.retail) {
        sim.setPrice({ item: row.Item, priceType: row.PriceType, price: '777.77' });
      }
    }
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const updates = plan.entries.filter((e) => e.expect && e.wooId);
    expect(updates.length).toBeGreaterThan(300);
    // Edit a product the last chunk reads back.
    const edited = updates.at(-1)?.wooId as number;
    await inner.products.batch({ update: [{ id: edited, name: 'edited meanwhile' }] });
    reads.calls = 0;
    reads.peak = 0;
    const error = await engine.catalog.apply(plan).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'catalog_plan_stale' });
    expect((error as CatalogError).details).toMatchObject({ products: [edited] });
    expect(reads.calls).toBe(Math.ceil(updates.length / 100));
    expect(reads.peak).toBeGreaterThan(1);
    expect(reads.peak).toBeLessThanOrEqual(4);
  });
});
