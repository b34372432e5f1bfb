// Fixed hash vectors. Stored data depends on these bytes: the ledger's `payloadHash` of every
// exported document, the hash of every saved catalog plan (apply journals are keyed by it),
// the input fingerprints a plan is checked against before apply, and the product
// fingerprints of plan entries. Every expected value below was computed with the two
// canonical-JSON writers as they were before they became one (`identity/payload-hash.ts` and
// `catalog/canonical-json.ts`); if one of them changes, stored documents would show drift and
// saved plans would be refused as edited or stale. (The vectors of plans the planner makes
// also depend on what the planner decides: a deliberate change there changes them — and makes
// saved plans stale anyway — so update those, never the writer.)
import {
  buildCreditNote,
  buildReturnRequest,
  buildSale,
  CatalogPlan,
  type CatalogPlanData,
  CatalogPlanner,
  type CatalogSnapshot,
  type CreditNoteBuildResult,
  canonicalHash,
  canonicalJson,
  canonicalPayloadJson,
  payloadHash,
  type SaleBuild,
  type SaleBuildResult,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import {
  categoriesFingerprint,
  configFingerprint,
  productFingerprint,
  snapshotFingerprints,
} from '../../src/catalog/catalog-fingerprints.js';
import {
  exportConfig,
  GOODWILL_ITEM,
  ITEMS,
  RETAIL_CLIENT,
  refund,
  refundLine,
  resolveBySku,
  WAREHOUSE as SHOP_WAREHOUSE,
  teaShopOrder,
} from '../builders/support/fixtures.js';
import {
  GROUP,
  item,
  makeConfig,
  makeSnapshot,
  mapping,
  PRICE,
  product,
  uid,
  WAREHOUSE,
} from '../catalog/catalog-fixtures.js';

function saleOf(result: SaleBuildResult): SaleBuild {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

function documentOf(result: CreditNoteBuildResult): unknown {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  expect(result.payloadHash).toBe(payloadHash(result.document));
  return result.document;
}

/** A Sale as Balance receives it (the tea shop's order #1234, frozen). */
const SALE_DOCUMENT = {
  uid: '5d0d2f4e-8c3e-5c55-9a0e-3f1b2c4d5e6f',
  Date: '2026-03-01T13:00:00',
  VATTaxable: 'იბეგრება დღგ-ით',
  OperationType: 'მიწოდება კომპენსაციით',
  PaymentDate: '2026-03-01T13:00:00',
  Warehouse: SHOP_WAREHOUSE,
  Client: RETAIL_CLIENT,
  AmountIncludesVAT: true,
  Comments: 'WooCommerce order #1234 — „ჩურჩხელა“ "gift"\n',
  PrimaryDocument: '1234',
  Items: [
    {
      Item: ITEMS['CHURCHKHELA-3'],
      StringCode: 'CHURCHKHELA-3',
      Quantity: '2',
      Price: '3.33',
      Amount: '6.66',
    },
    {
      Item: ITEMS['HONEY-500'],
      StringCode: 'HONEY-500',
      Quantity: '1',
      Price: '25.00',
      Amount: '25.00',
    },
    { Item: 'aaaaaaaa-0000-4000-8000-000000000003', Quantity: '1', Price: '5.90', Amount: '5.90' },
  ],
};

describe('payloadHash vectors (the ledger)', () => {
  it('a frozen Sale document: exact canonical text and hash', () => {
    expect(canonicalPayloadJson(SALE_DOCUMENT)).toBe(
      '{"AmountIncludesVAT":true,"Client":"aaaaaaaa-0000-4000-8000-000000000001","Comments":"WooCommerce order #1234 — „ჩურჩხელა“ \\"gift\\"\\n","Date":"2026-03-01T13:00:00","Items":[{"Amount":"6.66","Item":"bbbbbbbb-0000-4000-8000-000000000002","Price":"3.33","Quantity":"2","StringCode":"CHURCHKHELA-3"},{"Amount":"25.00","Item":"bbbbbbbb-0000-4000-8000-000000000003","Price":"25.00","Quantity":"1","StringCode":"HONEY-500"},{"Amount":"5.90","Item":"aaaaaaaa-0000-4000-8000-000000000003","Price":"5.90","Quantity":"1"}],"OperationType":"მიწოდება კომპენსაციით","PaymentDate":"2026-03-01T13:00:00","PrimaryDocument":"1234","VATTaxable":"იბეგრება დღგ-ით","Warehouse":"aaaaaaaa-0000-4000-8000-000000000002","uid":"5d0d2f4e-8c3e-5c55-9a0e-3f1b2c4d5e6f"}',
    );
    expect(payloadHash(SALE_DOCUMENT)).toBe(
      'dc1c64364db0d6e85c97ccef8c7fd4f1d2a90b6d471f710da678e9f468a7abbb',
    );
  });

  it('Sale, credit note and return request documents the builders make', () => {
    const order = teaShopOrder();
    const sale = saleOf(
      buildSale({
        order,
        client: RETAIL_CLIENT,
        resolveItem: resolveBySku,
        config: exportConfig(),
      }),
    );
    expect(sale.payloadHash).toBe(
      'c6d66222f8dfbbff791e5b0a2a56ab94636303590a559baf76c2fd7ca36725d4',
    );

    const credit = documentOf(
      buildCreditNote({
        order,
        refund: refund({
          amount: '3.33',
          reason: 'დაზიანებული შეფუთვა',
          lineItems: [
            refundLine(20010, 11, -1, '-2.82', '-0.51', {
              sku: 'CHURCHKHELA-3',
              name: 'Churchkhela',
            }),
          ],
        }),
        sale,
        saleLineUids: [
          'cccccccc-0000-4000-8000-000000000011',
          'cccccccc-0000-4000-8000-000000000012',
        ],
        config: exportConfig(),
      }),
    );
    expect(payloadHash(credit)).toBe(
      'd9fc66f13b53bddc84d255f97235183df8f4ad845c9a880c9ef1bc01d1972f29',
    );

    const goodwill = documentOf(
      buildCreditNote({
        order,
        refund: refund({ id: 2002, amount: '4.00', reason: 'late delivery' }),
        sale,
        saleLineUids: [],
        config: exportConfig({
          credits: {
            returnOperationType: 'დაბრუნება',
            priceCorrectionOperationType: 'ფასის კორექტირება',
            amountOnly: { mode: 'item', item: GOODWILL_ITEM },
          },
        }),
      }),
    );
    expect(payloadHash(goodwill)).toBe(
      '9662a35931e70b56bc3b3cf228440de51c813a7829b692e86351df9684e2472e',
    );

    const returned = documentOf(
      buildReturnRequest({
        order,
        sale,
        requestId: 'rma-7',
        lines: [{ sku: 'CHURCHKHELA-3', quantity: 1 }],
        requestedAt: '2026-03-04T16:45:00Z',
        config: exportConfig(),
      }),
    );
    expect(payloadHash(returned)).toBe(
      'dfc9fde66a55cdd1990fae19e5d5d0c2ecd3f8c03091a023871f363bf97e1cf8',
    );
  });
});

const NOW = new Date('2026-01-01T10:00:00Z');
const ESPRESSO = uid(1);
const BEANS = uid(2);
const GREEN_TEA = uid(3);
const CLEANER = uid(4);
const PAPER = uid(5);

/** A catalog with every kind of entry: create, adopt, update, conflict, skip, unchanged. */
function richSnapshot(): CatalogSnapshot {
  const snapshot = makeSnapshot({
    items: [
      item(ESPRESSO, 'CF-001', 'ყავა ესპრესო 250გ', GROUP.coffee),
      item(BEANS, 'CF-002', 'Coffee beans 1kg', GROUP.coffee),
      item(GREEN_TEA, 'TEA-01', 'მწვანე ჩაი', GROUP.tea),
      item(CLEANER, 'HH-01', 'Cleaner', GROUP.household),
      item(PAPER, 'EX-01', 'Printer paper', GROUP.expenses),
    ],
    prices: [
      { priceType: PRICE.retail, item: ESPRESSO, price: '17.5' },
      { priceType: PRICE.retail, item: BEANS, price: '54.90' },
      { priceType: PRICE.retail, item: GREEN_TEA, price: '8' },
      { priceType: PRICE.retail, item: CLEANER, price: '3.15' },
      { priceType: PRICE.retail, item: PAPER, price: '12' },
    ],
    stocks: [
      { item: ESPRESSO, warehouse: WAREHOUSE.main, quantity: '40', reserve: '2' },
      { item: BEANS, warehouse: WAREHOUSE.main, quantity: '7.5', reserve: '0' },
      { item: GREEN_TEA, warehouse: WAREHOUSE.main, quantity: '12', reserve: '1' },
      { item: CLEANER, warehouse: WAREHOUSE.vake, quantity: '3', reserve: '0' },
    ],
    pricingDocuments: [
      {
        uid: uid(801),
        priceType: PRICE.sale,
        date: '2025-12-20T09:00:00',
        items: [{ item: ESPRESSO, price: '15.9' }],
      },
      {
        uid: uid(802),
        priceType: PRICE.sale,
        date: '2026-01-07T00:00:00',
        items: [{ item: ESPRESSO, price: '0' }],
      },
    ],
    products: [
      product({ id: 50, sku: ' cf-002', name: 'Beans', regularPrice: '54.9' }),
      product({
        id: 51,
        sku: 'TEA-01',
        name: 'Green tea (edited)',
        regularPrice: '7.00',
        manageStock: true,
        stockQuantity: 11,
        categoryIds: [9],
        meta: [{ key: '_balance_uid', value: GREEN_TEA }],
      }),
    ],
    categories: [{ id: 5, name: 'სასმელები', slug: 'drinks', parentId: 0 }],
    pendingOrders: [
      { wooId: 51, quantity: 2 },
      { wooId: 50, quantity: 1 },
    ],
    productMappings: [
      mapping(GREEN_TEA, 51, 'TEA-01', {
        name: 'მწვანე ჩაი',
        regularPrice: '7.00',
        salePrice: '',
        saleFrom: null,
        saleTo: null,
        stockQuantity: 11,
        categoryIds: [9],
      }),
    ],
    categoryMappings: [
      {
        groupUid: GROUP.tea,
        wooCategoryId: 9,
        origin: 'created',
        updatedAt: '2025-12-01T00:00:00Z',
      },
    ],
  });
  snapshot.store.categories.push({ id: 9, name: 'ჩაი', slug: 'tea', parentId: 5 });
  return snapshot;
}

const richConfig = () =>
  makeConfig({
    catalog: {
      prices: {
        regularPriceType: PRICE.retail,
        sale: { source: 'price-type', priceType: PRICE.sale },
      },
      createCategories: true,
    },
    store: {
      categories: {
        mapping: { [GROUP.household]: 'create' },
        excludedGroups: [GROUP.expenses],
      },
    },
  });

describe('catalog hash vectors (saved plans, journals, fingerprints)', () => {
  it('a plan the planner makes: its hash and input fingerprints', () => {
    const plan: CatalogPlan = new CatalogPlanner(richConfig()).plan(richSnapshot(), NOW);
    expect(plan.summary).toMatchObject({ create: 2, conflict: 2, skip: 1, productWrites: 4 });
    expect(plan.inputs.config).toBe(
      '9db165df186913190c4baaede6261cc9aba9d618bdf2098729bca0ef721a992d',
    );
    expect(plan.inputs.balance).toBe(
      '77be18a7dfaf74aa30f488f5d195341e90fff0cdaeba431b02c7f4b249fe75bb',
    );
    expect(plan.inputs.categories).toBe(
      'afcbc62d8c2a582cf4b5c82c88cd3f0a5b2d795a9d0259b0449f2cdb8075f6b8',
    );
    expect(plan.inputs.orders).toBe(
      '18de4f97a4d93b39ae6ba8a20dff84efe1c8fc987561d096d0c59aea0abdadd9',
    );
    expect(plan.hash).toBe('a5306838f250473186ee653526df77898763f32adbe89545505dcaaedd64cbd1');
    // What a saved plan is read back from.
    expect(CatalogPlan.fromJSON(JSON.parse(JSON.stringify(plan))).hash).toBe(plan.hash);
  });

  it('a discounts plan (rules are hashed as canonical JSON, optional dates left out)', () => {
    const config = makeConfig({
      catalog: { prices: { regularPriceType: PRICE.retail, sale: { source: 'discounts' } } },
    });
    const snapshot = makeSnapshot({
      items: [item(ESPRESSO, 'CF-001', 'Espresso', GROUP.tea)],
      prices: [{ priceType: PRICE.retail, item: ESPRESSO, price: '9.99' }],
      stocks: [{ item: ESPRESSO, warehouse: WAREHOUSE.main, quantity: '5', reserve: '0' }],
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
          scheduled: true,
        },
      ],
    });
    const plan = new CatalogPlanner(config).plan(snapshot, NOW);
    expect(snapshotFingerprints(snapshot).balance).toBe(
      '90e48c485f70ac208283772f8f05b31a9d380fb83603d6349676b420cd3f573b',
    );
    expect(plan.hash).toBe('5835e224ca6e8247ec9423e1085922d7b3c24d185bd93d1a38639a4ee4dcdcac');
  });

  it('a plan built from literal parts (as a saved plan file holds them)', () => {
    const parts: Omit<CatalogPlanData, 'format' | 'hash' | 'summary'> = {
      storeId: 'main',
      scope: 'items',
      createdAt: '2026-01-01T10:00:00Z',
      timezone: 'Asia/Tbilisi',
      currency: 'GEL',
      inputs: { config: 'c'.repeat(64), balance: 'b'.repeat(64), categories: 'd', orders: 'e' },
      categories: [
        {
          id: `group:${GROUP.beverages}`,
          kind: 'adopt',
          groupUid: GROUP.beverages,
          name: 'სასმელები',
          wooId: 5,
          depth: 0,
          record: true,
        },
        {
          id: `group:${GROUP.coffee}`,
          kind: 'create',
          groupUid: GROUP.coffee,
          name: 'ყავა',
          parent: { group: GROUP.beverages, id: 5 },
          depth: 1,
          record: true,
        },
        {
          id: `group:${GROUP.tea}`,
          kind: 'create',
          groupUid: GROUP.tea,
          name: 'ჩაი',
          parent: null,
          depth: 0,
        },
      ],
      entries: [
        {
          id: `item:${ESPRESSO}`,
          kind: 'create',
          balanceUid: ESPRESSO,
          sku: 'CF-001',
          name: 'ყავა ესპრესო 250გ',
          write: {
            fields: {
              sku: 'CF-001',
              name: 'ყავა ესპრესო 250გ',
              status: 'draft',
              regularPrice: '17.50',
              salePrice: '15.90',
              saleFrom: null,
              saleTo: '2026-01-06T20:00:00Z',
              manageStock: true,
              stockQuantity: 38,
              meta: [{ key: '_balance_uid', value: ESPRESSO }],
            },
            categories: [{ group: GROUP.coffee }],
          },
          record: {
            sku: 'CF-001',
            pushed: { name: 'ყავა ესპრესო 250გ', regularPrice: '17.50', stockQuantity: 38 },
            pendingCategories: [{ group: GROUP.coffee }],
          },
        },
        {
          id: `item:${GREEN_TEA}`,
          kind: 'conflict',
          reason: 'edited-in-store',
          detail: 'name was edited in the store: "Green tea (edited)"',
          balanceUid: GREEN_TEA,
          sku: 'TEA-01',
          name: 'მწვანე ჩაი',
          wooId: 51,
          wooParentId: 0,
          changes: [
            { field: 'regularPrice', from: '7.00', to: '8.00' },
            { field: 'stock', from: 11, to: 9 },
            { field: 'categories', from: [9], to: [9, 12] },
          ],
          conflicts: [
            {
              field: 'name',
              store: 'Green tea (edited)',
              lastPushed: 'მწვანე ჩაი',
              balance: 'მწვანე ჩაი',
            },
            {
              field: 'sale',
              store: null,
              lastPushed: undefined,
              balance: { price: '', from: null, to: null },
            },
          ],
          write: { fields: { regularPrice: '8.00', stockQuantity: 9 } },
          record: { sku: 'TEA-01', pushed: { regularPrice: '8.00', stockQuantity: 9 } },
          expect: 'AbCdEfGhIjKlMnOpQrStUvWxYz0',
        },
        {
          id: `item:${PAPER}`,
          kind: 'skip',
          reason: 'excluded-group',
          balanceUid: PAPER,
          sku: 'EX-01',
          name: 'Printer paper',
        },
      ],
    };
    const plan = CatalogPlan.create(parts);
    expect(plan.hash).toBe('1dc065d726bb5e44046079cb3ebff1d2bd7e6075152e553f0b7cc5244c9e8612');
  });

  it('fingerprints of settings, categories and products', () => {
    expect(configFingerprint(richConfig())).toBe(
      '9db165df186913190c4baaede6261cc9aba9d618bdf2098729bca0ef721a992d',
    );
    expect(
      categoriesFingerprint(
        [
          { id: 9, name: 'ჩაი', slug: 'tea', parentId: 5 },
          { id: 5, name: 'სასმელები', slug: 'drinks', parentId: 0 },
        ],
        [
          {
            groupUid: GROUP.tea,
            wooCategoryId: 9,
            origin: 'created',
            updatedAt: '2025-12-01T00:00:00Z',
          },
          {
            groupUid: GROUP.beverages,
            wooCategoryId: 5,
            origin: 'adopted',
            updatedAt: '2025-12-01T00:00:00Z',
          },
        ],
      ),
    ).toBe('33d30fd048e9be604ff93be85a903d6e244d20f5502c2c78f10272eb18aadb93');
    expect(
      productFingerprint(
        product({
          id: 51,
          sku: 'TEA-01',
          name: 'მწვანე ჩაი',
          regularPrice: '7.00',
          manageStock: true,
          stockQuantity: 11,
          categoryIds: [12, 9],
          meta: [{ key: '_balance_uid', value: GREEN_TEA }],
        }),
        mapping(GREEN_TEA, 51, 'TEA-01', {
          stockQuantity: 11,
          name: 'მწვანე ჩაი',
          saleTo: null,
          categoryIds: [9, 12],
          regularPrice: '7.00',
        }),
      ),
    ).toBe('TsUa6SW2LRby-_1-COKWTUc2kNA');
  });
});

