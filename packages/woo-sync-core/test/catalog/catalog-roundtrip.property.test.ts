import {
  type BalanceCatalogItem,
  CatalogApplier,
  type CatalogEventMap,
  type CatalogPlan,
  CatalogPlanner,
  type CatalogPlannerConfig,
  type CatalogSnapshot,
  type SyncStore,
  silentLogger,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import {
  InMemorySyncStore,
  InMemoryWooCommerce,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';
import { EventEmitter } from 'eventemitter3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GROUP,
  item,
  ksesLike,
  makeConfig,
  PRICE,
  standardGroups,
  uid,
  WAREHOUSE,
} from './catalog-fixtures.js';

const NOW = '2026-01-10T08:00:00Z';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

async function snapshotOf(
  balance: CatalogSnapshot['balance'],
  woo: WooCommercePort,
  store: SyncStore,
): Promise<CatalogSnapshot> {
  return {
    storeId: 'main',
    scope: 'items',
    balance,
    store: {
      products: await collect(woo.products.list()),
      categories: await collect(woo.categories.list()),
      pendingOrders: [],
    },
    mappings: {
      products: await store.products.list('main'),
      categories: await store.categories.list('main'),
    },
  };
}

async function apply(
  plan: CatalogPlan,
  config: CatalogPlannerConfig,
  woo: WooCommercePort,
  store: SyncStore,
  clock: ManualClock,
) {
  const applier = new CatalogApplier({
    config,
    woo,
    store,
    clock,
    logger: silentLogger,
    events: new EventEmitter<CatalogEventMap>(),
  });
  return applier.apply(plan, new Map(), { concurrency: 3 });
}

const SKU_POOL = ['A', 'B', 'C', 'D', 'a', 'DUP', '', 'E-1', 'F 2'];
/** Names the store saves differently (kses, "Product" for an empty name, trimmed). */
const NAME_POOL = [
  'Item',
  '<script>alert(1)</script>Item',
  '<b>Bold</b> item',
  '',
  '   ',
  'Tom & Jerry',
  'Tea &amp; cups',
  'Trailing   ',
  'ყავა ☕',
];
const GROUPS = [GROUP.coffee, GROUP.tea, GROUP.household, GROUP.services, GROUP.expenses];
const OWNERSHIP = fc.constantFrom(
  'balance' as const,
  'store' as const,
  'balance-unless-edited' as const,
);
const money = fc
  .tuple(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0, 1, 2, 3))
  .map(([n, decimals]) => (decimals === 0 ? String(n) : (n / 10 ** decimals).toFixed(decimals)));

