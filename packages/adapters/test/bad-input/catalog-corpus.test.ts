// Bad-input corpus, catalog side: a Balance catalog full of what real tenants contain —
// duplicate and empty SKUs, negative / zero / non-numeric prices, sales not below the regular
// price, unknown and cyclic groups, 10,000-character names, HTML and script in names,
// Georgian text and emoji, items without warehouses — planned by the engine against both
// simulators. Every item gets exactly one plan entry with a clear outcome (a create, or a
// skip / conflict whose reason has an explanation and a fix); nothing crashes, nothing is
// lost, and an unchanged re-import writes nothing.
import {
  type CatalogPlan,
  type CatalogPlanEntry,
  catalogReasonHelp,
} from '@balance-sync/woo-sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForSecrets } from '../security/secret-scan.js';
import { type CorpusWorld, startCorpusWorld } from './support/corpus-world.js';

type Expectation =
  | {
      kind: 'create';
      sku?: string;
      stockQuantity?: number;
      category?: 'none' | 'some';
      /** A warning the create carries (its reason), e.g. `unknown-group`. */
      note?: 'unknown-group' | 'group-cycle';
    }
  | { kind: 'skip' | 'conflict'; reason: string };

interface CatalogCase {
  name: string;
  item: { Name: string; Code: string; group?: 'unknown' | 'cycle' };
  price?: string | null;
  sale?: string;
  stock?: string | null;
  expect: Expectation;
}

const LONG_NAME = 'ყავა'.repeat(2_500); // 10,000 characters
const CASES: CatalogCase[] = [
  {
    name: 'duplicate SKU (first)',
    item: { Name: 'Dup A', Code: 'BAD-DUP' },
    expect: { kind: 'conflict', reason: 'duplicate-sku-in-balance' },
  },
  {
    name: 'duplicate SKU (second)',
    item: { Name: 'Dup B', Code: 'BAD-DUP' },
    expect: { kind: 'conflict', reason: 'duplicate-sku-in-balance' },
  },
  {
    name: 'empty SKU',
    item: { Name: 'No code', Code: '' },
    expect: { kind: 'skip', reason: 'no-sku' },
  },
  {
    name: 'whitespace-only SKU',
    item: { Name: 'Blank code', Code: '   ' },
    expect: { kind: 'skip', reason: 'no-sku' },
  },
  {
    name: 'SKU with surrounding spaces',
    item: { Name: 'Padded code', Code: ' BAD-PAD ' },
    expect: { kind: 'create', sku: 'BAD-PAD' },
  },
  {
    name: 'negative price',
    item: { Name: 'Negative', Code: 'BAD-NEG' },
    price: '-5.00',
    expect: { kind: 'skip', reason: 'invalid-price' },
  },
  {
    name: 'zero price',
    item: { Name: 'Zero', Code: 'BAD-ZERO' },
    price: '0',
    expect: { kind: 'skip', reason: 'invalid-price' },
  },
  {
    name: 'no price at all',
    item: { Name: 'Unpriced', Code: 'BAD-NOPRICE' },
    price: null,
    expect: { kind: 'skip', reason: 'missing-price' },
  },
  {
    name: 'sale above regular',
    item: { Name: 'Sale above', Code: 'BAD-SALE-UP' },
    price: '10.00',
    sale: '12.00',
    expect: { kind: 'skip', reason: 'sale-not-below-regular' },
  },
  {
    name: 'sale equal to regular',
    item: { Name: 'Sale equal', Code: 'BAD-SALE-EQ' },
    price: '10.00',
    sale: '10.00',
    expect: { kind: 'skip', reason: 'sale-not-below-regular' },
  },
  {
    name: 'unknown group',
    item: { Name: 'Orphan', Code: 'BAD-GRP', group: 'unknown' },
    expect: { kind: 'create', category: 'none', note: 'unknown-group' },
  },
  {
    name: 'cyclic groups',
    item: { Name: 'In a cycle', Code: 'BAD-CYCLE', group: 'cycle' },
    expect: { kind: 'create', note: 'group-cycle' },
  },
  {
    name: '10,000-character name',
    item: { Name: LONG_NAME, Code: 'BAD-LONG' },
    expect: { kind: 'create' },
  },
  {
    name: 'HTML and script in the name',
    item: { Name: '<script>alert(1)</script><b>Bold</b> & "quotes"', Code: 'BAD-HTML' },
    expect: { kind: 'create' },
  },
  {
    name: 'empty name',
    item: { Name: '', Code: 'BAD-NONAME' },
    expect: { kind: 'create' },
  },
  {
    name: 'Georgian text and emoji',
    item: { Name: '☕ ყავა „ნატურალური" 🇬🇪 👩‍👩‍👧', Code: 'BAD-EMOJI' },
    expect: { kind: 'create' },
  },
  {
    name: 'no warehouse (no stock line)',
    item: { Name: 'No warehouse', Code: 'BAD-NOSTOCK' },
    stock: null,
    expect: { kind: 'create', stockQuantity: 0 },
  },
  {
    name: 'neither price nor stock',
    item: { Name: 'Invisible', Code: 'BAD-NONE' },
    price: null,
    stock: null,
    expect: { kind: 'skip', reason: 'not-in-exchange' },
  },
];

