// Model-based check: random sequences of ledger operations give the same results on the
// SQLite store as on the in-memory store (the reference the conformance suite also pins).
import { createSqliteStore } from '@balance-sync/adapters/sqlite';
import type {
  LedgerKind,
  LedgerQuery,
  LedgerState,
  NewLedgerEntry,
  SyncStore,
} from '@balance-sync/woo-sync-core';
import { InMemorySyncStore } from '@balance-sync/woo-sync-core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const STATES: LedgerState[] = ['pending', 'sent', 'exported', 'failed', 'dead'];
const KINDS: LedgerKind[] = ['sale', 'credit', 'return', 'client'];
// Few distinct instants, written several ways, so equal updatedAt values are common.
const INSTANTS = [
  '2026-11-27T08:00:00Z',
  '2026-11-27T08:00:00.000Z',
  '2026-11-27T12:00:00+04:00',
  '2026-11-27T08:00:00.500Z',
  '2026-11-27T08:00:01Z',
  '2026-11-27T08:00:02.250Z',
];

type Op =
  | { type: 'insert'; key: string; kind: LedgerKind; orderId: number; at: string }
  | { type: 'update'; key: string; version: number; state?: LedgerState; at: string }
  | { type: 'list'; query: Omit<LedgerQuery, 'storeId' | 'cursor'> }
  | { type: 'counts' }
  | { type: 'byOrder'; orderId: number };

const key = fc.constantFrom('sale:1', 'sale:2', 'credit:3', 'return:1:a', 'client:9', 'Sale:1');
const instant = fc.constantFrom(...INSTANTS);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant('insert' as const),
    key,
    kind: fc.constantFrom(...KINDS),
    orderId: fc.integer({ min: 1, max: 3 }),
    at: instant,
  }),
  fc.record(
    {
      type: fc.constant('update' as const),
      key,
      version: fc.integer({ min: 1, max: 4 }),
      state: fc.constantFrom(...STATES),
      at: instant,
    },
    { requiredKeys: ['type', 'key', 'version', 'at'] },
  ),
  fc.record({
    type: fc.constant('list' as const),
    // Small pages and at most one filter, so that most lists span several pages.
    query: fc
      .tuple(
        fc.oneof(
          fc.constant({}),
          fc.record({ states: fc.subarray(STATES) }),
          fc.record({ kinds: fc.subarray(KINDS) }),
          fc.record({ orderId: fc.integer({ min: 1, max: 3 }) }),
          fc.record({ updatedFrom: instant }),
          fc.record({ updatedTo: instant }),
        ),
        fc.option(fc.integer({ min: 1, max: 3 }), { freq: 5 }),
      )
      .map(([filter, limit]) => (limit === null ? filter : { ...filter, limit })),
  }),
  fc.constant({ type: 'counts' as const }),
  fc.record({ type: fc.constant('byOrder' as const), orderId: fc.integer({ min: 1, max: 3 }) }),
);

function entry(o: Extract<Op, { type: 'insert' }>): NewLedgerEntry {
  return {
    storeId: 'model',
    key: o.key,
    uid: `uid-${o.key}`,
    kind: o.kind,
    orderId: o.orderId,
    refundId: null,
    template: 'Sale',
    payloadHash: 'h',
    payload: { key: o.key, ქართული: ['🧾', 1] },
    totalMinor: 100,
    currency: 'GEL',
    state: 'pending',
    attempts: 0,
    lastError: null,
    drift: null,
    createdAt: o.at,
    updatedAt: o.at,
    exportedAt: null,
  };
}

async function apply(store: SyncStore, o: Op): Promise<unknown> {
  switch (o.type) {
    case 'insert':
      return store.ledger.insert(entry(o));
    case 'update':
      return store.ledger.update('model', o.key, o.version, {
        ...(o.state ? { state: o.state } : {}),
        attempts: o.version,
        updatedAt: o.at,
      });
    case 'list': {
      const pages: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.ledger.list({
          storeId: 'model',
          ...o.query,
          ...(cursor ? { cursor } : {}),
        });
        pages.push(page.entries);
        cursor = page.next;
        if (pages.length > 100) throw new Error('ledger.list never reached its last page');
      } while (cursor);
      return pages;
    }
    case 'counts':
      return store.ledger.counts('model');
    case 'byOrder':
      return store.ledger.listByOrder('model', o.orderId);
  }
}

describe('SQLite store against the in-memory model', () => {
  it('answers every random sequence of ledger operations like the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const model = new InMemorySyncStore();
        const sqlite = createSqliteStore({ path: ':memory:' });
        try {
          for (const o of ops)
            expect(await apply(sqlite, o), JSON.stringify(o)).toStrictEqual(await apply(model, o));
        } finally {
          await sqlite.close();
          await model.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