const catalogArbitrary = fc
  .record({
    items: fc.array(
      fc.record({
        sku: fc.oneof(fc.constantFrom(...SKU_POOL), fc.string({ minLength: 1, maxLength: 4 })),
        name: fc.option(fc.constantFrom(...NAME_POOL), { nil: undefined }),
        group: fc.constantFrom(...GROUPS),
        service: fc.boolean(),
        price: fc.option(money, { nil: undefined }),
        stock: fc.array(
          fc.record({
            warehouse: fc.constantFrom(WAREHOUSE.main, WAREHOUSE.vake, WAREHOUSE.saburtalo),
            quantity: fc.integer({ min: 0, max: 60 }).map(String),
            reserve: fc.integer({ min: 0, max: 5 }).map(String),
          }),
          { maxLength: 3 },
        ),
        sale: fc.option(fc.record({ days: fc.integer({ min: -20, max: 20 }), price: money }), {
          nil: undefined,
        }),
        saleEnd: fc.option(fc.integer({ min: -5, max: 30 }), { nil: undefined }),
      }),
      { maxLength: 20 },
    ),
    existing: fc.array(
      fc.record({
        sku: fc.constantFrom(...SKU_POOL),
        name: fc.constantFrom('Same', 'Other name', 'Item', 'Tom &amp; Jerry', '<i>x</i>'),
        price: fc.option(money, { nil: undefined }),
        metaItem: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
        categorized: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    stockMode: fc.constantFrom('single', 'aggregate'),
    ownership: fc.record({
      name: OWNERSHIP,
      regularPrice: OWNERSHIP,
      salePrice: OWNERSHIP,
      stock: OWNERSHIP,
      categories: OWNERSHIP,
    }),
    createCategories: fc.boolean(),
    mapTea: fc.boolean(),
  })
  .map((c) => c);

describe('catalog round trip (property)', () => {
  it('after apply, a new plan of the same catalog writes nothing and is all unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(catalogArbitrary, async (c) => {
        const clock = new ManualClock(NOW);
        const woo = new InMemoryWooCommerce({ clock, filterName: ksesLike });
        const store = new InMemorySyncStore();
        const tea = await woo.seed.addCategory({ name: 'Tea (existing)' });

        const items: BalanceCatalogItem[] = [
          ...standardGroups(),
          ...c.items.map((i, n) =>
            item(
              uid(n + 1),
              i.sku,
              i.name ?? `Item ${n + 1}`,
              i.group,
              i.service ? { itemType: 'service' } : {},
            ),
          ),
        ];
        const prices = c.items.flatMap((i, n) =>
          i.price === undefined
            ? []
            : [{ priceType: PRICE.retail, item: uid(n + 1), price: i.price }],
        );
        const stocks = c.items.flatMap((i, n) => i.stock.map((s) => ({ ...s, item: uid(n + 1) })));
        const day = 86_400_000;
        const local = (days: number) =>
          new Date(Date.parse(NOW) + 4 * 3_600_000 + days * day).toISOString().slice(0, 19);
        const pricingDocuments = c.items.flatMap((i, n) => [
          ...(i.sale
            ? [
                {
                  uid: uid(5000 + n),
                  priceType: PRICE.sale,
                  date: local(i.sale.days),
                  items: [{ item: uid(n + 1), price: i.sale.price }],
                },
              ]
            : []),
          ...(i.sale && i.saleEnd !== undefined
            ? [
                {
                  uid: uid(6000 + n),
                  priceType: PRICE.sale,
                  date: local(i.sale.days + Math.abs(i.saleEnd) + 1),
                  items: [{ item: uid(n + 1), price: '0' }],
                },
              ]
            : []),
        ]);
        const balance = { items, stocks, prices, pricingDocuments, discounts: [] };

        for (const e of c.existing) {
          // The store refuses a duplicate SKU; such a product simply is not there.
          await woo.seed
            .addProduct({
              sku: e.sku,
              name: e.name,
              ...(e.price === undefined ? {} : { regularPrice: e.price }),
              ...(e.categorized ? { categoryIds: [tea.id] } : {}),
              ...(e.metaItem === undefined
                ? {}
                : { meta: [{ key: '_balance_uid', value: uid(e.metaItem) }] }),
            })
            .catch(() => undefined);
        }

        const config = makeConfig({
          catalog: {
            stock:
              c.stockMode === 'single'
                ? { mode: 'single', warehouse: WAREHOUSE.main }
                : { mode: 'aggregate', warehouses: [WAREHOUSE.main, WAREHOUSE.vake] },
            prices: {
              regularPriceType: PRICE.retail,
              sale: { source: 'price-type', priceType: PRICE.sale },
            },
            services: { itemTypeField: 'ItemType', serviceValues: ['service'] },
            ownership: { ...c.ownership, status: 'store' },
            createCategories: c.createCategories,
          },
          store: {
            categories: {
              mapping: c.mapTea ? { [GROUP.tea]: tea.id } : {},
              excludedGroups: [GROUP.expenses],
            },
          },
        });
        const planner = new CatalogPlanner(config);
        let first = planner.plan(await snapshotOf(balance, woo, store), clock.now());
        const initial = first;
        let result = await apply(first, config, woo, store, clock);
        expect(result.failures).toEqual([]);
        // A linked product whose SKU changed frees its old SKU only once applied: an item
        // waiting for that SKU is imported in the next round. Otherwise one round suffices.
        if (first.entries.some((e) => e.changes?.some((c) => c.field === 'sku'))) {
          first = planner.plan(await snapshotOf(balance, woo, store), clock.now());
          result = await apply(first, config, woo, store, clock);
          expect(result.failures).toEqual([]);
        }

        const second = planner.plan(await snapshotOf(balance, woo, store), clock.now());
        expect(second.summary.productWrites).toBe(0);
        expect(second.summary.categories.create + second.summary.categories.adopt).toBe(0);
        for (const entry of second.entries) {
          expect(entry.record, `${entry.id} ${entry.kind}`).toBeUndefined();
          const before = first.entries.find((e) => e.id === entry.id);
          if (before?.kind === 'create' || before?.kind === 'adopt' || before?.kind === 'update') {
            expect(entry.kind, entry.id).toBe('unchanged');
          }
          if (before?.kind === 'conflict' && (before.write || before.record)) {
            expect(entry.kind).toBe('conflict');
          }
        }
        // Every product the SDK created is a draft.
        const products = await collect(woo.products.list());
        const created = products.filter((p) =>
          [...initial.entries, ...first.entries].some(
            (e) => e.kind === 'create' && p.meta.some((m) => m.value === e.balanceUid),
          ),
        );
        expect(created.every((p) => p.status === 'draft')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
