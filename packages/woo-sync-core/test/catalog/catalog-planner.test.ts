import {
  type BalanceCatalogItem,
  type CatalogPlan,
  type CatalogPlanEntry,
  CatalogPlanner,
  type CatalogSnapshot,
  catalogReasonHelp,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import {
  GROUP,
  group,
  item,
  makeConfig,
  makeSnapshot,
  mapping,
  PRICE,
  priced,
  product,
  uid,
  WAREHOUSE,
} from './catalog-fixtures.js';

const NOW = new Date('2026-01-01T10:00:00Z');
const ESPRESSO = uid(1);
const BEANS = uid(2);

function plan(snapshot: CatalogSnapshot, config = makeConfig(), now = NOW): CatalogPlan {
  return new CatalogPlanner(config).plan(snapshot, now);
}

function entryOf(p: CatalogPlan, balanceUid: string): CatalogPlanEntry {
  const entry = p.entries.find((e) => e.balanceUid === balanceUid);
  if (!entry) throw new Error(`no entry for ${balanceUid}`);
  return entry;
}

describe('CatalogPlanner — creating and adopting', () => {
  it('creates a draft with name, SKU, prices, managed stock and the item uid', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'ყავა ესპრესო 250გ')],
        ...priced(ESPRESSO, '17.5', '40', '2'),
      }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('create');
    expect(entry.write?.fields).toEqual({
      sku: 'CF-001',
      name: 'ყავა ესპრესო 250გ',
      status: 'draft',
      regularPrice: '17.50',
      manageStock: true,
      stockQuantity: 38,
      meta: [{ key: '_balance_uid', value: ESPRESSO }],
    });
    expect(entry.record?.pushed).toMatchObject({ regularPrice: '17.50', stockQuantity: 38 });
    expect(p.summary).toMatchObject({ create: 1, productWrites: 1 });
  });

  it('adopts an unlinked store product with the same SKU (compared case-insensitively)', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Espresso')],
        ...priced(ESPRESSO, '17.50', '5'),
        products: [product({ id: 50, sku: ' cf-001', name: 'Espresso', regularPrice: '17.5' })],
      }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('adopt');
    expect(entry.wooId).toBe(50);
    expect(entry.write?.fields).toEqual({
      sku: 'CF-001',
      manageStock: true,
      stockQuantity: 5,
      meta: [{ key: '_balance_uid', value: ESPRESSO }],
    });
    expect(entry.expect).toMatch(/^[\w-]{27}$/);
  });

  it('adopts a product that already carries the item uid without writing anything', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Espresso')],
        ...priced(ESPRESSO, '17.50', '5'),
        products: [
          product({
            id: 50,
            sku: 'CF-001',
            name: 'Espresso',
            regularPrice: '17.50',
            manageStock: true,
            stockQuantity: 5,
            meta: [{ key: '_balance_uid', value: ESPRESSO }],
          }),
        ],
      }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('adopt');
    expect(entry.write).toBeUndefined();
    expect(entry.record?.sku).toBe('CF-001');
    expect(p.summary.productWrites).toBe(0);
  });

  it('does not overwrite a differing name on adoption (no baseline): conflict, but links and updates the rest', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'ყავა ესპრესო')],
        ...priced(ESPRESSO, '17.50', '5'),
        products: [product({ id: 50, sku: 'CF-001', name: 'Espresso (my name)' })],
      }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('conflict');
    expect(entry.reason).toBe('store-value-differs');
    expect(entry.conflicts?.map((c) => c.field)).toEqual(['name']);
    expect(entry.write?.fields).toMatchObject({
      regularPrice: '17.50',
      meta: [{ key: '_balance_uid', value: ESPRESSO }],
    });
    expect(entry.write?.fields.name).toBeUndefined();
    expect(entry.record?.pushed.name).toBeUndefined();
  });

  it('adopts a variation with the same SKU, writing neither name nor categories', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Espresso')],
        ...priced(ESPRESSO, '17.50', '5'),
        products: [
          product({ id: 5, sku: 'COFFEE', type: 'variable' }),
          product({ id: 6, sku: 'cf-001', type: 'variation', parentId: 5, name: 'Coffee – 250g' }),
        ],
      }),
      makeConfig({ store: { categories: { mapping: { [GROUP.coffee]: 'create' } } } }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry).toMatchObject({ kind: 'adopt', wooId: 6, wooParentId: 5, links: true });
    expect(entry.write?.fields).toEqual({
      sku: 'CF-001',
      regularPrice: '17.50',
      manageStock: true,
      stockQuantity: 5,
      meta: [{ key: '_balance_uid', value: ESPRESSO }],
    });
    expect(entry.write?.categories).toBeUndefined();
  });

  it('follows a linked product when the SKU changes in Balance', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001-NEW', 'Espresso')],
        ...priced(ESPRESSO, '17.50', '5'),
        products: [
          product({
            id: 50,
            sku: 'CF-001',
            name: 'Espresso',
            regularPrice: '17.50',
            manageStock: true,
            stockQuantity: 5,
            meta: [{ key: '_balance_uid', value: ESPRESSO }],
          }),
        ],
        productMappings: [
          mapping(ESPRESSO, 50, 'CF-001', {
            name: 'Espresso',
            regularPrice: '17.50',
            salePrice: '',
            saleFrom: null,
            saleTo: null,
            stockQuantity: 5,
          }),
        ],
      }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('update');
    expect(entry.write?.fields).toEqual({ sku: 'CF-001-NEW' });
    expect(entry.record?.sku).toBe('CF-001-NEW');
  });

  it('keeps the old SKU when the new one is taken by another product (sku-taken), updating the rest', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-009', 'Espresso')],
        ...priced(ESPRESSO, '18.00', '5'),
        products: [
          product({ id: 50, sku: 'CF-001', name: 'Espresso', regularPrice: '17.50' }),
          product({ id: 51, sku: 'cf-009', name: 'Other' }),
        ],
        productMappings: [
          mapping(ESPRESSO, 50, 'CF-001', { name: 'Espresso', regularPrice: '17.50' }),
        ],
      }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('conflict');
    expect(entry.reason).toBe('sku-taken');
    expect(entry.write?.fields.sku).toBeUndefined();
    expect(entry.write?.fields.regularPrice).toBe('18.00');
  });
});

