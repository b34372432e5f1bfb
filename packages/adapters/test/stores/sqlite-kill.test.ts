import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteStore } from '@balance-sync/adapters/sqlite';
import type { LedgerEntry } from '@balance-sync/woo-sync-core';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from './fixtures/ledger-rows.js';
import { fixture, spawnFixture } from './spawn-tsx.js';

const dir = mkdtempSync(join(tmpdir(), 'balance-sync-sqlite-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORE = 'main';
const ROUNDS = 5;
/** Rows per product batch, as the worker writes them. */
const BATCH_SIZE = 200;
/** Acknowledged writes before the SIGKILL on even rounds (plus a random few). */
const ACKS_BEFORE_KILL = 300;

interface Acks {
  ledger: Map<string, number>;
  batches: Set<string>;
  plans: Set<string>;
  count: number;
}

/**
 * Runs the worker, then SIGKILLs it: on odd rounds as soon as it announces a product batch
 * (so the kill usually lands inside that 200-row transaction), on even rounds after a
 * random number of acknowledged writes.
 */
async function runAndKill(path: string, round: number): Promise<Acks> {
  const acks: Acks = { ledger: new Map(), batches: new Set(), plans: new Set(), count: 0 };
  let killed = false;
  let batchesStarted = 0;
  const killAtAck = ACKS_BEFORE_KILL + Math.floor(Math.random() * 100);
  const killAtBatch = 3 + Math.floor(Math.random() * 5);
  const { child, exit } = spawnFixture(
    fixture('sqlite-ledger-worker.ts'),
    [path, STORE],
    (line) => {
      const [type, id, version] = line.split(' ');
      if (type === 'L') acks.ledger.set(id!, Math.max(Number(version), acks.ledger.get(id!) ?? 0));
      else if (type === 'B') acks.batches.add(id!);
      else if (type === 'J') acks.plans.add(id!);
      else if (type === 'S') batchesStarted += 1;
      acks.count += 1;
      const due = round % 2 === 1 ? batchesStarted >= killAtBatch : acks.count >= killAtAck;
      if (due && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    },
  );
  const { code, signal, stderr } = await exit;
  // The worker loops forever: anything but our SIGKILL means it failed on its own.
  expect({ code, signal }, stderr).toStrictEqual({ code: null, signal: 'SIGKILL' });
  return acks;
}

/** Checks every invariant a crash must not break; returns the number of ledger rows. */
async function checkConsistent(path: string, acks: Acks): Promise<number> {
  const raw = new DatabaseSync(path);
  expect({ ...raw.prepare('PRAGMA integrity_check').get() }).toStrictEqual({
    integrity_check: 'ok',
  });
  raw.close();

  const store = createSqliteStore({ path });
  try {
    const rows: LedgerEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.ledger.list({
        storeId: STORE,
        limit: 97,
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.entries);
      cursor = page.next;
    } while (cursor);

    // No half-written row: each version has exactly the fields its transition wrote, and the
    // payload always matches the hash written with it.
    for (const row of rows) {
      expect(sha256(JSON.stringify(row.payload)), row.key).toBe(row.payloadHash);
      const sent = (row.payload as { SentAttempt?: number }).SentAttempt;
      if (row.version === 1) {
        expect([row.state, row.attempts, row.exportedAt, sent], row.key).toStrictEqual([
          'pending',
          0,
          null,
          undefined,
        ]);
      } else if (row.version === 2) {
        expect([row.state, row.attempts, row.exportedAt, sent], row.key).toStrictEqual([
          'sent',
          1,
          null,
          1,
        ]);
      } else {
        expect(row.version, row.key).toBe(3);
        expect([row.state, row.attempts, sent], row.key).toStrictEqual(['exported', 1, 1]);
        expect(row.exportedAt, row.key).toBe(row.updatedAt);
      }
    }

    // Rows are created one after another with no gap, and at most one is still in flight.
    const keys = new Set(rows.map((row) => row.key));
    expect(keys.size).toBe(rows.length);
    for (let i = 0; i < rows.length; i += 1) expect(keys.has(`sale:${i}`), `sale:${i}`).toBe(true);
    expect(rows.filter((row) => row.state !== 'exported').length).toBeLessThanOrEqual(1);

    // Versions never go back: every acknowledged commit survived the kill.
    const byKey = new Map(rows.map((row) => [row.key, row]));
    for (const [key, version] of acks.ledger) {
      expect(byKey.get(key)?.version ?? 0, key).toBeGreaterThanOrEqual(version);
    }

    // Counts add up to the rows.
    const counts = await store.ledger.counts(STORE);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(counts.exported).toBe(rows.filter((row) => row.state === 'exported').length);

    // Multi-row writes are all or nothing.
    const products = await store.products.list(STORE);
    const perBatch = new Map<string, number>();
    for (const p of products) {
      const batch = p.sku.split('-')[1]!;
      perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
    }
    for (const [batch, size] of perBatch) expect(size, `batch ${batch}`).toBe(BATCH_SIZE);
    for (const batch of acks.batches)
      expect(perBatch.get(batch), `batch ${batch}`).toBe(BATCH_SIZE);
    for (const plan of acks.plans) {
      expect(await store.applyJournal.get(STORE, plan), plan).toHaveLength(10);
    }
    return rows.length;
  } finally {
    await store.close();
  }
}

describe('SQLite store killed mid-run', () => {
  it('is consistent after every SIGKILL and goes on where it stopped', async () => {
    const path = join(dir, 'kill.db');
    let previousRows = 0;
    const allAcks: Acks = { ledger: new Map(), batches: new Set(), plans: new Set(), count: 0 };
    for (let round = 1; round <= ROUNDS; round += 1) {
      const acks = await runAndKill(path, round);
      for (const [key, version] of acks.ledger) allAcks.ledger.set(key, version);
      for (const batch of acks.batches) allAcks.batches.add(batch);
      for (const plan of acks.plans) allAcks.plans.add(plan);
      const rows = await checkConsistent(path, allAcks);
      expect(rows, `round ${round} made progress`).toBeGreaterThan(previousRows);
      previousRows = rows;
    }
  }, 120_000);
});
