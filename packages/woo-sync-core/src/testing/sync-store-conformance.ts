import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ApplyJournalEntry,
  CategoryMapping,
  LedgerEntry,
  LedgerQuery,
  LedgerState,
  NewLedgerEntry,
  ProductMapping,
  RunReport,
  SyncStore,
} from '../ports/sync-store.js';

/**
 * Creates a fresh, open {@link SyncStore} for one test. Stores from one factory may share a
 * database: every test writes under store ids of its own.
 *
 * @example
 * ```ts
 * const factory: SyncStoreFactory = () => createSqliteStore({ path: ':memory:' });
 * ```
 */
export type SyncStoreFactory = () => SyncStore | Promise<SyncStore>;

const BASE_MS = Date.parse('2026-11-27T08:00:00.000Z');

/** An instant `seconds` after the suite's base time, as `Date#toISOString` writes it. */
function at(seconds: number): string {
  return new Date(BASE_MS + seconds * 1000).toISOString();
}

/** A payload that exercises JSON storage: Georgian text, emoji, nesting, big safe integers. */
const TRICKY_PAYLOAD = {
  Date: '2026-11-27T12:00:00',
  Client: 'შპს „ბალანსი" — თბილისი',
  Comment: 'Order #1042 🧾✅ 👩🏽‍💻 "quoted" \\ back\\slash\nnew line\ttab',
  Items: [
    { Item: 'ხაჭაპური', Quantity: 2, Price: 12.5, Discount: 0 },
    { Item: 'ლობიანი', Quantity: 1, Price: 0.1, Discount: -0.25, Tags: [] },
  ],
  Totals: { Max: Number.MAX_SAFE_INTEGER, Min: -Number.MAX_SAFE_INTEGER, Zero: 0 },
  Flags: { paid: true, shipped: false, note: null, empty: {} },
  Nested: { a: { b: { c: { d: ['deep', 1, true, null, { e: 'ე' }] } } } },
};

function newLedgerEntry(
  storeId: string,
  key: string,
  overrides: Partial<NewLedgerEntry> = {},
): NewLedgerEntry {
  return {
    storeId,
    key,
    uid: randomUUID(),
    kind: 'sale',
    orderId: 1042,
    refundId: null,
    template: 'Sale',
    payloadHash: `hash-of-${key}`,
    payload: { Number: key, Items: [{ Item: 'ხაჭაპური', Quantity: 1 }] },
    totalMinor: 1250,
    currency: 'GEL',
    state: 'pending',
    attempts: 0,
    lastError: null,
    drift: null,
    createdAt: at(0),
    updatedAt: at(0),
    exportedAt: null,
    ...overrides,
  };
}

function productMapping(
  balanceUid: string,
  overrides: Partial<ProductMapping> = {},
): ProductMapping {
  return {
    balanceUid,
    wooId: 100,
    wooParentId: 0,
    sku: `SKU-${balanceUid}`,
    lastPushed: {
      name: 'ჩაი 🍵',
      regularPrice: '12.50',
      salePrice: '9.99',
      saleFrom: null,
      saleTo: '2026-12-31T23:59:59Z',
      stockQuantity: null,
      categoryIds: [3, 7],
      status: 'publish',
    },
    updatedAt: at(0),
    ...overrides,
  };
}

function categoryMapping(
  groupUid: string,
  overrides: Partial<CategoryMapping> = {},
): CategoryMapping {
  return { groupUid, wooCategoryId: 10, origin: 'configured', updatedAt: at(0), ...overrides };
}

function runReport(storeId: string, id: string, overrides: Partial<RunReport> = {}): RunReport {
  return {
    id,
    storeId,
    kind: 'catalog-plan',
    status: 'succeeded',
    startedAt: at(0),
    finishedAt: at(5),
    summary: { create: 12, update: 3, failed: 0 },
    ...overrides,
  };
}

const ALL_STATES: readonly LedgerState[] = ['pending', 'sent', 'exported', 'failed', 'dead'];

/** Reads every page of a ledger query, checking that paging never repeats a row. */
async function readAllPages(
  store: SyncStore,
  query: Omit<LedgerQuery, 'cursor'>,
): Promise<{ entries: LedgerEntry[]; pages: number }> {
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.ledger.list(cursor === undefined ? query : { ...query, cursor });
    pages += 1;
    entries.push(...page.entries);
    cursor = page.next;
    if (pages > 1000) throw new Error('ledger.list never reached its last page');
  } while (cursor !== undefined);
  return { entries, pages };
}