describe('CatalogPlanner — skips with reasons', () => {
  const config = makeConfig({
    catalog: {
      services: {
        itemTypeField: 'ItemType',
        serviceValues: ['მომსახურება'],
        serviceGroups: [GROUP.services],
      },
    },
    store: { categories: { excludedGroups: [GROUP.beverages] } },
  });
  const items = [
    item(uid(1), 'CF-001', 'in an excluded group’s descendant', GROUP.coffee),
    item(uid(2), 'SRV-1', 'service by type', GROUP.household, { itemType: 'მომსახურება' }),
    item(uid(3), 'DELIVERY', 'service by group', GROUP.services),
    item(uid(4), '  ', 'no code', GROUP.household),
    item(uid(5), 'HH-5', 'filtered out', GROUP.household),
    item(uid(6), 'HH-6', 'no retail price', GROUP.household),
    item(uid(7), 'HH-7', 'zero price', GROUP.household),
    item(uid(8), 'HH-8', 'ok', GROUP.household),
  ];
  const snapshot = makeSnapshot({
    items,
    prices: [
      { priceType: PRICE.sale, item: uid(6), price: '3.00' },
      { priceType: PRICE.retail, item: uid(7), price: '0' },
      { priceType: PRICE.retail, item: uid(8), price: '3.15' },
    ],
  });

  it('skips each item for its first reason', () => {
    const p = plan(snapshot, config);
    expect(p.entries.map((e) => [e.sku.trim() || '(none)', e.kind, e.reason])).toEqual([
      ['CF-001', 'skip', 'excluded-group'],
      ['SRV-1', 'skip', 'service-item'],
      ['DELIVERY', 'skip', 'service-item'],
      ['(none)', 'skip', 'no-sku'],
      ['HH-5', 'skip', 'not-in-exchange'],
      ['HH-6', 'skip', 'missing-price'],
      ['HH-7', 'skip', 'invalid-price'],
      ['HH-8', 'create', undefined],
    ]);
    expect(p.summary.reasons).toMatchObject({ 'service-item': 2, 'excluded-group': 1 });
  });

  it('imports services when the store sells them online, or single ones listed in sellOnline', () => {
    const selling = makeConfig({
      catalog: { services: { serviceGroups: [GROUP.services], sellOnline: [uid(3)] } },
    });
    const p = plan(
      makeSnapshot({
        items: [item(uid(3), 'DELIVERY', 'shipping', GROUP.services)],
        ...priced(uid(3), '5.00'),
      }),
      selling,
    );
    expect(entryOf(p, uid(3)).kind).toBe('create');
  });

  it('skips a sale price that is not below the regular one, and one below the minimum', () => {
    const p = plan(
      makeSnapshot({
        items: [item(uid(1), 'A', 'a'), item(uid(2), 'B', 'b')],
        prices: [
          { priceType: PRICE.retail, item: uid(1), price: '10.00' },
          { priceType: PRICE.retail, item: uid(2), price: '10.00' },
        ],
        pricingDocuments: [
          {
            uid: uid(700),
            priceType: PRICE.sale,
            date: '2025-12-01T00:00:00',
            items: [
              { item: uid(1), price: '10.00' },
              { item: uid(2), price: '0.05' },
            ],
          },
        ],
      }),
      makeConfig({
        catalog: {
          prices: {
            regularPriceType: PRICE.retail,
            sale: { source: 'price-type', priceType: PRICE.sale },
          },
        },
      }),
    );
    expect(entryOf(p, uid(1)).reason).toBe('sale-not-below-regular');
    expect(entryOf(p, uid(2)).reason).toBe('invalid-sale-price');
  });
});

