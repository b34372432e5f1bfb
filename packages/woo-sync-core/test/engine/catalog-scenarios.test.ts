// Scenarios of issue #4 against both simulators: the Balance simulator through the Balance
// client, the WooCommerce simulator through the REST adapter. Each test starts from a store
// and a Balance the SDK has never seen.
import type { WooCommerceRest } from '@balance-sync/adapters/woocommerce';
import { createBalanceSimulator } from '@balance-sync/balance-client/testing';
import {
  type CatalogPlan,
  createSyncEngine,
  type WooCommercePort,
  type WooProduct,
} from '@balance-sync/woo-sync-core';
import { InMemorySyncStore, ManualClock } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import {
  createSimulatorWorld,
  type SimulatorWorld,
  wooOverRest,
  writesOf,
} from './catalog-simulators.js';
import { allProducts, seedConfig, simulatorClient } from './catalog-world.js';

async function importAll(world: SimulatorWorld, scope: 'items' | 'stocks' = 'items') {
  const plan = await world.engine.catalog.plan({ storeId: 'main', scope });
  const result = await world.engine.catalog.apply(plan);
  return { plan, result };
}

function bySku(products: WooProduct[], sku: string): WooProduct | undefined {
  return products.find((p) => p.sku === sku);
}

describe('catalog import against the Balance and WooCommerce simulators', () => {
  it('first import: dry run counts, drafts, adoption of existing products, skips and conflicts with reasons', async () => {
    const world = createSimulatorWorld();
    const { wooSim, woo, engine, balanceSim } = world;
    const existing = wooSim.seed.product({
      sku: 'HH-001',
      name: 'Detergent 1L',
      regular_price: '10.00',
      status: 'publish',
    });
    const foreign = wooSim.seed.product({
      sku: 'HH-002',
      name: 'Sponge (linked elsewhere)',
      meta_data: [{ key: '_balance_uid', value: '99999999-9999-4999-8999-999999999999' }],
    });

    const plan = await engine.catalog.plan({ storeId: 'main' });
    expect(writesOf(wooSim)).toEqual([]); // the dry run writes nothing
    expect(plan.summary).toMatchObject({
      create: 14,
      adopt: 0,
      skip: 6,
      conflict: 4,
      reasons: {
        'service-item': 3,
        'excluded-group': 1,
        'no-sku': 1,
        'missing-price': 1,
        'duplicate-sku-in-balance': 2,
        'sku-owned-by-other-item': 1,
        'store-value-differs': 1,
      },
    });
    const entry = (sku: string) => plan.entries.find((e) => e.sku === sku);
    expect(entry('HH-001')).toMatchObject({
      kind: 'conflict',
      reason: 'store-value-differs',
      links: true,
    });
    expect(entry('HH-002')).toMatchObject({ kind: 'conflict', reason: 'sku-owned-by-other-item' });
    expect(entry('DELIVERY')?.reason).toBe('service-item');
    expect(plan.toText()).toContain('HH-001  სარეცხი საშუალება 1ლ → #');

    const { result } = await world.engine.catalog.apply(plan).then((r) => ({ result: r }));
    expect(result).toMatchObject({ status: 'succeeded', counts: { created: 14, adopted: 1 } });

    const products = await allProducts(woo);
    expect(
      products
        .filter((p) => p.id !== existing.id && p.id !== foreign.id)
        .every((p) => p.status === 'draft'),
    ).toBe(true);
    // Adopted: linked, Balance's price and stock, its own name and status kept.
    expect(bySku(products, 'HH-001')).toMatchObject({
      id: existing.id,
      status: 'publish',
      name: 'Detergent 1L',
      regularPrice: '11.40',
      manageStock: true,
      stockQuantity: 30,
      meta: expect.arrayContaining([
        { key: '_balance_uid', value: balanceSim.seed.items.detergent },
      ]),
    });
    // Created: a draft with price, sale, stock and the link.
    expect(bySku(products, 'CF-001')).toMatchObject({
      status: 'draft',
      name: 'ყავა ესპრესო 250გ',
      regularPrice: '18.90',
      salePrice: '15.90',
      manageStock: true,
      stockQuantity: 38,
    });
    expect(bySku(products, 'DELIVERY')).toBeUndefined();
    expect(bySku(products, 'EXP-001')).toBeUndefined();
    expect(products.filter((p) => p.sku === 'TE-001')).toEqual([]);
  });

  it('an immediate second run writes nothing (request log)', async () => {
    const world = createSimulatorWorld();
    await importAll(world);
    world.wooSim.requests.clear();
    const { plan, result } = await importAll(world);
    expect(plan.summary.productWrites).toBe(0);
    expect(result.counts).toMatchObject({ created: 0, updated: 0, adopted: 0, failed: 0 });
    expect(writesOf(world.wooSim)).toEqual([]);
    expect(world.wooSim.requests.size).toBeGreaterThan(0); // it did read
    // The stock import on top writes nothing either.
    await importAll(world, 'stocks');
    expect(writesOf(world.wooSim)).toEqual([]);
  });

  it.each([
    [
      'single',
      (s: ReturnType<typeof createBalanceSimulator>) => ({
        mode: 'single',
        warehouse: s.seed.warehouses.main,
      }),
      { 'CF-001': 38, 'HH-001': 30, 'HH-002': 0, 'CF-004': 3, 'TE-002': 22 },
    ],
    [
      'aggregate',
      (s: ReturnType<typeof createBalanceSimulator>) => ({
        mode: 'aggregate',
        warehouses: [s.seed.warehouses.main, s.seed.warehouses.vake, s.seed.warehouses.saburtalo],
      }),
      { 'CF-001': 43, 'HH-001': 33, 'HH-002': 20, 'CF-004': 3, 'TE-002': 22 },
    ],
  ] as const)('stock mode %s', async (_mode, stock, expected) => {
    const world = createSimulatorWorld({
      config: (sim) => seedConfig(sim, { catalog: { stock: stock(sim) } }),
    });
    await importAll(world);
    const products = await allProducts(world.woo);
    for (const [sku, quantity] of Object.entries(expected)) {
      expect(bySku(products, sku)?.stockQuantity, sku).toBe(quantity);
    }
  });

  it('stock mode per-store: each store gets the stock of its own warehouses', async () => {
    const clock = new ManualClock('2025-12-01T08:00:00Z');
    const balanceSim = createBalanceSimulator({ clock });
    const vake = wooOverRest(clock);
    const saburtalo = wooOverRest(clock);
    const base = seedConfig(balanceSim, { catalog: { stock: { mode: 'per-store' } } });
    const storeBase = base.stores[0]!;
    const engine = createSyncEngine({
      config: {
        ...base,
        stores: [
          { ...storeBase, id: 'vake', stockWarehouses: [balanceSim.seed.warehouses.vake] },
          {
            ...storeBase,
            id: 'saburtalo',
            stockWarehouses: [balanceSim.seed.warehouses.saburtalo],
          },
        ],
      },
      balance: simulatorClient(balanceSim),
      woo: (storeId) => (storeId === 'vake' ? vake.woo : saburtalo.woo),
      store: new InMemorySyncStore(),
      clock,
    });
    for (const storeId of ['vake', 'saburtalo']) {
      await engine.catalog.apply(await engine.catalog.plan({ storeId }));
    }
    const vakeProducts = await allProducts(vake.woo);
    const saburtaloProducts = await allProducts(saburtalo.woo);
    // espresso: Vake 6 − 1; Saburtalo 0. Green tea bags: Vake none. Sponge: Saburtalo 20.
    expect(bySku(vakeProducts, 'CF-001')?.stockQuantity).toBe(5);
    expect(bySku(saburtaloProducts, 'CF-001')?.stockQuantity).toBe(0);
    expect(bySku(vakeProducts, 'HH-002')?.stockQuantity).toBe(0);
    expect(bySku(saburtaloProducts, 'HH-002')?.stockQuantity).toBe(20);
    expect(bySku(vakeProducts, 'HH-001')?.stockQuantity).toBe(3);
  });

  it('sale windows across a time-zone boundary, and the sale cron causes no rewrites', async () => {
    const world = createSimulatorWorld({ now: '2025-12-18T12:00:00Z' });
    const { balanceSim, wooSim, clock } = world;
    const { seed } = balanceSim;
    // Replace the seed's sale: 20 Dec 02:00 Tbilisi (= 19 Dec 22:00 UTC) until 5 Jan 00:00.
    balanceSim.state.itemPricing.delete(seed.itemPricing.sale);
    balanceSim.upsertItemPricing({
      PriceType: seed.priceTypes.sale,
      Date: '2025-12-20T02:00:00',
      Items: [{ Item: seed.items.espresso, Price: '14.99' }],
    });
    balanceSim.upsertItemPricing({
      PriceType: seed.priceTypes.sale,
      Date: '2026-01-05T00:00:00',
      Items: [{ Item: seed.items.espresso, Price: '0' }],
    });

    await importAll(world);
    const espresso = bySku(await allProducts(world.woo), 'CF-001') as WooProduct;
    expect(espresso).toMatchObject({
      salePrice: '14.99',
      saleFrom: '2025-12-19T22:00:00Z',
      saleTo: '2026-01-04T20:00:00Z',
    });
    // In the store's own time zone (Asia/Tbilisi) the window starts on the 20th.
    const raw = wooSim.read.product(espresso.id, 'edit');
    expect(raw.date_on_sale_from).toBe('2025-12-20T02:00:00');
    expect(raw.date_on_sale_from_gmt).toBe('2025-12-19T22:00:00');

    // The sale starts: WooCommerce's cron clears the start date. No rewrite.
    clock.set('2025-12-19T23:00:00Z');
    wooSim.tick();
    expect(wooSim.read.product(espresso.id, 'edit').date_on_sale_from_gmt).toBeNull();
    wooSim.requests.clear();
    const running = await importAll(world);
    expect(running.plan.summary.productWrites).toBe(0);
    expect(writesOf(wooSim)).toEqual([]);

    // The sale ends: the cron clears price and dates. No rewrite either.
    clock.set('2026-01-05T06:00:00Z');
    wooSim.tick();
    expect(wooSim.read.product(espresso.id, 'edit').sale_price).toBe('');
    const ended = await importAll(world);
    expect(ended.plan.summary.productWrites).toBe(0);
    expect(writesOf(wooSim)).toEqual([]);
  });

  it('an expired window clears the sale in the store', async () => {
    const world = createSimulatorWorld({ now: '2025-12-01T08:00:00Z' });
    await importAll(world);
    const { balanceSim, clock } = world;
    // The seed's sale (from 24.11.2025) gets an end on 10.12.2025; the cron does not run.
    balanceSim.upsertItemPricing({
      PriceType: balanceSim.seed.priceTypes.sale,
      Date: '2025-12-10T00:00:00',
      Items: [{ Item: balanceSim.seed.items.espresso, Price: '0' }],
    });
    clock.set('2025-12-11T08:00:00Z');
    const { plan } = await importAll(world);
    expect(plan.entries.find((e) => e.sku === 'CF-001')?.write?.fields).toEqual({
      salePrice: '',
      saleFrom: null,
      saleTo: null,
    });
    expect(bySku(await allProducts(world.woo), 'CF-001')?.salePrice).toBe('');
  });

  it('ownership: a manual edit is a conflict under balance-unless-edited, overwritten under balance', async () => {
    for (const mode of ['balance-unless-edited', 'balance'] as const) {
      const world = createSimulatorWorld({
        config: (sim) =>
          seedConfig(sim, { catalog: { ownership: { name: mode, regularPrice: mode } } }),
      });
      await importAll(world);
      const espresso = bySku(await allProducts(world.woo), 'CF-001') as WooProduct;
      await world.wooSim.admin.editProduct(espresso.id, {
        name: 'Espresso (edited)',
        regular_price: '21.00',
      });
      world.balanceSim.setPrice({
        item: world.balanceSim.seed.items.espresso,
        priceType: world.balanceSim.seed.priceTypes.retail,
        price: '19.50',
      });
      world.balanceSim.updateItem(world.balanceSim.seed.items.espresso, {
        Name: 'ყავა ესპრესო 250გ (ახალი)',
      });
      const { plan } = await importAll(world);
      const entry = plan.entries.find((e) => e.sku === 'CF-001');
      const after = bySku(await allProducts(world.woo), 'CF-001');
      if (mode === 'balance') {
        expect(entry?.kind).toBe('update');
        expect(after).toMatchObject({ name: 'ყავა ესპრესო 250გ (ახალი)', regularPrice: '19.50' });
      } else {
        expect(entry).toMatchObject({ kind: 'conflict', reason: 'edited-in-store' });
        expect(entry?.conflicts?.map((c) => c.field).sort()).toEqual(['name', 'regularPrice']);
        expect(after).toMatchObject({ name: 'Espresso (edited)', regularPrice: '21.00' });
        // Reported again, never overwritten, on the next run.
        const again = await importAll(world);
        expect(again.plan.entries.find((e) => e.sku === 'CF-001')?.kind).toBe('conflict');
        expect(again.plan.summary.productWrites).toBe(0);
      }
    }
  });

  it('names and SKUs the store saves differently (kses, "Product", wc_clean) stay unchanged; a manual rename is still a conflict', async () => {
    for (const mode of ['balance-unless-edited', 'balance'] as const) {
      const world = createSimulatorWorld({
        config: (sim) => seedConfig(sim, { catalog: { ownership: { name: mode } } }),
      });
      const { balanceSim, wooSim } = world;
      const { seed } = balanceSim;
      const add = (Name: string, Code: string) => {
        const added = balanceSim.addItem({
          Name,
          Code,
          Group: seed.groups.coffee,
          ItemType: seed.itemTypes.goods,
        });
        balanceSim.setPrice({ item: added.uid, price: '12.00' });
        balanceSim.setStock({ item: added.uid, warehouse: seed.warehouses.main, quantity: '4' });
        return added.uid;
      };
      const script = add('<script>alert(1)</script>Cold brew <b>1L</b>', 'KS-1');
      const empty = add('', 'KS-2');
      const spaced = add('Filter coffee', 'KS  3'); // wc_clean collapses the inner spaces
      const uids = [script, empty, spaced];

      const first = await importAll(world);
      expect(first.result.failures).toEqual([]);
      const stored = async () => {
        const byUid = new Map(
          (await world.store.products.list('main')).map((m) => [m.balanceUid, m.wooId]),
        );
        const products = await allProducts(world.woo);
        return uids.map((u) => products.find((p) => p.id === byUid.get(u)));
      };
      const [scriptProduct, emptyProduct, spacedProduct] = await stored();
      expect(scriptProduct?.name).toBe('Cold brew <b>1L</b>'); // the simulator's kses
      expect(emptyProduct?.name).toBe('Product');
      expect(spacedProduct?.sku).toBe('KS 3');
      // The mappings remember what the store stored, and what was sent where it differs.
      const mappings = new Map(
        (await world.store.products.list('main')).map((m) => [m.balanceUid, m]),
      );
      expect(mappings.get(script)?.lastPushed).toMatchObject({
        name: 'Cold brew <b>1L</b>',
        sent: { name: '<script>alert(1)</script>Cold brew <b>1L</b>' },
      });
      expect(mappings.get(empty)?.lastPushed).toMatchObject({
        name: 'Product',
        sent: { name: '' },
      });
      expect(mappings.get(spaced)).toMatchObject({
        sku: 'KS 3',
        lastPushed: { sent: { sku: 'KS  3' } },
      });
      expect(mappings.get(spaced)?.lastPushed.sent?.name).toBeUndefined();

      wooSim.requests.clear();
      const second = await importAll(world);
      for (const u of uids) {
        const entry = second.plan.entries.find((e) => e.balanceUid === u);
        expect({ sku: entry?.sku, kind: entry?.kind, record: entry?.record }).toEqual({
          sku: entry?.sku,
          kind: 'unchanged',
          record: undefined,
        });
      }
      expect(second.plan.summary.productWrites).toBe(0);
      expect(second.plan.summary.conflict).toBe(first.plan.summary.conflict);
      expect(writesOf(wooSim)).toEqual([]);

      // A person renames one of them: an edit under balance-unless-edited, overwritten under balance.
      await wooSim.admin.editProduct(scriptProduct?.id as number, { name: 'Cold brew (ours)' });
      const third = await importAll(world);
      const entry = third.plan.entries.find((e) => e.balanceUid === script);
      if (mode === 'balance') {
        expect(entry?.kind).toBe('update');
        expect((await stored())[0]?.name).toBe('Cold brew <b>1L</b>');
      } else {
        expect(entry).toMatchObject({ kind: 'conflict', reason: 'edited-in-store' });
        expect(entry?.conflicts).toEqual([
          {
            field: 'name',
            store: 'Cold brew (ours)',
            lastPushed: 'Cold brew <b>1L</b>',
            balance: '<script>alert(1)</script>Cold brew <b>1L</b>',
          },
        ]);
        expect((await stored())[0]?.name).toBe('Cold brew (ours)');
      }
      expect(third.plan.summary.productWrites).toBe(mode === 'balance' ? 1 : 0);
    }
  });

  it('missing-item policy "draft": unpublishes a product whose item is gone, only after a complete read', async () => {
    const world = createSimulatorWorld({
      config: (sim) => seedConfig(sim, { catalog: { missingItems: 'draft' } }),
    });
    await importAll(world);
    const sponge = bySku(await allProducts(world.woo), 'HH-002') as WooProduct;
    await world.wooSim.admin.editProduct(sponge.id, { status: 'publish' });
    world.balanceSim.removeItem(world.balanceSim.seed.items.sponge);

    // A failing read: no plan, nothing unpublished.
    world.balanceSim.faults.set({ serverError: { templates: ['Items'], status: 500, times: 1 } });
    await expect(world.engine.catalog.plan({ storeId: 'main' })).rejects.toMatchObject({
      code: 'catalog_read_failed',
    });
    expect(world.wooSim.read.product(sponge.id, 'edit').status).toBe('publish');

    const { plan } = await importAll(world);
    expect(plan.entries.find((e) => e.reason === 'missing-in-balance')).toMatchObject({
      kind: 'update',
      wooId: sponge.id,
    });
    expect(world.wooSim.read.product(sponge.id, 'edit').status).toBe('draft');
  });

  it('a crash mid-apply, then a re-run, finishes without a duplicate product', async () => {
    let calls = 0;
    let crashOn = 2;
    const crashing = (woo: WooCommerceRest): WooCommercePort => ({
      batchLimit: woo.batchLimit,
      categories: woo.categories,
      orders: woo.orders,
      refunds: woo.refunds,
      products: {
        list: (query) => woo.products.list(query),
        getByIds: (ids) => woo.products.getByIds(ids),
        findBySkus: (skus) => woo.products.findBySkus(skus),
        batch: async (batch) => {
          calls += 1;
          const result = await woo.products.batch(batch);
          if (calls === crashOn) throw new Error('worker killed after the store applied the batch');
          return result;
        },
      },
    });
    const world = createSimulatorWorld({ seedItems: 260, port: crashing });
    const plan: CatalogPlan = await world.engine.catalog.plan({ storeId: 'main' });
    await expect(world.engine.catalog.apply(plan, { concurrency: 1 })).rejects.toMatchObject({
      code: 'catalog_apply_failed',
    });
    expect((await allProducts(world.woo)).length).toBe(200);

    crashOn = 0;
    const result = await world.engine.catalog.apply(plan);
    expect(result.failures).toEqual([]);
    const products = await allProducts(world.woo);
    expect(products.length).toBe(plan.summary.create);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    world.wooSim.requests.clear();
    const again = await importAll(world);
    expect(again.plan.summary.productWrites).toBe(0);
    expect(writesOf(world.wooSim)).toEqual([]);
  });

  it('a cut-off batch (no response) is recovered without duplicates', async () => {
    const world = createSimulatorWorld({ seedItems: 120 });
    world.wooSim.faults.set({
      type: 'cut-off-batch',
      afterItems: 40,
      match: { method: 'POST', path: '/wp-json/wc/v3/products/batch' },
      times: 1,
    });
    const { plan, result } = await importAll(world);
    expect(result.failures).toEqual([]);
    const products = await allProducts(world.woo);
    expect(products.length).toBe(plan.summary.create);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
  });

  it('a duplicate-SKU race: a product created after planning is adopted, not duplicated', async () => {
    const world = createSimulatorWorld();
    const plan = await world.engine.catalog.plan({ storeId: 'main' });
    const racer = world.wooSim.seed.product({ sku: 'CF-002', name: 'Arabica (added by hand)' });
    const result = await world.engine.catalog.apply(plan);
    expect(result.failures).toEqual([]);
    expect(result.counts.adopted).toBe(1);
    const products = await allProducts(world.woo);
    expect(products.filter((p) => p.sku === 'CF-002').map((p) => p.id)).toEqual([racer.id]);
    expect(bySku(products, 'CF-002')).toMatchObject({
      regularPrice: '64.00',
      meta: expect.arrayContaining([
        { key: '_balance_uid', value: world.balanceSim.seed.items.arabicaBeans },
      ]),
    });
  });

  it('categories: mapped groups, an existing category adopted by name, missing ones created parents first', async () => {
    const world = createSimulatorWorld({
      config: (sim) =>
        seedConfig(sim, {
          catalog: { createCategories: true },
          store: { categories: { excludedGroups: [sim.seed.groups.expenses] } },
        }),
    });
    const [beverages] = world.wooSim.seed.categories(['სასმელები']);
    const { plan, result } = await importAll(world);
    expect(
      plan.categories.filter((c) => c.kind !== 'unchanged').map((c) => [c.kind, c.name, c.depth]),
    ).toEqual([
      ['adopt', 'სასმელები', 0],
      ['create', 'საყოფაცხოვრებო საქონელი', 0],
      ['create', 'კვების პროდუქტები', 0],
      ['create', 'ყავა', 0],
      ['create', 'ჩაი', 0],
      ['create', 'ტკბილეული', 1],
    ]);
    expect(result.counts).toMatchObject({ categoriesCreated: 5, categoriesAdopted: 1 });
    const categories = world.wooSim.state.categories;
    const byName = (name: string) => [...categories.values()].find((c) => c.name === name);
    expect(byName('ყავა')?.parent).toBe(beverages?.id);
    expect(byName('ტკბილეული')?.parent).toBe(byName('კვების პროდუქტები')?.id);
    expect([...categories.values()].some((c) => c.name === 'ხარჯები')).toBe(false);
    const espresso = bySku(await allProducts(world.woo), 'CF-001');
    expect(espresso?.categoryIds).toEqual([byName('ყავა')?.id]);

    world.wooSim.requests.clear();
    const again = await importAll(world);
    expect(again.plan.summary.categories).toMatchObject({ create: 0, adopt: 0 });
    expect(writesOf(world.wooSim)).toEqual([]);
  });
});