describe('both hash definitions over the same text', () => {
  /** Everything JSON can hold, with the awkward cases: key order, escapes, −0, exponents. */
  const awkward = {
    z: [1, -0, 0.1, 1e21, 1.5e-7, -12.75, 2 ** 53],
    A: { 'needs "quotes"': 'line\nbreak\ttab\u0001', ნ: 'ჩ', _: null, 'a-b': true, a: false },
    a: [{}, [], '', 'emoji 🍵', '\u2028'],
    ზ: { nested: { deeper: { deepest: [null, 'x'] } } },
    skipped: undefined,
    '10': 'numeric key',
    '9': 'another',
  };

  it('writes one canonical text', () => {
    expect(canonicalPayloadJson(awkward)).toBe(
      '{"10":"numeric key","9":"another","A":{"_":null,"a":false,"a-b":true,"needs \\"quotes\\"":"line\\nbreak\\ttab\\u0001","ნ":"ჩ"},"a":[{},[],"","emoji 🍵","\u2028"],"z":[1,0,0.1,1e+21,1.5e-7,-12.75,9007199254740992],"ზ":{"nested":{"deeper":{"deepest":[null,"x"]}}}}',
    );
    expect(canonicalJson(awkward)).toBe(canonicalPayloadJson(awkward));
  });

  it('payloadHash is SHA-256 of the text; canonicalHash of the text and a newline', () => {
    expect(payloadHash(awkward)).toBe(
      '4883cfc65422a8bad3b342caab342829a3e92fb0aa962ed28eb8e04693664a5e',
    );
    expect(canonicalHash(awkward)).toBe(
      '768638b516dda8255a116a06c1273568383a7d1adbb7488c87e0fb3ff3d32b0c',
    );
  });
});