describe('CatalogPlanner — conflicts', () => {
  it('flags the same SKU on two Balance items, on two store products, and an owned SKU', () => {
    const p = plan(
      makeSnapshot({
        items: [
          item(uid(1), 'TE-001', 'green tea'),
          item(uid(2), 'te-001', 'green tea bags'),
          item(uid(3), 'DUP', 'dup in store'),
          item(uid(4), 'OWNED', 'owned by other'),
          item(uid(5), 'META', 'owned via meta'),
          item(uid(6), 'VAR', 'variable parent'),
        ],
        prices: [1, 2, 3, 4, 5, 6].map((n) => ({
          priceType: PRICE.retail,
          item: uid(n),
          price: '5',
        })),
        products: [
          product({ id: 10, sku: 'DUP' }),
          product({ id: 11, sku: 'dup' }),
          product({ id: 12, sku: 'OWNED' }),
          product({ id: 13, sku: 'META', meta: [{ key: '_balance_uid', value: uid(99) }] }),
          product({ id: 14, sku: 'VAR', type: 'variable' }),
        ],
        productMappings: [mapping(uid(98), 12, 'OWNED')],
      }),
    );
    expect(p.entries.map((e) => [e.sku, e.kind, e.reason])).toEqual([
      ['TE-001', 'conflict', 'duplicate-sku-in-balance'],
      ['te-001', 'conflict', 'duplicate-sku-in-balance'],
      ['DUP', 'conflict', 'duplicate-sku-in-store'],
      ['OWNED', 'conflict', 'sku-owned-by-other-item'],
      ['META', 'conflict', 'sku-owned-by-other-item'],
      ['VAR', 'conflict', 'unsupported-product-type'],
      // uid(98)'s product is linked but its item is gone: missing-item policy "keep".
      ['OWNED', 'unchanged', 'missing-in-balance'],
    ]);
    expect(p.summary.productWrites).toBe(0);
  });

  it('flags two products carrying the same item uid (a product duplicated in wp-admin)', () => {
    const meta = [{ key: '_balance_uid', value: uid(1) }];
    const p = plan(
      makeSnapshot({
        items: [item(uid(1), 'A', 'a')],
        ...priced(uid(1), '5'),
        products: [product({ id: 10, sku: 'A', meta }), product({ id: 11, sku: '', meta })],
      }),
    );
    expect(entryOf(p, uid(1))).toMatchObject({ kind: 'conflict', reason: 'duplicate-link' });
  });

  it('reports a linked product deleted from the store as a skip', () => {
    const p = plan(
      makeSnapshot({
        items: [item(uid(1), 'A', 'a')],
        ...priced(uid(1), '5'),
        productMappings: [mapping(uid(1), 77, 'A')],
      }),
    );
    expect(entryOf(p, uid(1))).toMatchObject({ kind: 'skip', reason: 'linked-product-deleted' });
  });
});

describe('CatalogPlanner — field ownership', () => {
  const linked = (ownership: Record<string, string>, storeName: string, lastName: string) =>
    plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Balance name')],
        ...priced(ESPRESSO, '17.50', '5'),
        products: [
          product({
            id: 50,
            sku: 'CF-001',
            name: storeName,
            regularPrice: '17.50',
            manageStock: true,
            stockQuantity: 5,
            meta: [{ key: '_balance_uid', value: ESPRESSO }],
          }),
        ],
        productMappings: [
          mapping(ESPRESSO, 50, 'CF-001', {
            name: lastName,
            regularPrice: '17.50',
            salePrice: '',
            saleFrom: null,
            saleTo: null,
            stockQuantity: 5,
          }),
        ],
      }),
      makeConfig({ catalog: { ownership } as never }),
    );

  it('balance: overwrites whatever the store has', () => {
    const entry = entryOf(linked({ name: 'balance' }, 'Manual', 'Old'), ESPRESSO);
    expect(entry.kind).toBe('update');
    expect(entry.write?.fields).toEqual({ name: 'Balance name' });
  });

  it('store: never touches the field after creation', () => {
    const entry = entryOf(linked({ name: 'store' }, 'Manual', 'Old'), ESPRESSO);
    expect(entry.kind).toBe('unchanged');
  });

  it('balance-unless-edited: updates a field still holding what the SDK wrote', () => {
    const entry = entryOf(linked({ name: 'balance-unless-edited' }, 'Old', 'Old'), ESPRESSO);
    expect(entry.kind).toBe('update');
    expect(entry.write?.fields).toEqual({ name: 'Balance name' });
    expect(entry.record?.pushed.name).toBe('Balance name');
  });

  it('balance-unless-edited: a manual edit becomes a conflict, not an overwrite', () => {
    const entry = entryOf(linked({ name: 'balance-unless-edited' }, 'Manual', 'Old'), ESPRESSO);
    expect(entry).toMatchObject({ kind: 'conflict', reason: 'edited-in-store' });
    expect(entry.conflicts).toEqual([
      { field: 'name', store: 'Manual', lastPushed: 'Old', balance: 'Balance name' },
    ]);
    expect(entry.write).toBeUndefined();
    expect(entry.record).toBeUndefined();
  });

  it('balance-unless-edited: once the store value equals Balance again, the conflict is resolved', () => {
    const entry = entryOf(
      linked({ name: 'balance-unless-edited' }, 'Balance name', 'Old'),
      ESPRESSO,
    );
    expect(entry.kind).toBe('unchanged');
    expect(entry.record?.pushed.name).toBe('Balance name');
    expect(entry.write).toBeUndefined();
  });

  it('stock decremented by orders is not a manual edit', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Espresso')],
        ...priced(ESPRESSO, '17.50', '12'),
        products: [
          product({
            id: 50,
            sku: 'CF-001',
            name: 'Espresso',
            regularPrice: '17.50',
            manageStock: true,
            stockQuantity: 8,
            meta: [{ key: '_balance_uid', value: ESPRESSO }],
          }),
        ],
        productMappings: [
          mapping(ESPRESSO, 50, 'CF-001', {
            name: 'Espresso',
            regularPrice: '17.50',
            salePrice: '',
            stockQuantity: 10,
          }),
        ],
      }),
      makeConfig({ catalog: { ownership: { stock: 'balance-unless-edited' } } as never }),
    );
    const entry = entryOf(p, ESPRESSO);
    expect(entry.kind).toBe('update');
    expect(entry.write?.fields).toEqual({ manageStock: true, stockQuantity: 12 });
  });
});

