import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteJobQueue } from '@balance-sync/adapters/sqlite';
import type { JobInput, JobQueue } from '@balance-sync/woo-sync-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A connection that records every statement run through `exec` (BEGIN, COMMIT, …). */
class TracingDatabase extends DatabaseSync {
  readonly statements: string[] = [];

  override exec(sql: string): void {
    this.statements.push(sql);
    super.exec(sql);
  }

  /** How many transactions were begun so far. */
  transactions(): number {
    return this.statements.filter((sql) => sql.startsWith('BEGIN')).length;
  }
}

const order = (orderId: number, dedupe = true): JobInput<'export-order'> => ({
  name: 'export-order',
  storeId: 'main',
  payload: { orderId },
  ...(dedupe ? { dedupeId: `order:main:${orderId}` } : {}),
});

describe('SQLite job queue: group commit of enqueues', () => {
  let dir: string;
  let path: string;
  let db: TracingDatabase;
  let queue: JobQueue;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bs-sqlite-group-commit-'));
    path = join(dir, 'queue.db');
    db = new TracingDatabase(path);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    queue = createSqliteJobQueue({ database: db });
  });
  afterEach(async () => {
    await queue.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Rows as another connection sees them: only what was committed. */
  const committedRows = () => {
    const other = new DatabaseSync(path);
    try {
      return Number(other.prepare('SELECT COUNT(*) AS n FROM job_queue_jobs').get()?.n);
    } finally {
      other.close();
    }
  };

  it('writes enqueues made together in one transaction, each with its own job', async () => {
    const before = db.transactions();
    const results = await Promise.all([1, 2, 3, 4, 5].map((id) => queue.enqueue(order(id))));

    expect(db.transactions() - before).toBe(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(5);
    expect(results.every((result) => !result.deduplicated)).toBe(true);
    for (const [index, result] of results.entries())
      expect(await queue.get(result.id)).toMatchObject({ payload: { orderId: index + 1 } });
    expect(committedRows()).toBe(5);
  });

  it('does not hold back an enqueue made on its own', async () => {
    const before = db.transactions();
    await queue.enqueue(order(1));
    await queue.enqueue(order(2));
    expect(db.transactions() - before).toBe(2);
  });

  it('writes in the transaction of its group, and resolves once that committed', async () => {
    const pending = queue.enqueue(order(1)).then((result) => ({
      result,
      rows: committedRows(),
      last: db.statements.at(-1),
    }));
    expect(committedRows()).toBe(0); // still gathering its group
    const { result, rows, last } = await pending;
    expect(rows).toBe(1);
    expect(last).toBe('COMMIT');
    expect((await queue.get(result.id))?.state).toBe('waiting');
  });

  it('dedupes within a group: the first caller queues the job, the next ones join it', async () => {
    const [first, second, other, third] = await Promise.all([
      queue.enqueue(order(7)),
      queue.enqueue(order(7)),
      queue.enqueue(order(8)),
      queue.enqueue(order(7)),
    ]);

    expect(first).toEqual({ id: expect.any(String), deduplicated: false });
    expect(second).toEqual({ id: first?.id, deduplicated: true });
    expect(third).toEqual({ id: first?.id, deduplicated: true });
    expect(other?.deduplicated).toBe(false);
    expect(other?.id).not.toBe(first?.id);
    expect((await queue.counts()).waiting).toBe(2);
  });

  it('dedupes a group against jobs queued before it', async () => {
    const queued = await queue.enqueue(order(7));
    const again = await Promise.all([queue.enqueue(order(7)), queue.enqueue(order(7))]);
    expect(again).toEqual([
      { id: queued.id, deduplicated: true },
      { id: queued.id, deduplicated: true },
    ]);
    expect((await queue.counts()).waiting).toBe(1);
  });

  it('keeps jobs without a dedupe id apart, in the order they were enqueued', async () => {
    const results = await Promise.all([
      queue.enqueue(order(1, false)),
      queue.enqueue(order(1, false)),
      queue.enqueue(order(1, false)),
    ]);
    expect(new Set(results.map((result) => result.id)).size).toBe(3);
    const listed = await queue.list();
    expect(listed.map((job) => job.id)).toEqual(results.map((result) => result.id).reverse());
  });

  it('rejects every caller of a group whose transaction failed, and keeps none of its jobs', async () => {
    // the third insert of the group fails after two succeeded inside the transaction
    db.exec(`
      CREATE TRIGGER refuse_order_13 BEFORE INSERT ON job_queue_jobs
      WHEN json_extract(NEW.payload, '$.orderId') = 13
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const outcomes = await Promise.allSettled([
      queue.enqueue(order(11)),
      queue.enqueue(order(12)),
      queue.enqueue(order(13)),
      queue.enqueue(order(14)),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    for (const outcome of outcomes)
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({
        message: expect.stringMatching(/disk full/),
      });
    expect(committedRows()).toBe(0);
    expect(db.isTransaction).toBe(false);
    // the queue goes on: the next group is written
    expect((await queue.enqueue(order(11))).deduplicated).toBe(false);
    expect(committedRows()).toBe(1);
  });

  it('commits enqueues still gathering when close() begins', async () => {
    const pending = [queue.enqueue(order(1)), queue.enqueue(order(2))];
    await queue.close();
    const results = await Promise.all(pending);
    expect(results.every((result) => !result.deduplicated)).toBe(true);
    expect(committedRows()).toBe(2);
  });
});

describe('SQLite job queue: a group that cannot take the write lock', () => {
  it('refuses every caller with sqlite_busy and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-sqlite-group-commit-'));
    const path = join(dir, 'queue.db');
    const queue = createSqliteJobQueue({ path, busyTimeoutMs: 0 });
    const holder = new DatabaseSync(path);
    try {
      holder.exec('BEGIN IMMEDIATE');
      const outcomes = await Promise.allSettled([queue.enqueue(order(1)), queue.enqueue(order(2))]);
      holder.exec('ROLLBACK');

      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'sqlite_busy' });
      }
      expect((await queue.counts()).waiting).toBe(0);
      expect((await queue.enqueue(order(1))).deduplicated).toBe(false);
    } finally {
      holder.close();
      await queue.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
