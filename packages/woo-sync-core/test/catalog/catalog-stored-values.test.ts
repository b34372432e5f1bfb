// WooCommerce rewrites some values when it saves them: names go through kses (`<script>`
// removed, a lone `&` becomes `&amp;`), an empty name is saved as "Product". The applier
// remembers what the store stored (and, where it differs, what was sent), so the next plan
// neither reports an edit nobody made nor rewrites the product on every run — while a real
// edit in the store is still a conflict, and a real change in Balance is still written.
import {
  type BalanceCatalogItem,
  CatalogApplier,
  type CatalogEventMap,
  type CatalogPlan,
  type CatalogPlanEntry,
  CatalogPlanner,
  type CatalogPlannerConfig,
  type CatalogSnapshot,
  type OwnershipMode,
  type ProductMapping,
  silentLogger,
} from '@balance-sync/woo-sync-core';
import {
  InMemorySyncStore,
  InMemoryWooCommerce,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';
import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import {
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

class World {
  readonly clock = new ManualClock(NOW);
  readonly woo = new InMemoryWooCommerce({ clock: this.clock, filterName: ksesLike });
  readonly store = new InMemorySyncStore();
  readonly config: CatalogPlannerConfig;
  items: BalanceCatalogItem[];

  constructor(names: string[], nameOwnership: OwnershipMode = 'balance-unless-edited') {
    this.items = names.map((name, n) => item(uid(n + 1), `SKU-${n + 1}`, name));
    this.config = makeConfig({
      catalog: { ownership: { name: nameOwnership } },
    });
  }

  async snapshot(): Promise<CatalogSnapshot> {
    return {
      storeId: 'main',
      scope: 'items',
      balance: {
        items: [...standardGroups(), ...this.items],
        prices: this.items.map((i) => ({ priceType: PRICE.retail, item: i.uid, price: '10.00' })),
        stocks: this.items.map((i) => ({
          item: i.uid,
          warehouse: WAREHOUSE.main,
          quantity: '5',
          reserve: '0',
        })),
        pricingDocuments: [],
        discounts: [],
      },
      store: {
        products: await collect(this.woo.products.list()),
        categories: await collect(this.woo.categories.list()),
        pendingOrders: [],
      },
      mappings: {
        products: await this.store.products.list('main'),
        categories: await this.store.categories.list('main'),
      },
    };
  }

  async plan(): Promise<CatalogPlan> {
    return new CatalogPlanner(this.config).plan(await this.snapshot(), this.clock.now());
  }

  async apply(plan: CatalogPlan) {
    const applier = new CatalogApplier({
      config: this.config,
      woo: this.woo,
      store: this.store,
      clock: this.clock,
      logger: silentLogger,
      events: new EventEmitter<CatalogEventMap>(),
    });
    const result = await applier.apply(plan, new Map());
    expect(result.failures).toEqual([]);
    return result;
  }

  async mapping(n: number): Promise<ProductMapping> {
    const found = (await this.store.products.list('main')).find((m) => m.balanceUid === uid(n));
    if (!found) throw new Error(`no mapping for item ${n}`);
    return found;
  }

  async storedName(n: number): Promise<string | undefined> {
    const { wooId } = await this.mapping(n);
    return (await this.woo.products.getByIds([wooId]))[0]?.name;
  }

  /** A person renames the product in wp-admin. */
  async editName(n: number, name: string): Promise<void> {
    const { wooId } = await this.mapping(n);
    const { outcomes } = await this.woo.products.batch({ update: [{ id: wooId, name }] });
    expect(outcomes[0]?.status).toBe('updated');
  }
}

const entryOf = (plan: CatalogPlan, n: number): CatalogPlanEntry => {
  const entry = plan.entries.find((e) => e.balanceUid === uid(n));
  if (!entry) throw new Error(`no entry for item ${n}`);
  return entry;
};

// Balance name → what the store keeps of it.
const NAMES: Array<[string, string, string]> = [
  ['script', '<script>alert(1)</script>Espresso 250g', 'Espresso 250g'],
  ['tags', '<b>Bold</b> beans', 'Bold beans'],
  ['empty', '', 'Product'],
  ['entities', 'Tom & Jerry “cups”', 'Tom &amp; Jerry “cups”'],
  ['trailing spaces', 'Green tea   ', 'Green tea'],
  ['plain', 'ყავა ესპრესო', 'ყავა ესპრესო'],
];

describe.each(['balance-unless-edited', 'balance'] as const)(
  'names WooCommerce stores differently (name owned by %s)',
  (ownership) => {
    it.each(NAMES.map(([label, sent, stored], n) => [label, sent, stored, n + 1] as const))(
      '%s: created, then unchanged on the next run',
      async (_label, sent, stored, n) => {
        const world = new World(
          NAMES.map(([, name]) => name),
          ownership,
        );
        const first = await world.plan();
        expect(entryOf(first, n)).toMatchObject({ kind: 'create' });
        expect(entryOf(first, n).write?.fields.name).toBe(sent.trim());
        await world.apply(first);
        expect(await world.storedName(n)).toBe(stored);

        // The mapping holds what the store stored and, only where it differs, what was sent.
        const { lastPushed } = await world.mapping(n);
        expect(lastPushed.name).toBe(stored);
        expect(lastPushed.sent).toEqual(stored === sent.trim() ? undefined : { name: sent.trim() });

        const second = await world.plan();
        expect(entryOf(second, n)).toMatchObject({ kind: 'unchanged' });
        expect(entryOf(second, n).reason).toBeUndefined();
        expect(entryOf(second, n).record).toBeUndefined();
        expect(second.summary.productWrites).toBe(0);
        expect(second.summary.conflict).toBe(0);
        expect(second.entries.every((e) => e.record === undefined)).toBe(true);
      },
    );

    it('a real edit in the store is still an edit; a real change in Balance is still written', async () => {
      const world = new World(
        NAMES.map(([, name]) => name),
        ownership,
      );
      await world.apply(await world.plan());

      // A person renames two products.
      await world.editName(1, 'My espresso');
      await world.editName(3, 'Named by hand');
      const edited = await world.plan();
      for (const n of [1, 3]) {
        const entry = entryOf(edited, n);
        if (ownership === 'balance-unless-edited') {
          expect(entry).toMatchObject({ kind: 'conflict', reason: 'edited-in-store' });
          // The conflict shows what the store had stored from the last write.
          expect(entry.conflicts?.[0]).toMatchObject({
            field: 'name',
            lastPushed: NAMES[n - 1]?.[2],
          });
        } else {
          expect(entry).toMatchObject({ kind: 'update' });
          expect(entry.write?.fields.name).toBe(NAMES[n - 1]?.[1].trim());
        }
      }
      expect(entryOf(edited, 2).kind).toBe('unchanged');

      // Balance renames another item: written under either ownership.
      const renamed = world.items[1] as BalanceCatalogItem;
      world.items[1] = { ...renamed, name: '<i>Italic</i> beans' };
      const changed = await world.plan();
      expect(entryOf(changed, 2)).toMatchObject({ kind: 'update' });
      expect(entryOf(changed, 2).write?.fields).toEqual({ name: '<i>Italic</i> beans' });
      await world.apply(changed);
      expect(await world.storedName(2)).toBe('Italic beans');
      expect((await world.mapping(2)).lastPushed).toMatchObject({
        name: 'Italic beans',
        sent: { name: '<i>Italic</i> beans' },
      });
      // Nothing is left to write: under `balance` the edits were overwritten by that apply,
      // under `balance-unless-edited` they are kept (and still reported).
      const after = await world.plan();
      expect(entryOf(after, 2).kind).toBe('unchanged');
      expect(after.summary.productWrites).toBe(0);
      expect(after.summary.conflict).toBe(ownership === 'balance' ? 0 : 2);
    });

    it('once the store holds Balance’s value again, the value sent is forgotten (recorded once)', async () => {
      const world = new World(['Tom & Jerry'], ownership);
      await world.apply(await world.plan());
      expect((await world.mapping(1)).lastPushed.sent).toEqual({ name: 'Tom & Jerry' });
      // Balance's name becomes what the store shows.
      world.items[0] = { ...(world.items[0] as BalanceCatalogItem), name: 'Tom &amp; Jerry' };
      const plan = await world.plan();
      expect(entryOf(plan, 1)).toMatchObject({ kind: 'unchanged' });
      expect(entryOf(plan, 1).write).toBeUndefined();
      expect(entryOf(plan, 1).record?.pushed).toMatchObject({ name: 'Tom &amp; Jerry' });
      expect(entryOf(plan, 1).record?.pushed.sent).toBeUndefined();
      await world.apply(plan);
      expect((await world.mapping(1)).lastPushed.sent).toBeUndefined();
      expect(entryOf(await world.plan(), 1).record).toBeUndefined();
    });
  },
);

describe('mappings written before the values sent were recorded', () => {
  it('plan as before: no `sent`, the last pushed value is the only baseline', async () => {
    const world = new World(['Espresso']);
    await world.apply(await world.plan());
    const mapping = await world.mapping(1);
    // What an earlier version stored: the value sent, no companion.
    expect(mapping.lastPushed.sent).toBeUndefined();
    expect(mapping.lastPushed.name).toBe('Espresso');
    expect(entryOf(await world.plan(), 1).kind).toBe('unchanged');
    world.items[0] = { ...(world.items[0] as BalanceCatalogItem), name: 'Espresso 500g' };
    const plan = await world.plan();
    expect(entryOf(plan, 1)).toMatchObject({ kind: 'update' });
    expect(entryOf(plan, 1).write?.fields).toEqual({ name: 'Espresso 500g' });
  });

  it('an old plan without `sent` in its records still applies, recording what the store stored', async () => {
    const world = new World(['<script>x</script>Beans']);
    const plan = await world.plan();
    // Plans carry `record.pushed` as before; nothing new is needed to apply one.
    expect(entryOf(plan, 1).record?.pushed.sent).toBeUndefined();
    await world.apply(plan);
    expect((await world.mapping(1)).lastPushed).toMatchObject({
      name: 'Beans',
      sent: { name: '<script>x</script>Beans' },
    });
  });
});