const UNKNOWN_GROUP = '9a9a9a9a-9999-4999-8999-999999999999';

/** Adds the corpus to the Balance simulator; returns the item uid of each case. */
function seedCorpus(world: CorpusWorld): Map<CatalogCase, string> {
  const sim = world.env.balance;
  const seed = sim.seed;
  const cycleA = sim.addItem({ Name: 'Cycle A', IsGroup: true, Group: seed.groups.coffee });
  const cycleB = sim.addItem({ Name: 'Cycle B', IsGroup: true, Group: cycleA.uid });
  sim.updateItem(cycleA.uid, { Group: cycleB.uid }); // A → B → A
  const uids = new Map<CatalogCase, string>();
  const saleLines: Array<{ Item: string; Price: string }> = [];
  for (const c of CASES) {
    const group =
      c.item.group === 'unknown'
        ? UNKNOWN_GROUP
        : c.item.group === 'cycle'
          ? cycleB.uid
          : seed.groups.coffee;
    const item = sim.addItem({
      Name: c.item.Name,
      Code: c.item.Code,
      Group: group,
      ItemType: seed.itemTypes.goods,
    });
    uids.set(c, item.uid);
    if (c.price !== null) sim.setPrice({ item: item.uid, price: c.price ?? '10.00' });
    if (c.stock !== null)
      sim.setStock({ item: item.uid, warehouse: seed.warehouses.main, quantity: c.stock ?? '7' });
    if (c.sale) saleLines.push({ Item: item.uid, Price: c.sale });
  }
  sim.upsertItemPricing({
    PriceType: seed.priceTypes.sale,
    Date: '2025-11-25T00:00:00',
    Items: saleLines,
  });
  return uids;
}