describe('CatalogPlanner — stock', () => {
  const stocks = [
    { item: ESPRESSO, warehouse: WAREHOUSE.main, quantity: '40', reserve: '2' },
    { item: ESPRESSO, warehouse: WAREHOUSE.vake, quantity: '6', reserve: '1' },
    { item: ESPRESSO, warehouse: WAREHOUSE.saburtalo, quantity: '3.999', reserve: '0' },
    // A lot-tracked item has several lines per warehouse.
    { item: BEANS, warehouse: WAREHOUSE.main, quantity: '10', reserve: '0' },
    { item: BEANS, warehouse: WAREHOUSE.main, quantity: '15', reserve: '3' },
    { item: BEANS, warehouse: WAREHOUSE.vake, quantity: '1', reserve: '5' },
  ];
  const snapshot = (pendingOrders: CatalogSnapshot['store']['pendingOrders'] = []) =>
    makeSnapshot({
      items: [item(ESPRESSO, 'CF-001', 'Espresso'), item(BEANS, 'CF-002', 'Beans')],
      stocks,
      prices: [
        { priceType: PRICE.retail, item: ESPRESSO, price: '17.50' },
        { priceType: PRICE.retail, item: BEANS, price: '59' },
      ],
      pendingOrders,
    });
  const stockOf = (p: CatalogPlan, u: string) => entryOf(p, u).write?.fields.stockQuantity;

  it('single: one warehouse, quantity minus reserve', () => {
    const p = plan(snapshot());
    expect([stockOf(p, ESPRESSO), stockOf(p, BEANS)]).toEqual([38, 22]);
  });

  it('aggregate: the sum of the listed warehouses, rounded down to whole units', () => {
    const p = plan(
      snapshot(),
      makeConfig({
        catalog: {
          stock: {
            mode: 'aggregate',
            warehouses: [WAREHOUSE.main, WAREHOUSE.vake, WAREHOUSE.saburtalo],
          },
        },
      }),
    );
    // 38 + 5 + 3.999 → 46; beans 22 + (1 − 5) → 18
    expect([stockOf(p, ESPRESSO), stockOf(p, BEANS)]).toEqual([46, 18]);
  });

  it('per-store: the store’s own warehouses; never negative', () => {
    const p = plan(
      snapshot(),
      makeConfig({
        catalog: { stock: { mode: 'per-store' } },
        store: { stockWarehouses: [WAREHOUSE.vake] },
      }),
    );
    expect([stockOf(p, ESPRESSO), stockOf(p, BEANS)]).toEqual([5, 0]);
  });

  it('without subtractReserve: Quantity only', () => {
    const p = plan(
      snapshot(),
      makeConfig({
        catalog: { stock: { mode: 'single', warehouse: WAREHOUSE.main, subtractReserve: false } },
      }),
    );
    expect([stockOf(p, ESPRESSO), stockOf(p, BEANS)]).toEqual([40, 25]);
  });

  it('subtracts paid orders Balance has not received yet from linked products', () => {
    const base = snapshot([{ wooId: 50, quantity: 3 }]);
    base.store.products.push(
      product({
        id: 50,
        sku: 'CF-001',
        name: 'Espresso',
        regularPrice: '17.50',
        manageStock: true,
        stockQuantity: 35,
        meta: [{ key: '_balance_uid', value: ESPRESSO }],
      }),
    );
    base.mappings.products.push(
      mapping(ESPRESSO, 50, 'CF-001', {
        name: 'Espresso',
        regularPrice: '17.50',
        salePrice: '',
        stockQuantity: 38,
      }),
    );
    const p = plan(base);
    // Balance still says 38; 3 are sold in the store and not exported: 35 = what the store has.
    expect(entryOf(p, ESPRESSO).kind).toBe('unchanged');
  });
});

