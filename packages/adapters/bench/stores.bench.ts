// `pnpm bench stores`: ledger transitions per second (insert → sent → exported) of every
// SyncStore adapter, side by side, with the in-memory store as the baseline.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewLedgerEntry, SyncStore } from '@balance-sync/woo-sync-core';
import { InMemorySyncStore } from '@balance-sync/woo-sync-core/testing';
import type { BenchContext, BenchRow, BenchSuite } from '../../../scripts/bench/bench-types.js';
import { createSqliteStore } from '../src/sqlite/index.js';

/** Documents moved at once in the concurrent case (as a worker pool would). */
const CONCURRENCY = 8;
/** Each document makes three ledger writes: insert, pending → sent, sent → exported. */
const WRITES_PER_DOCUMENT = 3;

function document(storeId: string, n: number, at: string): NewLedgerEntry {
  return {
    storeId,
    key: `sale:${n}`,
    uid: randomUUID(),
    kind: 'sale',
    orderId: n,
    refundId: null,
    template: 'Sale',
    payloadHash: `hash-${n}`,
    payload: {
      Number: `WC-${n}`,
      Client: 'შპს „ბალანსი"',
      Items: Array.from({ length: 4 }, (_, i) => ({ Item: `item-${i}`, Quantity: 1, Price: 12.5 })),
    },
    totalMinor: 5000,
    currency: 'GEL',
    state: 'pending',
    attempts: 0,
    lastError: null,
    drift: null,
    createdAt: at,
    updatedAt: at,
    exportedAt: null,
  };
}

async function moveDocument(store: SyncStore, storeId: string, n: number): Promise<void> {
  const at = new Date().toISOString();
  const { entry } = await store.ledger.insert(document(storeId, n, at));
  const sent = await store.ledger.update(storeId, entry.key, entry.version, {
    state: 'sent',
    attempts: 1,
    updatedAt: at,
  });
  if (!sent) throw new Error(`${entry.key}: lost a race nobody else runs`);
  const exported = await store.ledger.update(storeId, sent.key, sent.version, {
    state: 'exported',
    exportedAt: at,
    updatedAt: at,
  });
  if (!exported) throw new Error(`${entry.key}: lost a race nobody else runs`);
}

/** Ledger writes per second over `documents` documents, `concurrency` at a time. */
async function transitionsPerSecond(
  store: SyncStore,
  documents: number,
  concurrency: number,
): Promise<number> {
  const storeId = `bench-${randomUUID().slice(0, 8)}`;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < documents) {
        const n = next;
        next += 1;
        await moveDocument(store, storeId, n);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const counts = await store.ledger.counts(storeId);
  if (counts.exported !== documents) throw new Error(`expected ${documents} exported rows`);
  return Math.round((documents * WRITES_PER_DOCUMENT) / seconds);
}

interface AdapterCase {
  name: string;
  documents: number;
  open(): Promise<{ store: SyncStore; cleanup(): Promise<void> }>;
}

async function measure(
  context: BenchContext,
  adapter: AdapterCase,
  baseline: Map<number, number>,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const concurrency of [1, CONCURRENCY]) {
    const { store, cleanup } = await adapter.open();
    try {
      const value = await transitionsPerSecond(store, adapter.documents, concurrency);
      context.log(`${adapter.name}, ${concurrency} at a time: ${value} writes/s`);
      if (adapter.name === 'in-memory') baseline.set(concurrency, value);
      const base = baseline.get(concurrency);
      rows.push({
        case: `${adapter.name}, ${concurrency === 1 ? 'one document at a time' : `${concurrency} documents at a time`} (${adapter.documents} docs)`,
        metric: 'ledger writes/s',
        value,
        unit: 'writes/s',
        ...(base !== undefined && adapter.name !== 'in-memory'
          ? { baseline: { label: 'in-memory', value: base } }
          : {}),
      });
    } finally {
      await store.close();
      await cleanup();
    }
  }
  return rows;
}

const suite: BenchSuite = {
  name: 'SyncStore ledger',
  async run(context) {
    const scaled = (n: number) => Math.max(50, Math.round(n * context.scale));
    const dir = mkdtempSync(join(tmpdir(), 'balance-sync-bench-'));
    const adapters: AdapterCase[] = [
      {
        name: 'in-memory',
        documents: scaled(20_000),
        open: async () => ({ store: new InMemorySyncStore(), cleanup: async () => {} }),
      },
      {
        name: 'SQLite :memory:',
        documents: scaled(20_000),
        open: async () => ({
          store: createSqliteStore({ path: ':memory:' }),
          cleanup: async () => {},
        }),
      },
      {
        name: 'SQLite file (WAL, synchronous=FULL)',
        documents: scaled(3_000),
        open: async () => ({
          store: createSqliteStore({ path: join(dir, `${randomUUID()}.db`) }),
          cleanup: async () => {},
        }),
      },
    ];

    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) {
      // Imported only here, so the bench runs without pg when PostgreSQL is not configured.
      const { createPostgresStore } = await import('../src/postgres/index.js');
      const pg = (await import('pg')).default;
      const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      adapters.push({
        name: 'PostgreSQL',
        documents: scaled(3_000),
        open: async () => ({
          store: await createPostgresStore({ connectionString: databaseUrl, schema }),
          cleanup: async () => {
            const client = new pg.Client({ connectionString: databaseUrl });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await client.end();
          },
        }),
      });
    }

    const rows: BenchRow[] = [];
    const baseline = new Map<number, number>();
    try {
      for (const adapter of adapters) rows.push(...(await measure(context, adapter, baseline)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!databaseUrl) {
      rows.push({
        case: 'PostgreSQL — skipped: DATABASE_URL is not set',
        metric: 'ledger writes/s',
        value: 0,
        unit: 'writes/s',
      });
    }
    return rows;
  },
};

export default suite;