function byUpdatedThenKey(a: LedgerEntry, b: LedgerEntry): number {
  const ms = Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
  if (ms !== 0) return ms;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The behaviour every {@link SyncStore} adapter must have. Registers a vitest `describe`
 * block that runs each case on a fresh store from `factory` and closes it afterwards.
 *
 * What it pins down, beyond the port's doc comments:
 * - `list` results come sorted: products by `balanceUid`, categories by `groupUid`, journal
 *   lines by `entryId`, `listByOrder` by `(createdAt, key)`, run reports newest `startedAt`
 *   first (ties by `id` descending), ledger pages by `(updatedAt, key)` compared as instants.
 * - Batches with a repeated id keep the last occurrence. Empty batches are no-ops.
 * - Values come back as JSON would give them (optional fields absent, never `undefined`),
 *   deep-copied both ways.
 * - `settings.set(storeId, key, undefined)` removes the setting.
 * - `states: []` / `kinds: []` in a ledger query filter nothing.
 * - Errors carry stable codes: `invalid_timestamp` (a ledger `createdAt`/`updatedAt`, a run's
 *   `startedAt` or a query bound that is not an ISO instant with a zone), `invalid_cursor`,
 *   `invalid_query` (a `limit` that is not a positive integer), `store_closed` (any call
 *   after `close()`; closing twice is fine).
 *
 * @example
 * ```ts
 * import { describeSyncStoreConformance, InMemorySyncStore } from '@balance-sync/woo-sync-core/testing';
 *
 * describeSyncStoreConformance('in-memory', () => new InMemorySyncStore());
 * ```
 */
export function describeSyncStoreConformance(name: string, factory: SyncStoreFactory): void {
  describe(`SyncStore conformance: ${name}`, () => {
    let store: SyncStore;
    let storeId: string;
    let otherStoreId: string;

    beforeEach(async () => {
      store = await factory();
      const suffix = randomUUID().slice(0, 8);
      storeId = `store-${suffix}`;
      otherStoreId = `other-${suffix}`;
    });

    afterEach(async () => {
      await store.close();
    });

    describe('products', () => {
      it('lists nothing for a store without mappings', async () => {
        expect(await store.products.list(storeId)).toStrictEqual([]);
      });

      it('inserts mappings and lists them by balanceUid, values intact', async () => {
        const b = productMapping('b-uid', { wooId: 2 ** 40, wooParentId: 55 });
        const a = productMapping('a-uid', { lastPushed: {} });
        await store.products.upsert(storeId, [b, a]);
        expect(await store.products.list(storeId)).toStrictEqual([a, b]);
      });

      it('replaces a mapping by balanceUid as a whole', async () => {
        await store.products.upsert(storeId, [productMapping('u1'), productMapping('u2')]);
        const replaced = productMapping('u1', {
          wooId: 101,
          sku: 'NEW-SKU',
          lastPushed: { regularPrice: '15.00', stockQuantity: 4 },
          updatedAt: at(60),
        });
        await store.products.upsert(storeId, [replaced]);
        expect(await store.products.list(storeId)).toStrictEqual([replaced, productMapping('u2')]);
      });

      it('keeps the last of repeated balanceUids in one batch; empty batches do nothing', async () => {
        await store.products.upsert(storeId, [
          productMapping('u1', { sku: 'first' }),
          productMapping('u1', { sku: 'second' }),
        ]);
        await store.products.upsert(storeId, []);
        await store.products.remove(storeId, []);
        expect(await store.products.list(storeId)).toStrictEqual([
          productMapping('u1', { sku: 'second' }),
        ]);
      });

      it('removes listed mappings and ignores unknown uids', async () => {
        await store.products.upsert(
          storeId,
          ['u1', 'u2', 'u3'].map((uid) => productMapping(uid)),
        );
        await store.products.remove(storeId, ['u1', 'u3', 'missing']);
        expect(await store.products.list(storeId)).toStrictEqual([productMapping('u2')]);
      });

      it('keeps the values sent next to the values stored (lastPushed.sent), and mappings without them', async () => {
        const withSent = productMapping('u1', {
          sku: 'KS 3',
          lastPushed: {
            name: 'Product',
            stockQuantity: null,
            categoryIds: [15],
            sent: { name: '', sku: 'KS  3', stockQuantity: 4, categoryIds: [404] },
          },
        });
        const without = productMapping('u2');
        await store.products.upsert(storeId, [withSent, without]);
        const listed = await store.products.list(storeId);
        expect(listed).toStrictEqual([withSent, without]);
        expect('sent' in (listed[1]?.lastPushed ?? {})).toBe(false);
      });

      it('copies values in and out', async () => {
        const input = productMapping('u1');
        await store.products.upsert(storeId, [input]);
        input.sku = 'mutated';
        input.lastPushed.categoryIds?.push(99);
        const [listed] = await store.products.list(storeId);
        expect(listed).toStrictEqual(productMapping('u1'));
        listed!.lastPushed.name = 'mutated';
        expect(await store.products.list(storeId)).toStrictEqual([productMapping('u1')]);
      });
    });

    describe('categories', () => {
      it('inserts, lists by groupUid, replaces and removes', async () => {
        expect(await store.categories.list(storeId)).toStrictEqual([]);
        const g2 = categoryMapping('g2', { origin: 'created', wooCategoryId: 22 });
        const g1 = categoryMapping('g1', { origin: 'adopted' });
        const g3 = categoryMapping('g3');
        await store.categories.upsert(storeId, [g2, g1, g3]);
        expect(await store.categories.list(storeId)).toStrictEqual([g1, g2, g3]);

        const g1b = categoryMapping('g1', {
          wooCategoryId: 11,
          origin: 'configured',
          updatedAt: at(9),
        });
        await store.categories.upsert(storeId, [g1b, categoryMapping('g1', { wooCategoryId: 12 })]);
        await store.categories.remove(storeId, ['g3', 'missing']);
        expect(await store.categories.list(storeId)).toStrictEqual([
          categoryMapping('g1', { wooCategoryId: 12 }),
          g2,
        ]);
      });
    });

    describe('applyJournal', () => {
      it('returns nothing for an unknown plan', async () => {
        expect(await store.applyJournal.get(storeId, 'plan-x')).toStrictEqual([]);
      });

      it('records lines, returns them by entryId, omits absent optional fields', async () => {
        const lines: ApplyJournalEntry[] = [
          { entryId: 'e2', state: 'in-flight', updatedAt: at(1) },
          { entryId: 'e1', state: 'done', wooId: 2 ** 33, updatedAt: at(2) },
          { entryId: 'e3', state: 'failed', error: 'SKU „X-1" უკვე არსებობს', updatedAt: at(3) },
        ];
        await store.applyJournal.record(storeId, 'plan-a', lines);
        expect(await store.applyJournal.get(storeId, 'plan-a')).toStrictEqual([
          lines[1],
          lines[0],
          lines[2],
        ]);
      });

      it('replaces lines by entryId and keeps the others', async () => {
        await store.applyJournal.record(storeId, 'plan-a', [
          { entryId: 'e1', state: 'in-flight', updatedAt: at(1) },
          { entryId: 'e2', state: 'in-flight', updatedAt: at(1) },
        ]);
        await store.applyJournal.record(storeId, 'plan-a', [
          { entryId: 'e1', state: 'failed', error: 'first', updatedAt: at(2) },
          { entryId: 'e1', state: 'done', wooId: 7, updatedAt: at(3) },
        ]);
        await store.applyJournal.record(storeId, 'plan-a', []);
        expect(await store.applyJournal.get(storeId, 'plan-a')).toStrictEqual([
          { entryId: 'e1', state: 'done', wooId: 7, updatedAt: at(3) },
          { entryId: 'e2', state: 'in-flight', updatedAt: at(1) },
        ]);
      });

      it('keeps plans apart and clears one plan only', async () => {
        const line: ApplyJournalEntry = { entryId: 'e1', state: 'done', updatedAt: at(1) };
        await store.applyJournal.record(storeId, 'plan-a', [line]);
        await store.applyJournal.record(storeId, 'plan-b', [{ ...line, state: 'failed' }]);
        await store.applyJournal.clear(storeId, 'plan-a');
        await store.applyJournal.clear(storeId, 'plan-unknown');
        expect(await store.applyJournal.get(storeId, 'plan-a')).toStrictEqual([]);
        expect(await store.applyJournal.get(storeId, 'plan-b')).toStrictEqual([
          { ...line, state: 'failed' },
        ]);
      });
    });

    describe('runs', () => {
      it('saves and gets a report with its JSON details', async () => {
        const report = runReport(storeId, 'run-1', {
          kind: 'export-dry-run',
          status: 'partial',
          details: TRICKY_PAYLOAD,
          error: 'Balance: „კლიენტი ვერ მოიძებნა"',
        });
        await store.runs.save(report);
        expect(await store.runs.get(storeId, 'run-1')).toStrictEqual(report);
        expect(await store.runs.get(storeId, 'run-unknown')).toBeUndefined();
      });

      it('keeps a running report without details as it is', async () => {
        const report = runReport(storeId, 'run-1', { status: 'running', finishedAt: null });
        await store.runs.save(report);
        expect(await store.runs.get(storeId, 'run-1')).toStrictEqual(report);
      });

      it('replaces a report by id', async () => {
        await store.runs.save(runReport(storeId, 'run-1', { status: 'running', finishedAt: null }));
        const finished = runReport(storeId, 'run-1', { status: 'failed', error: 'timeout' });
        await store.runs.save(finished);
        expect(await store.runs.get(storeId, 'run-1')).toStrictEqual(finished);
        expect(await store.runs.list(storeId)).toStrictEqual([finished]);
      });

      it('lists newest first, 50 by default, with a limit and a kind filter', async () => {
        for (let i = 0; i < 55; i += 1) {
          await store.runs.save(
            runReport(storeId, `run-${String(i).padStart(2, '0')}`, {
              kind: i % 5 === 0 ? 'sweep' : 'catalog-apply',
              startedAt: at(i * 10),
            }),
          );
        }
        const all = await store.runs.list(storeId);
        expect(all).toHaveLength(50);
        expect(all.map((r) => r.id).slice(0, 3)).toStrictEqual(['run-54', 'run-53', 'run-52']);
        expect(all.at(-1)?.id).toBe('run-05');

        const three = await store.runs.list(storeId, { limit: 3 });
        expect(three.map((r) => r.id)).toStrictEqual(['run-54', 'run-53', 'run-52']);

        const sweeps = await store.runs.list(storeId, { kind: 'sweep', limit: 4 });
        expect(sweeps.map((r) => r.id)).toStrictEqual(['run-50', 'run-45', 'run-40', 'run-35']);
        expect(await store.runs.list(storeId, { kind: 'reconcile' })).toStrictEqual([]);
      });

      it('orders by instant, not by how the instant is written; ties by id descending', async () => {
        await store.runs.save(runReport(storeId, 'a', { startedAt: '2026-11-27T08:00:01Z' }));
        await store.runs.save(runReport(storeId, 'b', { startedAt: '2026-11-27T08:00:00.500Z' }));
        await store.runs.save(runReport(storeId, 'c', { startedAt: '2026-11-27T12:00:01+04:00' }));
        await store.runs.save(runReport(storeId, 'd', { startedAt: '2026-11-27T08:00:02.000Z' }));
        const ids = (await store.runs.list(storeId)).map((r) => r.id);
        expect(ids).toStrictEqual(['d', 'c', 'a', 'b']);
        const c = await store.runs.get(storeId, 'c');
        expect(c?.startedAt).toBe('2026-11-27T12:00:01+04:00');
      });

      it('rejects a report whose startedAt is not an instant', async () => {
        await expect(
          store.runs.save(runReport(storeId, 'bad', { startedAt: 'yesterday' })),
        ).rejects.toMatchObject({ code: 'invalid_timestamp' });
        await expect(
          store.runs.save(runReport(storeId, 'bad', { startedAt: '2026-11-27T08:00:00' })),
        ).rejects.toMatchObject({ code: 'invalid_timestamp' });
        expect(await store.runs.get(storeId, 'bad')).toBeUndefined();
      });

      it('rejects a limit that is not a positive integer', async () => {
        await expect(store.runs.list(storeId, { limit: 0 })).rejects.toMatchObject({
          code: 'invalid_query',
        });
      });
    });

    describe('ledger: insert and get', () => {
      it('returns undefined for an unknown key', async () => {
        expect(await store.ledger.get(storeId, 'sale:1')).toBeUndefined();
      });

      it('inserts a new row at version 1 and gets it back intact', async () => {
        const input = newLedgerEntry(storeId, 'credit:77', {
          kind: 'credit',
          refundId: 77,
          template: 'SalesCredit',
          payload: TRICKY_PAYLOAD,
          totalMinor: Number.MAX_SAFE_INTEGER,
          lastError: {
            code: 'balance_http_error',
            message: 'Balance rejected the document',
            messages: ['დოკუმენტი უკვე არსებობს', 'Second 🙈'],
            status: 400,
            at: at(1),
          },
          drift: { detectedAt: at(2), payloadHash: 'abc', summary: 'line 2 quantity 1 → 2' },
          exportedAt: at(3),
          state: 'failed',
          attempts: 3,
        });
        const result = await store.ledger.insert(input);
        const expected: LedgerEntry = { ...input, version: 1 };
        expect(result).toStrictEqual({ entry: expected, inserted: true });
        expect(await store.ledger.get(storeId, 'credit:77')).toStrictEqual(expected);
      });

      it('keeps the existing row on a second insert and returns it', async () => {
        const first = newLedgerEntry(storeId, 'sale:1042');
        await store.ledger.insert(first);
        const moved = await store.ledger.update(storeId, 'sale:1042', 1, {
          state: 'sent',
          attempts: 1,
          updatedAt: at(5),
        });
        const second = await store.ledger.insert(
          newLedgerEntry(storeId, 'sale:1042', { payload: { other: true }, totalMinor: 1 }),
        );
        expect(second).toStrictEqual({ entry: moved, inserted: false });
        expect(second.entry.version).toBe(2);
      });

      it('sets version 1 whatever the caller passes', async () => {
        const withVersion = { ...newLedgerEntry(storeId, 'sale:1'), version: 42 } as NewLedgerEntry;
        const { entry } = await store.ledger.insert(withVersion);
        expect(entry.version).toBe(1);
      });

      it('lets exactly one of many parallel inserts of a key win', async () => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.ledger.insert(newLedgerEntry(storeId, 'sale:race', { totalMinor: i })),
          ),
        );
        const winners = results.filter((r) => r.inserted);
        expect(winners).toHaveLength(1);
        for (const result of results) expect(result.entry).toStrictEqual(winners[0]!.entry);
      });

      it('rejects a row whose timestamps are not instants and stores nothing', async () => {
        await expect(
          store.ledger.insert(newLedgerEntry(storeId, 'sale:1', { updatedAt: 'not a date' })),
        ).rejects.toMatchObject({ code: 'invalid_timestamp' });
        await expect(
          store.ledger.insert(newLedgerEntry(storeId, 'sale:2', { createdAt: '27/11/2026' })),
        ).rejects.toMatchObject({ code: 'invalid_timestamp' });
        expect(await store.ledger.get(storeId, 'sale:1')).toBeUndefined();
        expect(await store.ledger.get(storeId, 'sale:2')).toBeUndefined();
      });

      it('round-trips every JSON shape of a payload', async () => {
        const payloads: unknown[] = [
          TRICKY_PAYLOAD,
          [],
          {},
          'ერთი სტრიქონი 🎉',
          0,
          -1.5,
          Number.MAX_SAFE_INTEGER,
          true,
          null,
          [[[['ღრმა']]]],
        ];
        for (const [i, payload] of payloads.entries()) {
          const { entry } = await store.ledger.insert(
            newLedgerEntry(storeId, `p:${i}`, { payload }),
          );
          expect(entry.payload).toStrictEqual(payload);
          expect((await store.ledger.get(storeId, `p:${i}`))?.payload).toStrictEqual(payload);
        }
      });

      it('copies values in and out', async () => {
        const input = newLedgerEntry(storeId, 'sale:1', { payload: { Items: [{ Quantity: 1 }] } });
        const { entry } = await store.ledger.insert(input);
        (input.payload as { Items: { Quantity: number }[] }).Items[0]!.Quantity = 99;
        (entry.payload as { Items: { Quantity: number }[] }).Items[0]!.Quantity = 98;
        entry.state = 'dead';
        const stored = await store.ledger.get(storeId, 'sale:1');
        expect(stored?.payload).toStrictEqual({ Items: [{ Quantity: 1 }] });
        expect(stored?.state).toBe('pending');
      });
    });

    describe('ledger: compare-and-set update', () => {
      it('applies the patch, increments the version and leaves other fields alone', async () => {
        const { entry } = await store.ledger.insert(newLedgerEntry(storeId, 'sale:1'));
        const sent = await store.ledger.update(storeId, 'sale:1', 1, {
          state: 'sent',
          attempts: 1,
          updatedAt: at(10),
        });
        expect(sent).toStrictEqual({
          ...entry,
          state: 'sent',
          attempts: 1,
          updatedAt: at(10),
          version: 2,
        });
        expect(await store.ledger.get(storeId, 'sale:1')).toStrictEqual(sent);
      });

      it('walks pending → sent → failed → sent → exported with versions 1..5', async () => {
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:1'));
        const error = {
          code: 'balance_http_error',
          message: 'HTTP 500',
          messages: ['შიდა შეცდომა'],
          status: 500,
          at: at(2),
        };
        const steps = [
          { state: 'sent', attempts: 1, updatedAt: at(1) },
          { state: 'failed', lastError: error, updatedAt: at(2) },
          { state: 'sent', attempts: 2, lastError: null, updatedAt: at(3) },
          {
            state: 'exported',
            exportedAt: at(4),
            payload: { replaced: ['ახალი'] },
            payloadHash: 'new-hash',
            totalMinor: 999,
            drift: { detectedAt: at(4), payloadHash: 'h2', summary: 'price changed' },
            updatedAt: at(4),
          },
        ] as const;
        let version = 1;
        for (const patch of steps) {
          const next = await store.ledger.update(storeId, 'sale:1', version, patch);
          expect(next?.version).toBe(version + 1);
          expect(next?.state).toBe(patch.state);
          version += 1;
        }
        const final = await store.ledger.get(storeId, 'sale:1');
        expect(final).toMatchObject({
          state: 'exported',
          attempts: 2,
          lastError: null,
          exportedAt: at(4),
          payload: { replaced: ['ახალი'] },
          payloadHash: 'new-hash',
          totalMinor: 999,
          drift: { detectedAt: at(4), payloadHash: 'h2', summary: 'price changed' },
          updatedAt: at(4),
          version: 5,
        });
      });

      it('clears drift and lastError with null and skips fields given as undefined', async () => {
        await store.ledger.insert(
          newLedgerEntry(storeId, 'sale:1', {
            state: 'failed',
            attempts: 2,
            exportedAt: at(1),
            drift: { detectedAt: at(1), payloadHash: 'x', summary: 's' },
            lastError: { code: 'c', message: 'm', messages: [], at: at(1) },
          }),
        );
        const next = await store.ledger.update(storeId, 'sale:1', 1, {
          drift: null,
          lastError: null,
          state: undefined,
          attempts: undefined,
          exportedAt: undefined,
          payload: undefined,
          updatedAt: at(2),
        });
        expect(next).toMatchObject({
          drift: null,
          lastError: null,
          state: 'failed',
          attempts: 2,
          exportedAt: at(1),
          payload: newLedgerEntry(storeId, 'sale:1').payload,
        });
      });

      it('refuses a stale version and leaves the row untouched', async () => {
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:1'));
        const moved = await store.ledger.update(storeId, 'sale:1', 1, {
          state: 'sent',
          updatedAt: at(1),
        });
        expect(
          await store.ledger.update(storeId, 'sale:1', 1, { state: 'dead', updatedAt: at(2) }),
        ).toBeUndefined();
        expect(
          await store.ledger.update(storeId, 'sale:1', 3, { state: 'dead', updatedAt: at(2) }),
        ).toBeUndefined();
        expect(await store.ledger.get(storeId, 'sale:1')).toStrictEqual(moved);
      });

      it('returns undefined for a missing row and creates nothing', async () => {
        expect(
          await store.ledger.update(storeId, 'sale:404', 1, { state: 'sent', updatedAt: at(1) }),
        ).toBeUndefined();
        expect(await store.ledger.get(storeId, 'sale:404')).toBeUndefined();
      });

      it('lets exactly one of many parallel updates with the same version win', async () => {
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:race'));
        const results = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            store.ledger.update(storeId, 'sale:race', 1, {
              state: 'sent',
              attempts: i + 1,
              updatedAt: at(1),
            }),
          ),
        );
        const winners = results.filter((r) => r !== undefined);
        expect(winners).toHaveLength(1);
        const stored = await store.ledger.get(storeId, 'sale:race');
        expect(stored).toStrictEqual(winners[0]);
        expect(stored?.version).toBe(2);
      });

      it('rejects a patch whose updatedAt is not an instant and keeps the row', async () => {
        const { entry } = await store.ledger.insert(newLedgerEntry(storeId, 'sale:1'));
        await expect(
          store.ledger.update(storeId, 'sale:1', 1, { state: 'sent', updatedAt: 'later' }),
        ).rejects.toMatchObject({ code: 'invalid_timestamp' });
        expect(await store.ledger.get(storeId, 'sale:1')).toStrictEqual(entry);
      });
    });

    describe('ledger: listByOrder and counts', () => {
      it('lists the rows of one order by createdAt, then key', async () => {
        await store.ledger.insert(
          newLedgerEntry(storeId, 'return:1042:r1', {
            kind: 'return',
            createdAt: at(30),
            updatedAt: at(30),
          }),
        );
        await store.ledger.insert(
          newLedgerEntry(storeId, 'credit:9', { kind: 'credit', refundId: 9, createdAt: at(20) }),
        );
        await store.ledger.insert(
          newLedgerEntry(storeId, 'credit:8', { kind: 'credit', refundId: 8, createdAt: at(20) }),
        );
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:1042', { createdAt: at(10) }));
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:1043', { orderId: 1043 }));
        await store.ledger.insert(newLedgerEntry(otherStoreId, 'sale:1042-other'));
        const rows = await store.ledger.listByOrder(storeId, 1042);
        expect(rows.map((r) => r.key)).toStrictEqual([
          'sale:1042',
          'credit:8',
          'credit:9',
          'return:1042:r1',
        ]);
        expect(await store.ledger.listByOrder(storeId, 7)).toStrictEqual([]);
        expect(rows[0]).toStrictEqual(await store.ledger.get(storeId, 'sale:1042'));
      });

      it('counts rows per state, with every state present', async () => {
        expect(await store.ledger.counts(storeId)).toStrictEqual({
          pending: 0,
          sent: 0,
          exported: 0,
          failed: 0,
          dead: 0,
        });
        const plan: Record<LedgerState, number> = {
          pending: 3,
          sent: 2,
          exported: 4,
          failed: 1,
          dead: 0,
        };
        let n = 0;
        for (const state of ALL_STATES) {
          for (let i = 0; i < plan[state]; i += 1) {
            await store.ledger.insert(newLedgerEntry(storeId, `sale:${n}`));
            if (state !== 'pending') {
              await store.ledger.update(storeId, `sale:${n}`, 1, { state, updatedAt: at(1) });
            }
            n += 1;
          }
        }
        await store.ledger.insert(newLedgerEntry(otherStoreId, 'sale:x'));
        expect(await store.ledger.counts(storeId)).toStrictEqual(plan);
      });
    });

    describe('ledger: list', () => {
      /** 25 rows: 5 instants × 5 keys, inserted out of order, mixed kinds and states. */
      async function seedGrid(): Promise<LedgerEntry[]> {
        const rows: LedgerEntry[] = [];
        const keys = ['k-c', 'k-a', 'k-e', 'k-b', 'k-d'];
        for (const second of [40, 10, 30, 0, 20]) {
          for (const [i, key] of keys.entries()) {
            const { entry } = await store.ledger.insert(
              newLedgerEntry(storeId, `${key}-${second}`, {
                kind: i % 2 === 0 ? 'sale' : 'credit',
                orderId: 2000 + i,
                createdAt: at(second),
                updatedAt: at(second),
              }),
            );
            rows.push(entry);
          }
        }
        await store.ledger.insert(newLedgerEntry(otherStoreId, 'k-a-0'));
        return rows.sort(byUpdatedThenKey);
      }

      it('returns rows by (updatedAt, key), 100 by default', async () => {
        const rows = await seedGrid();
        const page = await store.ledger.list({ storeId });
        expect(page.entries).toStrictEqual(rows);
        expect(page.next).toBeUndefined();
      });

      it('pages with a cursor across rows sharing updatedAt, without gaps or repeats', async () => {
        const rows = await seedGrid();
        for (const limit of [1, 3, 7, 24]) {
          const { entries, pages } = await readAllPages(store, { storeId, limit });
          expect(entries.map((e) => e.key)).toStrictEqual(rows.map((e) => e.key));
          expect(pages).toBe(Math.ceil(rows.length / limit));
        }
      });

      it('gives no cursor when the last page is exactly full', async () => {
        await seedGrid();
        const first = await store.ledger.list({ storeId, limit: 20 });
        expect(first.entries).toHaveLength(20);
        expect(first.next).toEqual(expect.any(String));
        const second = await store.ledger.list({ storeId, limit: 5, cursor: first.next });
        expect(second.entries).toHaveLength(5);
        expect(second.next).toBeUndefined();
      });

      it('limits a page to 100 rows by default', async () => {
        for (let i = 0; i < 105; i += 1) {
          await store.ledger.insert(newLedgerEntry(storeId, `sale:${String(i).padStart(3, '0')}`));
        }
        const first = await store.ledger.list({ storeId });
        expect(first.entries).toHaveLength(100);
        expect(first.entries[99]?.key).toBe('sale:099');
        const second = await store.ledger.list({ storeId, cursor: first.next });
        expect(second.entries.map((e) => e.key)).toStrictEqual([
          'sale:100',
          'sale:101',
          'sale:102',
          'sale:103',
          'sale:104',
        ]);
        expect(second.next).toBeUndefined();
      });

      it('filters by states, kinds, orderId and an inclusive updatedAt range', async () => {
        const rows = await seedGrid();
        for (const row of rows.filter((r) => r.key.startsWith('k-b'))) {
          await store.ledger.update(storeId, row.key, 1, {
            state: 'failed',
            updatedAt: row.updatedAt,
          });
        }
        for (const row of rows.filter((r) => r.key.startsWith('k-d'))) {
          await store.ledger.update(storeId, row.key, 1, {
            state: 'dead',
            updatedAt: row.updatedAt,
          });
        }
        const keysOf = async (query: Omit<LedgerQuery, 'storeId'>) =>
          (await readAllPages(store, { storeId, limit: 4, ...query })).entries.map((e) => e.key);
        const expectedKeys = (predicate: (row: LedgerEntry) => boolean) =>
          rows.filter(predicate).map((r) => r.key);

        expect(await keysOf({ states: ['failed', 'dead'] })).toStrictEqual(
          expectedKeys((r) => r.key.startsWith('k-b') || r.key.startsWith('k-d')),
        );
        expect(await keysOf({ kinds: ['credit'] })).toStrictEqual(
          expectedKeys((r) => r.kind === 'credit'),
        );
        expect(await keysOf({ orderId: 2002 })).toStrictEqual(
          expectedKeys((r) => r.orderId === 2002),
        );
        expect(await keysOf({ updatedFrom: at(10), updatedTo: at(30) })).toStrictEqual(
          expectedKeys((r) => r.updatedAt >= at(10) && r.updatedAt <= at(30)),
        );
        expect(
          await keysOf({ states: ['pending'], kinds: ['sale'], updatedFrom: at(20) }),
        ).toStrictEqual(
          expectedKeys(
            (r) =>
              r.kind === 'sale' &&
              !r.key.startsWith('k-b') &&
              !r.key.startsWith('k-d') &&
              r.updatedAt >= at(20),
          ),
        );
        expect(await keysOf({ states: [], kinds: [] })).toStrictEqual(rows.map((r) => r.key));
        expect(await keysOf({ states: ['exported'] })).toStrictEqual([]);
      });

      it('compares updatedAt as instants, whatever their spelling', async () => {
        await store.ledger.insert(
          newLedgerEntry(storeId, 'b', { updatedAt: '2026-11-27T08:00:01Z' }),
        );
        await store.ledger.insert(
          newLedgerEntry(storeId, 'a', { updatedAt: '2026-11-27T08:00:00.500Z' }),
        );
        await store.ledger.insert(
          newLedgerEntry(storeId, 'c', { updatedAt: '2026-11-27T12:00:00.750+04:00' }),
        );
        const keys = (await store.ledger.list({ storeId })).entries.map((e) => e.key);
        expect(keys).toStrictEqual(['a', 'c', 'b']);
        const ranged = await store.ledger.list({
          storeId,
          updatedFrom: '2026-11-27T08:00:00.600Z',
          updatedTo: '2026-11-27T08:00:01.000Z',
        });
        expect(ranged.entries.map((e) => e.key)).toStrictEqual(['c', 'b']);
        expect(ranged.entries[1]?.updatedAt).toBe('2026-11-27T08:00:01Z');
      });

      it('moves an updated row to its new place in the order', async () => {
        await store.ledger.insert(newLedgerEntry(storeId, 'a', { updatedAt: at(1) }));
        await store.ledger.insert(newLedgerEntry(storeId, 'b', { updatedAt: at(2) }));
        await store.ledger.update(storeId, 'a', 1, { state: 'sent', updatedAt: at(3) });
        const keys = (await store.ledger.list({ storeId })).entries.map((e) => e.key);
        expect(keys).toStrictEqual(['b', 'a']);
      });

      it('rejects a cursor it did not issue, a bad limit and a bad bound', async () => {
        await store.ledger.insert(newLedgerEntry(storeId, 'a'));
        await expect(store.ledger.list({ storeId, cursor: 'garbage!' })).rejects.toMatchObject({
          code: 'invalid_cursor',
        });
        await expect(
          store.ledger.list({ storeId, cursor: Buffer.from('{"x":1}').toString('base64url') }),
        ).rejects.toMatchObject({ code: 'invalid_cursor' });
        await expect(store.ledger.list({ storeId, limit: 0 })).rejects.toMatchObject({
          code: 'invalid_query',
        });
        await expect(store.ledger.list({ storeId, limit: 2.5 })).rejects.toMatchObject({
          code: 'invalid_query',
        });
        await expect(
          store.ledger.list({ storeId, updatedFrom: 'last week' }),
        ).rejects.toMatchObject({ code: 'invalid_timestamp' });
      });
    });

    describe('cursors, customers and settings', () => {
      it('stores change cursors by name', async () => {
        expect(await store.cursors.get(storeId, 'orders')).toBeUndefined();
        await store.cursors.set(storeId, 'orders', { timestamp: '2026-11-27T08:00:00Z', id: 1042 });
        await store.cursors.set(storeId, 'refunds', { timestamp: at(1), id: 7 });
        await store.cursors.set(storeId, 'orders', { timestamp: at(9), id: 2 ** 45 });
        expect(await store.cursors.get(storeId, 'orders')).toStrictEqual({
          timestamp: at(9),
          id: 2 ** 45,
        });
        expect(await store.cursors.get(storeId, 'refunds')).toStrictEqual({
          timestamp: at(1),
          id: 7,
        });
      });

      it('caches Balance client uids by customer key', async () => {
        expect(await store.customers.get(storeId, 'personal:01001012345')).toBeUndefined();
        await store.customers.put(storeId, 'personal:01001012345', 'uid-1');
        await store.customers.put(storeId, 'company:404404404', 'uid-2');
        await store.customers.put(storeId, 'personal:01001012345', 'uid-3');
        expect(await store.customers.get(storeId, 'personal:01001012345')).toBe('uid-3');
        expect(await store.customers.get(storeId, 'company:404404404')).toBe('uid-2');
      });

      it('round-trips settings of every JSON shape and removes one set to undefined', async () => {
        const values: unknown[] = [TRICKY_PAYLOAD, ['a', 1], 'ტექსტი', 42, 0.5, false, null, {}];
        for (const [i, value] of values.entries()) {
          expect(await store.settings.get(storeId, `s${i}`)).toBeUndefined();
          await store.settings.set(storeId, `s${i}`, value);
          expect(await store.settings.get(storeId, `s${i}`)).toStrictEqual(value);
        }
        await store.settings.set(storeId, 's0', { replaced: true });
        expect(await store.settings.get(storeId, 's0')).toStrictEqual({ replaced: true });
        await store.settings.set(storeId, 's0', undefined);
        expect(await store.settings.get(storeId, 's0')).toBeUndefined();
        expect(await store.settings.get(storeId, 's6')).toBeNull();
      });

      it('copies settings in and out', async () => {
        const value = { categories: { g1: 10 } };
        await store.settings.set(storeId, 'map', value);
        value.categories.g1 = 11;
        const read = (await store.settings.get(storeId, 'map')) as typeof value;
        read.categories.g1 = 12;
        expect(await store.settings.get(storeId, 'map')).toStrictEqual({ categories: { g1: 10 } });
      });
    });

    describe('store isolation', () => {
      it('keeps every kind of record apart per storeId', async () => {
        await store.products.upsert(storeId, [productMapping('u1')]);
        await store.products.upsert(otherStoreId, [productMapping('u1', { wooId: 2 })]);
        await store.products.remove(otherStoreId, ['u1']);
        await store.categories.upsert(storeId, [categoryMapping('g1')]);
        await store.applyJournal.record(storeId, 'plan', [
          { entryId: 'e1', state: 'done', updatedAt: at(1) },
        ]);
        await store.applyJournal.clear(otherStoreId, 'plan');
        await store.runs.save(runReport(storeId, 'run-1'));
        await store.runs.save(runReport(otherStoreId, 'run-1', { status: 'failed' }));
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:1'));
        const other = await store.ledger.insert(newLedgerEntry(otherStoreId, 'sale:1'));
        expect(other.inserted).toBe(true);
        await store.ledger.update(otherStoreId, 'sale:1', 1, { state: 'sent', updatedAt: at(1) });
        await store.cursors.set(storeId, 'orders', { timestamp: at(1), id: 1 });
        await store.customers.put(storeId, 'personal:1', 'uid-1');
        await store.settings.set(storeId, 'key', { mine: true });

        expect(await store.products.list(storeId)).toStrictEqual([productMapping('u1')]);
        expect(await store.products.list(otherStoreId)).toStrictEqual([]);
        expect(await store.categories.list(otherStoreId)).toStrictEqual([]);
        expect(await store.applyJournal.get(storeId, 'plan')).toHaveLength(1);
        expect(await store.applyJournal.get(otherStoreId, 'plan')).toStrictEqual([]);
        expect((await store.runs.get(storeId, 'run-1'))?.status).toBe('succeeded');
        expect((await store.runs.get(otherStoreId, 'run-1'))?.status).toBe('failed');
        expect(await store.runs.list(storeId)).toHaveLength(1);
        expect((await store.ledger.get(storeId, 'sale:1'))?.state).toBe('pending');
        expect((await store.ledger.get(otherStoreId, 'sale:1'))?.state).toBe('sent');
        expect(await store.ledger.listByOrder(storeId, 1042)).toHaveLength(1);
        expect((await store.ledger.list({ storeId })).entries).toHaveLength(1);
        expect((await store.ledger.counts(storeId)).pending).toBe(1);
        expect((await store.ledger.counts(otherStoreId)).pending).toBe(0);
        expect(await store.cursors.get(otherStoreId, 'orders')).toBeUndefined();
        expect(await store.customers.get(otherStoreId, 'personal:1')).toBeUndefined();
        expect(await store.settings.get(otherStoreId, 'key')).toBeUndefined();
      });
    });

    describe('close', () => {
      it('can be closed twice and refuses calls afterwards with store_closed', async () => {
        await store.ledger.insert(newLedgerEntry(storeId, 'sale:1'));
        await store.close();
        await store.close();
        const calls: Array<() => Promise<unknown>> = [
          () => store.products.list(storeId),
          () => store.categories.upsert(storeId, [categoryMapping('g1')]),
          () => store.applyJournal.get(storeId, 'plan'),
          () => store.runs.list(storeId),
          () => store.ledger.get(storeId, 'sale:1'),
          () => store.ledger.insert(newLedgerEntry(storeId, 'sale:2')),
          () => store.ledger.update(storeId, 'sale:1', 1, { state: 'sent', updatedAt: at(1) }),
          () => store.ledger.list({ storeId }),
          () => store.ledger.counts(storeId),
          () => store.cursors.get(storeId, 'orders'),
          () => store.customers.put(storeId, 'k', 'v'),
          () => store.settings.get(storeId, 'k'),
        ];
        for (const call of calls) {
          await expect(call()).rejects.toMatchObject({ code: 'store_closed' });
        }
      });
    });
  });
}