describe('CatalogPlanner — sale prices and windows', () => {
  const saleConfig = makeConfig({
    catalog: {
      prices: {
        regularPriceType: PRICE.retail,
        sale: { source: 'price-type', priceType: PRICE.sale },
      },
    },
  });
  const withDocs = (docs: CatalogSnapshot['balance']['pricingDocuments']) =>
    makeSnapshot({
      items: [item(ESPRESSO, 'CF-001', 'Espresso')],
      ...priced(ESPRESSO, '17.50', '5'),
      pricingDocuments: docs,
    });
  const saleDoc = (n: number, date: string, price: string) => ({
    uid: uid(800 + n),
    priceType: PRICE.sale,
    date,
    items: [{ item: ESPRESSO, price }],
  });

  it('a future dated sale document: start converted from Tbilisi time to UTC, open-ended', () => {
    const p = plan(withDocs([saleDoc(1, '2026-01-05T00:00:00', '15.9')]), saleConfig);
    expect(entryOf(p, ESPRESSO).write?.fields).toMatchObject({
      salePrice: '15.90',
      saleFrom: '2026-01-04T20:00:00Z',
      saleTo: null,
    });
  });

  it('a running sale ends at the next document of the type (the end marker has price 0)', () => {
    const p = plan(
      withDocs([
        saleDoc(1, '2025-12-20T09:00:00', '15.90'),
        saleDoc(2, '2026-01-07T00:00:00', '0'),
      ]),
      saleConfig,
    );
    expect(entryOf(p, ESPRESSO).write?.fields).toMatchObject({
      salePrice: '15.90',
      saleFrom: null,
      saleTo: '2026-01-06T20:00:00Z',
    });
  });

  it('an ended sale clears the store’s sale price', () => {
    const p = plan(
      (() => {
        const s = withDocs([
          saleDoc(1, '2025-12-01T00:00:00', '15.90'),
          saleDoc(2, '2025-12-31T00:00:00', '0'),
        ]);
        s.store.products.push(
          product({
            id: 50,
            sku: 'CF-001',
            name: 'Espresso',
            regularPrice: '17.50',
            salePrice: '15.90',
            saleFrom: null,
            saleTo: '2026-02-01T00:00:00Z',
            manageStock: true,
            stockQuantity: 5,
            meta: [{ key: '_balance_uid', value: ESPRESSO }],
          }),
        );
        s.mappings.products.push(
          mapping(ESPRESSO, 50, 'CF-001', {
            name: 'Espresso',
            regularPrice: '17.50',
            salePrice: '15.90',
            saleFrom: null,
            saleTo: '2026-02-01T00:00:00Z',
            stockQuantity: 5,
          }),
        );
        return s;
      })(),
      saleConfig,
    );
    expect(entryOf(p, ESPRESSO).write?.fields).toEqual({
      salePrice: '',
      saleFrom: null,
      saleTo: null,
    });
  });

  it('WooCommerce’s sale cron clearing dates causes no rewrite', () => {
    const s = withDocs([
      saleDoc(1, '2025-12-20T00:00:00', '15.90'),
      saleDoc(2, '2026-02-01T00:00:00', '0'),
    ]);
    // What the SDK wrote before the start: from + to. Then the cron started the sale and cleared the start.
    s.store.products.push(
      product({
        id: 50,
        sku: 'CF-001',
        name: 'Espresso',
        regularPrice: '17.50',
        salePrice: '15.90',
        saleFrom: null,
        saleTo: '2026-01-31T20:00:00Z',
        manageStock: true,
        stockQuantity: 5,
        meta: [{ key: '_balance_uid', value: ESPRESSO }],
      }),
    );
    s.mappings.products.push(
      mapping(ESPRESSO, 50, 'CF-001', {
        name: 'Espresso',
        regularPrice: '17.50',
        salePrice: '15.90',
        saleFrom: '2025-12-19T20:00:00Z',
        saleTo: '2026-01-31T20:00:00Z',
        stockQuantity: 5,
      }),
    );
    const entry = entryOf(plan(s, saleConfig), ESPRESSO);
    expect(entry.kind).toBe('unchanged');
    expect(entry.write).toBeUndefined();
  });

  it('a discount: percentage of the regular price rounded to the tetri, window from StartDate to the end of EndDate', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Espresso', GROUP.tea)],
        ...priced(ESPRESSO, '9.99', '5'),
        discounts: [
          {
            uid: uid(900),
            name: 'ახალი წელი',
            percentage: '12.5',
            active: true,
            startDate: '20.12.2025',
            endDate: '07.01.2026',
            condition: 'უპირობოდ',
            items: [GROUP.beverages],
            scheduled: false,
          },
          {
            uid: uid(901),
            name: 'inactive',
            percentage: '50',
            active: false,
            condition: 'უპირობოდ',
            items: [],
            scheduled: false,
          },
        ],
      }),
      makeConfig({
        catalog: { prices: { regularPriceType: PRICE.retail, sale: { source: 'discounts' } } },
      }),
    );
    expect(entryOf(p, ESPRESSO).write?.fields).toMatchObject({
      salePrice: '8.74',
      saleFrom: null,
      saleTo: '2026-01-07T20:00:00Z',
    });
  });

  it('sale windows follow the store’s time zone', () => {
    const p = plan(
      withDocs([saleDoc(1, '2026-03-29T02:30:00', '15.90')]),
      makeConfig({
        catalog: {
          prices: {
            regularPriceType: PRICE.retail,
            sale: { source: 'price-type', priceType: PRICE.sale },
          },
        },
        store: { timezone: 'Europe/Berlin' },
      }),
    );
    // 02:30 does not exist in Berlin that night (clocks jump from 02:00 to 03:00): it means
    // 03:30 CEST, as Temporal's "compatible" disambiguation does.
    expect(entryOf(p, ESPRESSO).write?.fields.saleFrom).toBe('2026-03-29T01:30:00Z');
  });
});