describe('catalog corpus: planner and applier against the simulators', () => {
  let world: CorpusWorld;
  let uids: Map<CatalogCase, string>;
  let plan: CatalogPlan;
  const entryOf = (c: CatalogCase): CatalogPlanEntry[] =>
    plan.entries.filter((e) => e.balanceUid === uids.get(c));

  beforeAll(async () => {
    world = await startCorpusWorld({ items: 24 });
    uids = seedCorpus(world);
    plan = await world.runtime.engine.catalog.plan({ storeId: world.storeId, scope: 'items' });
  });
  afterAll(async () => {
    expect(scanForSecrets(world.logs.join(''), 'runtime log', world.secrets)).toEqual([]);
    await world?.close();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const entries = entryOf(c);
    expect(entries).toHaveLength(1);
    const entry = entries[0] as CatalogPlanEntry;
    if (c.expect.kind === 'create') {
      expect(entry.kind).toBe('create');
      expect(entry.write?.fields.status).toBe('draft');
      expect(entry.write?.fields.name).toBe(c.item.Name);
      if (c.expect.sku) expect(entry.write?.fields.sku).toBe(c.expect.sku);
      if (c.expect.stockQuantity !== undefined)
        expect(entry.write?.fields.stockQuantity).toBe(c.expect.stockQuantity);
      if (c.expect.category === 'none') expect(entry.write?.categories ?? []).toEqual([]);
      // A create with something to look at says so (its kind stays `create`); others say nothing.
      expect(entry.reason).toBe(c.expect.note);
      if (c.expect.note === 'unknown-group') expect(entry.detail).toContain(UNKNOWN_GROUP);
      if (c.expect.note === 'group-cycle')
        expect(entry.detail).toMatch(/Cycle A.*Cycle B|Cycle B.*Cycle A/);
    } else {
      expect({ kind: entry.kind, reason: entry.reason }).toEqual(c.expect);
    }
  });

  it('gives every Balance item exactly one entry, and every skip or conflict a reason with a fix', async () => {
    const leaves = [...world.env.balance.state.items.values()].filter((i) => !i.IsGroup);
    const byUid = new Map<string, number>();
    for (const e of plan.entries) byUid.set(e.balanceUid, (byUid.get(e.balanceUid) ?? 0) + 1);
    for (const item of leaves) expect(byUid.get(item.uid), item.Name.slice(0, 40)).toBe(1);
    for (const e of plan.entries.filter(
      (x) => x.kind === 'skip' || x.kind === 'conflict' || x.reason,
    )) {
      const help = catalogReasonHelp[e.reason as keyof typeof catalogReasonHelp];
      expect(help?.means, `${e.sku} ${e.reason}`).toBeTruthy();
      expect(help?.fix.length).toBeGreaterThan(10);
    }
    // the dry-run report names each skipped / conflicting SKU with its reason
    const text = plan.toText();
    for (const c of CASES.filter((x) => x.expect.kind !== 'create' && x.item.Code.trim())) {
      expect(text).toContain(c.item.Code.trim());
    }
    expect(text).toContain('sale-not-below-regular');
  });

  it('applies the plan without failures; long, Georgian and emoji names arrive intact', async () => {
    const result = await world.runtime.engine.catalog.apply(plan);
    expect(result.failures).toEqual([]);
    const products = [...world.env.woo.state.products.values()];
    const bySku = (sku: string) => products.filter((p) => p.sku === sku);
    for (const c of CASES) {
      const sku = c.expect.kind === 'create' ? (c.expect.sku ?? c.item.Code) : c.item.Code.trim();
      if (!sku) continue;
      expect(bySku(sku), c.name).toHaveLength(c.expect.kind === 'create' ? 1 : 0);
    }
    expect(bySku('BAD-LONG')[0]?.name).toBe(LONG_NAME);
    expect(bySku('BAD-EMOJI')[0]?.name).toBe('☕ ყავა „ნატურალური" 🇬🇪 👩‍👩‍👧');
    expect(bySku('BAD-NOSTOCK')[0]).toMatchObject({ stockQuantity: 0, manageStock: true });
  });

  it('writes nothing when the unchanged catalog is imported again', async () => {
    const again = await world.runtime.engine.catalog.plan({
      storeId: world.storeId,
      scope: 'items',
    });
    expect(again.summary.productWrites).toBe(0);
    expect(again.summary.create + again.summary.update).toBe(0);
  });

  // Issue #8 (was a KNOWN BUG): WooCommerce strips <script> from product names when it saves
  // them (kses) and saves an empty name as "Product"; the next plan compared the store's name
  // with what the SDK had sent and reported "edited-in-store", a conflict nobody caused. The
  // applier now records the name the store returned (and the one sent), so it stays unchanged.
  it('a name WooCommerce sanitised, or an empty one it saved as "Product", is not reported as edited in the store', async () => {
    const products = [...world.env.woo.state.products.values()];
    const stored = (sku: string) => products.find((p) => p.sku === sku)?.name;
    expect(stored('BAD-HTML')).not.toContain('<script>');
    expect(stored('BAD-NONAME')).toBe('Product');
    const again = await world.runtime.engine.catalog.plan({
      storeId: world.storeId,
      scope: 'items',
    });
    for (const sku of ['BAD-HTML', 'BAD-NONAME']) {
      const entry = again.entries.find((e) => e.sku === sku);
      expect({ sku, kind: entry?.kind, reason: entry?.reason }).toEqual({
        sku,
        kind: 'unchanged',
        reason: undefined,
      });
      expect(entry?.record).toBeUndefined();
    }
    expect(again.summary.reasons['edited-in-store']).toBeUndefined();
  });
});

