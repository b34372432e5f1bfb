import {
  CatalogError,
  type CatalogItemEvent,
  CatalogPlan,
  type CatalogProgressEvent,
  ConfigError,
  createSyncEngine,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import { InMemorySyncStore, InMemoryWooCommerce } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import { allProducts, createCatalogWorld, seedConfig, simulatorClient } from './catalog-world.js';

/** A port whose Nth product batch is applied by the store, then the process "crashes". */
function crashingOnBatch(inner: InMemoryWooCommerce, crashOn: { call: number }): WooCommercePort {
  let calls = 0;
  return {
    batchLimit: inner.batchLimit,
    categories: inner.categories,
    orders: inner.orders,
    refunds: inner.refunds,
    products: {
      list: (query) => inner.products.list(query),
      getByIds: (ids) => inner.products.getByIds(ids),
      findBySkus: (skus) => inner.products.findBySkus(skus),
      batch: async (batch) => {
        calls += 1;
        const result = await inner.products.batch(batch);
        if (calls === crashOn.call)
          throw new Error('process killed after the store applied the batch');
        return result;
      },
    },
  };
}

describe('engine.catalog against the Balance simulator', () => {
  it('dry run: reports the right counts and writes nothing', async () => {
    const { engine, woo, sim } = createCatalogWorld();
    const plan = await engine.catalog.plan({ storeId: 'main', scope: 'items' });
    expect(plan.summary).toMatchObject({
      create: 16,
      adopt: 0,
      update: 0,
      unchanged: 0,
      skip: 6,
      conflict: 2,
      productWrites: 16,
      reasons: {
        'no-sku': 1,
        'service-item': 3,
        'excluded-group': 1,
        'missing-price': 1,
        'duplicate-sku-in-balance': 2,
      },
    });
    const bySku = (sku: string) => plan.entries.find((e) => e.sku === sku);
    expect(bySku('DELIVERY')?.reason).toBe('service-item');
    expect(bySku('EXP-001')?.reason).toBe('excluded-group');
    expect(bySku('TE-003')?.reason).toBe('missing-price');
    expect(woo.batchCalls).toEqual([]);
    expect(sim.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('imports drafts, adopts by SKU, and a second run writes nothing', async () => {
    const { engine, woo, store, sim } = createCatalogWorld();
    const existing = await woo.seed.addProduct({
      sku: 'cf-002',
      name: 'Arabica beans 1kg',
      status: 'publish',
      regularPrice: '60.00',
    });
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const adopt = plan.entries.find((e) => e.sku === 'CF-002');
    expect(adopt).toMatchObject({
      kind: 'conflict',
      reason: 'store-value-differs',
      wooId: existing.id,
    });

    const result = await engine.catalog.apply(plan);
    expect(result).toMatchObject({
      status: 'succeeded',
      counts: { created: 15, adopted: 1, failed: 0 },
    });
    const products = await allProducts(woo);
    expect(products).toHaveLength(16);
    const mine = products.filter((p) => p.id !== existing.id);
    expect(mine.every((p) => p.status === 'draft')).toBe(true);
    const espresso = products.find((p) => p.sku === 'CF-001');
    expect(espresso).toMatchObject({
      regularPrice: '18.90',
      salePrice: '15.90',
      saleFrom: null,
      saleTo: null,
      manageStock: true,
      stockQuantity: 38,
      meta: [{ key: '_balance_uid', value: sim.seed.items.espresso }],
    });
    // The adopted product keeps its status and name, gets Balance's price, stock and link.
    const adopted = products.find((p) => p.id === existing.id);
    expect(adopted).toMatchObject({
      status: 'publish',
      name: 'Arabica beans 1kg',
      sku: 'CF-002',
      regularPrice: '64.00',
      stockQuantity: 12,
      meta: [{ key: '_balance_uid', value: sim.seed.items.arabicaBeans }],
    });
    expect((await store.products.list('main')).length).toBe(16);

    const callsBefore = woo.batchCalls.length;
    const again = await engine.catalog.plan({ storeId: 'main' });
    expect(again.summary).toMatchObject({
      create: 0,
      update: 0,
      adopt: 0,
      productWrites: 0,
      unchanged: 15,
    });
    // The adopted product's name stays a reported conflict, with no write.
    expect(again.entries.find((e) => e.sku === 'CF-002')).toMatchObject({
      kind: 'conflict',
      reason: 'store-value-differs',
    });
    await engine.catalog.apply(again);
    expect(woo.batchCalls.length).toBe(callsBefore);
  });

  it('sends at most 100 items per batch call, several calls at a time', async () => {
    const { engine, woo } = createCatalogWorld({ seedItems: 350 });
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const result = await engine.catalog.apply(plan, { concurrency: 3 });
    expect(result.counts.created).toBe(plan.summary.create);
    const sizes = woo.batchCalls.map((c) => c.size);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.length).toBe(Math.ceil(plan.summary.create / 100));
  });

  it('refuses a plan whose Balance inputs changed since it was made', async () => {
    const { engine, woo, sim } = createCatalogWorld();
    const plan = await engine.catalog.plan({ storeId: 'main' });
    sim.setPrice({
      item: sim.seed.items.espresso,
      priceType: sim.seed.priceTypes.retail,
      price: '19.90',
    });
    const error = await engine.catalog.apply(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).toMatchObject({
      code: 'catalog_plan_stale',
      details: { changed: ['Balance data'] },
    });
    expect(woo.batchCalls).toEqual([]);
  });

  it('refuses a plan when a product it updates was edited in the store', async () => {
    const { engine, woo, sim } = createCatalogWorld();
    await engine.catalog.apply(await engine.catalog.plan({ storeId: 'main' }));
    sim.setPrice({
      item: sim.seed.items.espresso,
      priceType: sim.seed.priceTypes.retail,
      price: '19.90',
    });
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const entry = plan.entries.find((e) => e.kind === 'update');
    expect(entry?.write?.fields).toEqual({ regularPrice: '19.90' });
    await woo.products.batch({
      update: [{ id: entry?.wooId as number, name: 'edited meanwhile' }],
    });
    const error = await engine.catalog.apply(plan).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'catalog_plan_stale' });
    expect((error as CatalogError).message).toContain(`#${entry?.wooId}`);
  });

  it('applies a plan read back from JSON, and rejects an edited one', async () => {
    const { engine } = createCatalogWorld();
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const json = JSON.parse(JSON.stringify(plan));
    const tampered = structuredClone(json);
    tampered.entries[0].name = 'changed';
    await expect(engine.catalog.apply(tampered)).rejects.toMatchObject({
      code: 'catalog_plan_invalid',
    });
    const result = await engine.catalog.apply(CatalogPlan.fromJSON(json));
    expect(result.counts.created).toBe(16);
  });

  it('finishes a crashed apply without a duplicate product (same plan, or a new plan)', async () => {
    for (const resume of ['same-plan', 'new-plan'] as const) {
      const crash = { call: 2 };
      const world = createCatalogWorld({
        seedItems: 250,
        woo: (inner) => crashingOnBatch(inner, crash),
      });
      const plan = await world.engine.catalog.plan({ storeId: 'main' });
      const error = await world.engine.catalog
        .apply(plan, { concurrency: 1 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'catalog_apply_failed' });
      const afterCrash = await allProducts(world.woo);
      expect(afterCrash.length).toBe(200); // two batches reached the store

      crash.call = 0;
      const next =
        resume === 'same-plan' ? plan : await world.engine.catalog.plan({ storeId: 'main' });
      const result = await world.engine.catalog.apply(next);
      expect(result.failures).toEqual([]);
      const products = await allProducts(world.woo);
      expect(products.length).toBe(plan.summary.create);
      expect(new Set(products.map((p) => p.sku.toLowerCase())).size).toBe(products.length);
      const final = await world.engine.catalog.plan({ storeId: 'main' });
      expect(final.summary.productWrites).toBe(0);
      expect(final.summary.unchanged).toBe(plan.summary.create);
    }
  });

  it('adopts the owner named by WooCommerce when a create meets a product that appeared since planning', async () => {
    const { engine, woo, store, sim } = createCatalogWorld();
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const racer = await woo.seed.addProduct({ sku: 'CF-002', name: 'ყავა არაბიკა მარცვალი 1კგ' });
    const events: CatalogItemEvent[] = [];
    engine.catalog.events.on('item', (e) => events.push(e));
    const result = await engine.catalog.apply(plan);
    expect(result.failures).toEqual([]);
    expect(result.counts).toMatchObject({ created: 15, adopted: 1 });
    expect(events.find((e) => e.sku === 'CF-002')).toMatchObject({
      outcome: 'adopted',
      wooId: racer.id,
    });
    const products = await allProducts(woo);
    expect(products.filter((p) => p.sku === 'CF-002')).toHaveLength(1);
    expect(products.find((p) => p.id === racer.id)).toMatchObject({
      regularPrice: '64.00',
      meta: [{ key: '_balance_uid', value: sim.seed.items.arabicaBeans }],
    });
    const mapping = (await store.products.list('main')).find(
      (m) => m.balanceUid === sim.seed.items.arabicaBeans,
    );
    expect(mapping?.wooId).toBe(racer.id);
  });

  it('emits planned, item, progress and applied events', async () => {
    const { engine } = createCatalogWorld({ seedItems: 150 });
    const seen: string[] = [];
    const progress: CatalogProgressEvent[] = [];
    engine.catalog.events.on('planned', (e) => seen.push(`planned:${e.summary.create}`));
    engine.catalog.events.on('progress', (e) => progress.push(e));
    engine.catalog.events.on('applied', (e) => seen.push(`applied:${e.status}`));
    let items = 0;
    engine.catalog.events.on('item', () => {
      items += 1;
    });
    const plan = await engine.catalog.plan({ storeId: 'main' });
    await engine.catalog.apply(plan);
    expect(seen).toEqual([`planned:${plan.summary.create}`, 'applied:succeeded']);
    expect(items).toBe(plan.summary.create);
    expect(progress.at(-1)).toMatchObject({
      done: plan.summary.create,
      total: plan.summary.create,
    });
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );
  });

  it('fails the whole plan when a Balance read fails', async () => {
    const { engine, woo, sim, store } = createCatalogWorld();
    sim.faults.set({ serverError: { templates: ['Stocks'], status: 503 } });
    const error = await engine.catalog.plan({ storeId: 'main' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'catalog_read_failed',
      details: { read: 'Balance stock' },
    });
    expect(woo.batchCalls).toEqual([]);
    const [report] = await store.runs.list('main', { kind: 'catalog-plan' });
    expect(report?.status).toBe('failed');
  });

  it('rejects a bad configuration with every bad path at once', () => {
    const { sim } = createCatalogWorld();
    const config = seedConfig(sim, {
      catalog: { stock: { mode: 'aggregate', warehouses: [] }, missingItems: 'delete' },
    });
    let error: unknown;
    try {
      createSyncEngine({
        config,
        balance: simulatorClient(sim),
        woo: new InMemoryWooCommerce(),
        store: new InMemorySyncStore(),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path).sort()).toEqual([
      'catalog.missingItems',
      'catalog.stock.warehouses',
    ]);
  });

  it('does not put sold units back on sale between payment and export', async () => {
    for (const subtract of [true, false]) {
      const { engine, woo, sim, store } = createCatalogWorld({
        config: (simulator) =>
          seedConfig(simulator, {
            orders: {},
            catalog: {
              stock: {
                mode: 'single',
                warehouse: simulator.seed.warehouses.main,
                subtractUnexportedOrders: subtract,
              },
            },
          }),
      });
      await engine.catalog.apply(await engine.catalog.plan({ storeId: 'main' }));
      const espresso = (await allProducts(woo)).find((p) => p.sku === 'CF-001');
      expect(espresso?.stockQuantity).toBe(38);
      const order = await woo.seed.placeOrder({
        status: 'processing',
        lines: [{ productId: espresso?.id as number, quantity: 3, total: '56.70' }],
      });
      expect((await woo.products.getByIds([espresso?.id as number]))[0]?.stockQuantity).toBe(35);

      // Paid, not yet in Balance: Balance still says 38.
      const beforeExport = await engine.catalog.plan({ storeId: 'main', scope: 'stocks' });
      const entry = beforeExport.entries.find((e) => e.sku === 'CF-001');
      if (subtract) {
        expect(entry?.kind).toBe('unchanged');
      } else {
        // Without the subtraction the import would re-inflate the stock.
        expect(entry?.write?.fields).toEqual({ manageStock: true, stockQuantity: 38 });
        continue;
      }

      // Exported: the ledger says so and Balance's quantity went down.
      await store.ledger.insert({
        storeId: 'main',
        key: `sale:${order.id}`,
        uid: '6f0c1c2e-1111-4a3b-9c0d-1234567890ab',
        kind: 'sale',
        orderId: order.id,
        refundId: null,
        template: 'Sale',
        payloadHash: 'x',
        payload: {},
        totalMinor: 5670,
        currency: 'GEL',
        state: 'exported',
        attempts: 1,
        lastError: null,
        drift: null,
        createdAt: '2025-12-01T08:00:00Z',
        updatedAt: '2025-12-01T08:00:00Z',
        exportedAt: '2025-12-01T08:00:00Z',
      });
      sim.setStock({
        item: sim.seed.items.espresso,
        warehouse: sim.seed.warehouses.main,
        quantity: '37',
        reserve: '2',
      });
      const afterExport = await engine.catalog.plan({ storeId: 'main', scope: 'stocks' });
      expect(afterExport.summary.productWrites).toBe(0);
    }
  });

  it('applies the missing-item policy only to linked products whose item is gone', async () => {
    const { engine, woo, sim } = createCatalogWorld({
      config: (simulator) => seedConfig(simulator, { catalog: { missingItems: 'out-of-stock' } }),
    });
    await engine.catalog.apply(await engine.catalog.plan({ storeId: 'main' }));
    sim.removeItem(sim.seed.items.detergent);
    const plan = await engine.catalog.plan({ storeId: 'main' });
    const missing = plan.entries.filter((e) => e.reason === 'missing-in-balance');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      sku: 'HH-001',
      kind: 'update',
      write: { fields: { stockQuantity: 0 } },
    });
    await engine.catalog.apply(plan);
    expect((await allProducts(woo)).find((p) => p.sku === 'HH-001')?.stockQuantity).toBe(0);
    const again = await engine.catalog.plan({ storeId: 'main' });
    expect(again.summary.productWrites).toBe(0);
  });
});