describe('CatalogPlanner — categories', () => {
  it('mirrors the group tree when createCategories is on: parents before children, existing names adopted', () => {
    const p = plan(
      makeSnapshot({
        items: [item(ESPRESSO, 'CF-001', 'Espresso', GROUP.coffee)],
        ...priced(ESPRESSO, '17.50'),
        categories: [{ id: 5, name: 'სასმელები', slug: 'drinks', parentId: 0 }],
      }),
      makeConfig({ catalog: { createCategories: true } }),
    );
    expect(p.categories.map((c) => [c.name, c.kind, c.depth, c.parent])).toEqual([
      ['სასმელები', 'adopt', 0, undefined],
      ['ყავა', 'create', 0, { group: GROUP.beverages, id: 5 }],
    ]);
    expect(entryOf(p, ESPRESSO).write?.categories).toEqual([{ group: GROUP.coffee }]);
    expect(entryOf(p, ESPRESSO).record?.pendingCategories).toEqual([{ group: GROUP.coffee }]);
  });

  it('uses the nearest mapped ancestor, reports a configured category that does not exist', () => {
    const p = plan(
      makeSnapshot({
        items: [item(uid(1), 'A', 'a', GROUP.coffee), item(uid(2), 'B', 'b', GROUP.household)],
        prices: [1, 2].map((n) => ({ priceType: PRICE.retail, item: uid(n), price: '5' })),
        categories: [{ id: 7, name: 'Drinks', slug: 'drinks', parentId: 0 }],
      }),
      makeConfig({
        store: { categories: { mapping: { [GROUP.beverages]: 7, [GROUP.household]: 404 } } },
      }),
    );
    expect(entryOf(p, uid(1)).write?.categories).toEqual([{ group: GROUP.beverages, id: 7 }]);
    expect(entryOf(p, uid(2)).write?.categories).toBeUndefined();
    expect(p.categories.find((c) => c.groupUid === GROUP.household)).toMatchObject({
      kind: 'conflict',
      reason: 'category-not-found',
    });
  });

  it('never creates categories for excluded groups', () => {
    const p = plan(
      makeSnapshot({ items: [] }),
      makeConfig({
        store: {
          categories: {
            mapping: { [GROUP.expenses]: 'create', [GROUP.tea]: 'create' },
            excludedGroups: [GROUP.expenses],
          },
        },
      }),
    );
    expect(p.categories.map((c) => c.name)).toEqual(['ჩაი']);
  });
});