describe('catalog corpus: prices Balance sends that are not plain numbers', () => {
  // What a tenant's publication can put in `Price` of one item (1C locales write decimal
  // commas); the raw JSON token replaces the detergent's price in the Prices answer.
  const RAW_PRICES: Array<[raw: string, outcome: 'refused' | 'invalid-price' | string]> = [
    ['"abc"', 'refused'],
    ['"NaN"', 'refused'],
    ['""', 'refused'],
    ['null', 'refused'],
    ['true', 'refused'],
    ['{}', 'refused'],
    ['"1e999"', 'invalid-price'],
    ['1e999', 'invalid-price'],
    ['"99999999999999999999.999"', 'invalid-price'],
    ['"12,50"', '12.50'],
    ['12.345', '12.35'],
  ];

  it.each(RAW_PRICES)('Price %s → %s', async (raw, outcome) => {
    let target = '';
    const world = await startCorpusWorld({
      items: 24,
      overrides: {
        balanceFetch: async (input, init) => {
          const response = await fetch(input, init);
          const url = new URL(input instanceof Request ? input.url : String(input));
          if (!url.pathname.endsWith('/Prices')) return response;
          const text = await response.text();
          const patched = text.replace(
            new RegExp(`("Item":"${target}"[^}]*"Price":)[^,}]+`),
            (_m, prefix: string) => `${prefix}${raw}`,
          );
          expect(patched).not.toBe(text);
          return new Response(patched, { status: response.status, headers: response.headers });
        },
      },
    });
    try {
      target = world.env.balance.seed.items.detergent;
      const catalog = world.runtime.engine.catalog;
      const before = world.env.woo.state.products.size;
      const planned = await catalog.plan({ storeId: world.storeId, scope: 'items' }).then(
        (plan) => ({ plan }),
        (error: unknown) => ({ error }),
      );
      if (outcome === 'refused') {
        // the whole read is refused (no plan from a half-understood catalog), naming the row
        expect('error' in planned).toBe(true);
        const error = (planned as { error: Error }).error;
        expect(error.message).toMatch(
          /^Reading Balance prices failed, so no plan was made and nothing was written/,
        );
        expect(error.message).toMatch(/\[\d+\]\.Price/);
        expect(error.message).toMatch(/Fix the cause and plan again/);
        expect(world.env.woo.state.products.size).toBe(before);
        return;
      }
      if (!('plan' in planned)) throw planned.error;
      const entry = planned.plan.entries.find((e) => e.balanceUid === target);
      if (outcome === 'invalid-price') {
        expect(entry).toMatchObject({ kind: 'skip', reason: 'invalid-price' });
        expect(entry?.detail).toMatch(/^regular price/);
      } else {
        expect(entry?.kind).toBe('create');
        expect(entry?.write?.fields.regularPrice).toBe(outcome);
      }
      expect((await catalog.apply(planned.plan)).failures).toEqual([]);
    } finally {
      await world.close();
    }
  });
});