describe('CatalogPlanner — groups Balance did not return, and groups in a loop', () => {
  const UNKNOWN = uid(777);
  const LOOP_A = uid(201);
  const LOOP_B = uid(202);
  const UNDER_LOOP = uid(203);
  /** A → B → A, both once under coffee; a group below the loop; and a group that is its own parent. */
  const loopGroups = (): BalanceCatalogItem[] => [
    group(LOOP_A, 'Loop A', LOOP_B),
    group(LOOP_B, 'Loop B', LOOP_A),
    group(UNDER_LOOP, 'Under the loop', LOOP_A),
    group(uid(204), 'Self', uid(204)),
  ];
  const pricedAll = (...uids: string[]) => ({
    prices: uids.map((u) => ({ priceType: PRICE.retail, item: u, price: '5.00' })),
    stocks: uids.map((u) => ({ item: u, warehouse: WAREHOUSE.main, quantity: '3', reserve: '0' })),
  });

  it('an item in an unknown group is still created, uncategorised, with an unknown-group note', () => {
    const p = plan(
      makeSnapshot({
        items: [item(uid(1), 'ORPHAN', 'Orphan', UNKNOWN), item(uid(2), 'OK', 'Fine')],
        ...pricedAll(uid(1), uid(2)),
        categories: [{ id: 7, name: 'Coffee', slug: 'coffee', parentId: 0 }],
      }),
      makeConfig({ store: { categories: { mapping: { [GROUP.coffee]: 7 } } } }),
    );
    const orphan = entryOf(p, uid(1));
    expect(orphan).toMatchObject({ kind: 'create', reason: 'unknown-group' });
    expect(orphan.write?.categories).toBeUndefined();
    expect(orphan.detail).toContain(UNKNOWN);
    expect(orphan.detail).toMatch(
      /check the item’s group in Balance, or map .* stores\[\]\.categories\.mapping/,
    );
    expect(entryOf(p, uid(2))).toMatchObject({ kind: 'create' });
    expect(entryOf(p, uid(2)).reason).toBeUndefined();
    expect(p.summary).toMatchObject({ create: 2, reasons: { 'unknown-group': 1 } });
    const text = p.toText();
    expect(text).toContain('ORPHAN  Orphan [unknown-group]');
    expect(text).toContain(`unknown-group: ${catalogReasonHelp['unknown-group'].means}`);
  });

  it('keeps the note on linked products (unchanged or updated) and next to a conflict’s own reason', () => {
    const linked = product({
      id: 50,
      sku: 'ORPHAN',
      name: 'Orphan',
      regularPrice: '5.00',
      manageStock: true,
      stockQuantity: 3,
      meta: [{ key: '_balance_uid', value: uid(1) }],
    });
    const lastPushed = {
      name: 'Orphan',
      regularPrice: '5.00',
      salePrice: '',
      saleFrom: null,
      saleTo: null,
      stockQuantity: 3,
    };
    const unchanged = plan(
      makeSnapshot({
        items: [item(uid(1), 'ORPHAN', 'Orphan', UNKNOWN)],
        ...pricedAll(uid(1)),
        products: [linked],
        productMappings: [mapping(uid(1), 50, 'ORPHAN', lastPushed)],
      }),
    );
    expect(entryOf(unchanged, uid(1))).toMatchObject({
      kind: 'unchanged',
      reason: 'unknown-group',
    });
    expect(unchanged.summary.productWrites).toBe(0);

    const edited = plan(
      makeSnapshot({
        items: [item(uid(1), 'ORPHAN', 'Orphan (new)', UNKNOWN)],
        ...pricedAll(uid(1)),
        products: [{ ...linked, name: 'Edited by hand' }],
        productMappings: [mapping(uid(1), 50, 'ORPHAN', lastPushed)],
      }),
    );
    const entry = entryOf(edited, uid(1));
    expect(entry).toMatchObject({ kind: 'conflict', reason: 'edited-in-store' });
    expect(entry.detail).toMatch(/^keeps the store’s name; group .* is not a Balance group/);
  });

  it('an unknown group mapped to a category id in the configuration is categorised, without a note', () => {
    const p = plan(
      makeSnapshot({
        items: [item(uid(1), 'ORPHAN', 'Orphan', UNKNOWN)],
        ...pricedAll(uid(1)),
        categories: [{ id: 9, name: 'Misc', slug: 'misc', parentId: 0 }],
      }),
      makeConfig({ store: { categories: { mapping: { [UNKNOWN]: 9 } } } }),
    );
    expect(entryOf(p, uid(1)).write?.categories).toEqual([{ group: UNKNOWN, id: 9 }]);
    expect(entryOf(p, uid(1)).reason).toBeUndefined();
    // …and excluding it skips its items.
    const excluded = plan(
      makeSnapshot({ items: [item(uid(1), 'ORPHAN', 'Orphan', UNKNOWN)], ...pricedAll(uid(1)) }),
      makeConfig({ store: { categories: { excludedGroups: [UNKNOWN] } } }),
    );
    expect(entryOf(excluded, uid(1))).toMatchObject({ kind: 'skip', reason: 'excluded-group' });
  });

  it('group chains that loop terminate: items are created with a group-cycle note naming the loop', () => {
    const items = [
      ...loopGroups(),
      item(uid(1), 'IN-LOOP', 'In the loop', LOOP_B),
      item(uid(2), 'BELOW', 'Below the loop', UNDER_LOOP),
      item(uid(3), 'SELF', 'In a self-parented group', uid(204)),
    ];
    for (const createCategories of [false, true]) {
      const p = plan(
        makeSnapshot({ items, ...pricedAll(uid(1), uid(2), uid(3)) }),
        makeConfig({
          catalog: { createCategories },
          // Loop A is also mapped "create", and excluding a group elsewhere makes the planner
          // walk every chain for exclusions too.
          store: {
            categories: { mapping: { [LOOP_A]: 'create' }, excludedGroups: [GROUP.expenses] },
          },
        }),
      );
      expect(p.entries.map((e) => [e.sku, e.kind, e.reason])).toEqual([
        ['IN-LOOP', 'create', 'group-cycle'],
        ['BELOW', 'create', 'group-cycle'],
        ['SELF', 'create', 'group-cycle'],
      ]);
      expect(entryOf(p, uid(1)).detail).toMatch(
        /the groups above the item loop: “Loop [AB]” \(.*\) → “Loop [AB]” \(.*\) → “Loop [AB]”/,
      );
      expect(entryOf(p, uid(3)).detail).toContain('“Self”');
      // Categories made of the loop still form a tree: every parent is created before its
      // child, and no category is its own ancestor.
      const created = new Map(p.categories.map((c) => [c.groupUid, c]));
      for (const category of p.categories) {
        const seen = new Set<string>();
        let current: string | undefined = category.groupUid;
        while (current !== undefined) {
          expect(seen.has(current), `${category.name} is its own ancestor`).toBe(false);
          seen.add(current);
          const parent: string | undefined = created.get(current)?.parent?.group;
          if (parent !== undefined) {
            const parentEntry = created.get(parent);
            expect(parentEntry?.depth ?? -1).toBeLessThan(created.get(current)?.depth ?? 0);
          }
          current = parent;
        }
      }
      expect(p.categories.some((c) => c.groupUid === LOOP_A)).toBe(true);
      if (createCategories) {
        expect(p.categories.map((c) => c.groupUid).sort()).toEqual(
          [LOOP_A, LOOP_B, UNDER_LOOP, uid(204)].sort(),
        );
      }
    }
  });
});