describe('catalog corpus: a Balance answer with an empty 200 body is not an empty catalog', () => {
  // Issue #8 (was a KNOWN BUG): the Balance client read an empty 200 body as "no rows" and
  // the planner trusted it: a proxy answering Stocks with an empty body made the import set
  // the stock of every linked product to 0 — against DESIGN §5.4 ("nothing zeroed unless the
  // full Balance read succeeded"). The client now raises BalanceEmptyResponseError (after
  // retrying), so the catalog read fails as a whole and nothing is planned or written.
  const inStock = (world: CorpusWorld) =>
    [...world.env.woo.state.products.values()].filter((p) => (p.stockQuantity ?? 0) > 0).length;

  it('Stocks with an empty body refuses the plan and zeroes nothing', async () => {
    const world = await startCorpusWorld({ items: 24 });
    try {
      const engine = world.runtime.engine.catalog;
      await engine.apply(await engine.plan({ storeId: world.storeId, scope: 'items' }));
      const before = inStock(world);
      expect(before).toBeGreaterThan(0);
      world.env.balance.faults.set({ emptyBody: { templates: ['Stocks'] } });
      const error = await engine.plan({ storeId: world.storeId, scope: 'items' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'catalog_read_failed' });
      expect((error as Error).message).toMatch(
        /^Reading Balance stock failed, so no plan was made and nothing was written: Balance GET Stocks answered HTTP 200 with an empty body — .*real Balance answers \[\] for an empty list/,
      );
      expect((error as Error).cause).toMatchObject({
        code: 'BALANCE_EMPTY_RESPONSE',
        request: { attempts: 2 },
      });
      expect(inStock(world)).toBe(before);
    } finally {
      await world.close();
    }
  });

  it('Items with an empty body refuses the plan and takes nothing out of stock (missingItems "out-of-stock")', async () => {
    const world = await startCorpusWorld({
      items: 24,
      patch: (raw) => {
        raw.catalog.missingItems = 'out-of-stock';
      },
    });
    try {
      const engine = world.runtime.engine.catalog;
      await engine.apply(await engine.plan({ storeId: world.storeId, scope: 'items' }));
      const before = inStock(world);
      expect(before).toBeGreaterThan(0);
      world.env.balance.faults.set({ emptyBody: { templates: ['Items'] } });
      await expect(engine.plan({ storeId: world.storeId, scope: 'items' })).rejects.toThrow(
        /^Reading Balance items failed, so no plan was made and nothing was written: Balance GET Items answered HTTP 200 with an empty body/,
      );
      expect(inStock(world)).toBe(before);
    } finally {
      await world.close();
    }
  });

  it('a one-off empty body is retried by the client: the plan sees the whole catalog and takes nothing out of stock', async () => {
    const world = await startCorpusWorld({
      items: 24,
      patch: (raw) => {
        raw.catalog.missingItems = 'out-of-stock';
      },
    });
    try {
      const engine = world.runtime.engine.catalog;
      await engine.apply(await engine.plan({ storeId: world.storeId, scope: 'items' }));
      const before = inStock(world);
      world.env.balance.clearRequests();
      world.env.balance.faults.set({ emptyBody: { templates: ['Items'], times: 1 } });
      const plan = await engine.plan({ storeId: world.storeId, scope: 'items' });
      expect(plan.summary.reasons['missing-in-balance'] ?? 0).toBe(0);
      expect(plan.summary.productWrites).toBe(0);
      const items = world.env.balance.requests.filter((r) => r.template === 'Items');
      expect(items[0]).toMatchObject({ status: 200, fault: 'emptyBody', query: { Pack: '1' } });
      expect(items[1]).toMatchObject({ status: 200, query: { Pack: '1' } });
      expect(items[1]?.fault).toBeUndefined();
      await engine.apply(plan);
      expect(inStock(world)).toBe(before);
    } finally {
      await world.close();
    }
  });
});