describe('CatalogPlanner — items gone from Balance', () => {
  const gone = (policy: 'keep' | 'draft' | 'out-of-stock') =>
    plan(
      makeSnapshot({
        items: [],
        products: [
          product({ id: 50, sku: 'OLD', status: 'publish', manageStock: true, stockQuantity: 4 }),
        ],
        productMappings: [mapping(uid(1), 50, 'OLD', { stockQuantity: 4 })],
      }),
      makeConfig({ catalog: { missingItems: policy } }),
    ).entries[0];

  it('keep: leaves the product', () => {
    expect(gone('keep')).toMatchObject({ kind: 'unchanged', reason: 'missing-in-balance' });
  });
  it('draft: unpublishes it', () => {
    expect(gone('draft')).toMatchObject({
      kind: 'update',
      reason: 'missing-in-balance',
      write: { fields: { status: 'draft' } },
    });
  });
  it('out-of-stock: sets its stock to 0', () => {
    expect(gone('out-of-stock')?.write?.fields).toEqual({ manageStock: true, stockQuantity: 0 });
  });
});

describe('CatalogPlanner — stock scope', () => {
  it('changes stock of linked products only and leaves unlinked items alone', () => {
    const p = plan(
      makeSnapshot({
        scope: 'stocks',
        items: [item(ESPRESSO, 'CF-001', 'New name'), item(BEANS, 'CF-002', 'Beans')],
        stocks: [
          { item: ESPRESSO, warehouse: WAREHOUSE.main, quantity: '7', reserve: '0' },
          { item: BEANS, warehouse: WAREHOUSE.main, quantity: '7', reserve: '0' },
        ],
        products: [
          product({
            id: 50,
            sku: 'CF-001',
            name: 'Old name',
            regularPrice: '1.00',
            manageStock: true,
            stockQuantity: 5,
            meta: [{ key: '_balance_uid', value: ESPRESSO }],
          }),
        ],
        productMappings: [mapping(ESPRESSO, 50, 'CF-001', { name: 'Old name', stockQuantity: 5 })],
      }),
    );
    expect(entryOf(p, ESPRESSO).write?.fields).toEqual({ manageStock: true, stockQuantity: 7 });
    expect(entryOf(p, BEANS)).toMatchObject({ kind: 'skip', reason: 'not-imported' });
  });
});

describe('CatalogPlan', () => {
  const snapshot = makeSnapshot({
    items: [item(ESPRESSO, 'CF-001', 'Espresso'), item(uid(9), '', 'no code')],
    ...priced(ESPRESSO, '17.50', '5'),
  });

  it('has a stable hash that ignores when it was made', () => {
    const a = plan(snapshot, makeConfig(), new Date('2026-01-01T10:00:00Z'));
    const b = plan(structuredClone(snapshot), makeConfig(), new Date('2026-01-01T11:00:00Z'));
    expect(a.hash).toBe(b.hash);
    expect(a.createdAt).not.toBe(b.createdAt);
    const changed = structuredClone(snapshot);
    changed.balance.prices[0]!.price = '18';
    expect(plan(changed).hash).not.toBe(a.hash);
  });

  it('round-trips through JSON and detects edits', async () => {
    const { CatalogPlan } = await import('@balance-sync/woo-sync-core');
    const original = plan(snapshot);
    const json = JSON.parse(JSON.stringify(original));
    expect(CatalogPlan.fromJSON(json).hash).toBe(original.hash);
    json.summary.create = 99; // derived: ignored, not an edit
    expect(CatalogPlan.fromJSON(json).summary.create).toBe(1);
    json.entries.find((e: CatalogPlanEntry) => e.kind === 'create').write.fields.regularPrice =
      '0.01';
    expect(() => CatalogPlan.fromJSON(json)).toThrow(/edited/);
  });

  it('prints a readable report with reasons and fixes', () => {
    const text = plan(snapshot).toText();
    expect(text).toContain(
      'Items: 1 create · 0 adopt · 0 update · 0 unchanged · 1 skip · 0 conflict',
    );
    expect(text).toContain('Create (as draft) (1)');
    expect(text).toContain('CF-001  Espresso');
    expect(text).toContain('regularPrice “17.50”');
    expect(text).toContain('no-sku: The SKU field configured');
  });
});
