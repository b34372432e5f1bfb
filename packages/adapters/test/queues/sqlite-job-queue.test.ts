import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteJobQueue, createSqliteStore } from '@balance-sync/adapters/sqlite';
import { describeJobQueueConformance } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';

describeJobQueueConformance('SQLite (temp file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-sqlite-queue-'));
  const path = join(dir, 'queue.db');
  return {
    open: async (options) => createSqliteJobQueue({ path, pollMs: 20, ...options }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('createSqliteJobQueue', () => {
  it('keeps jobs across a restart of the queue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-sqlite-queue-'));
    const path = join(dir, 'queue.db');
    try {
      const first = createSqliteJobQueue({ path });
      const { id } = await first.enqueue({
        name: 'export-order',
        storeId: 'main',
        payload: { orderId: 42 },
        dedupeId: 'order:main:42',
      });
      await first.close();
      const second = createSqliteJobQueue({ path });
      expect(await second.get(id)).toMatchObject({ state: 'waiting', payload: { orderId: 42 } });
      expect(
        await second.enqueue({
          name: 'export-order',
          storeId: 'main',
          payload: { orderId: 42 },
          dedupeId: 'order:main:42',
        }),
      ).toEqual({ id, deduplicated: true });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shares a file with the SQLite sync store, in tables of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-sqlite-queue-'));
    const path = join(dir, 'balance-sync.db');
    try {
      const store = createSqliteStore({ path });
      const queue = createSqliteJobQueue({ path });
      const { id } = await queue.enqueue({ name: 'sweep-orders', storeId: 'main', payload: {} });
      expect((await queue.get(id))?.state).toBe('waiting');
      await queue.close();
      await store.close();
      const db = new DatabaseSync(path);
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'job_queue_%'")
        .all()
        .map((row) => row.name);
      const namespaces = db
        .prepare('SELECT DISTINCT namespace FROM schema_migrations ORDER BY namespace')
        .all()
        .map((row) => row.namespace);
      db.close();
      expect(tables).toEqual(['job_queue_jobs']);
      expect(namespaces).toContain('job-queue');
      expect(namespaces.length).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses a database it is given and leaves it open on close()', async () => {
    const db = new DatabaseSync(':memory:');
    const queue = createSqliteJobQueue({ database: db });
    await queue.enqueue({ name: 'sweep-orders', storeId: 'main', payload: {} });
    await queue.close();
    expect(db.isOpen).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM job_queue_jobs').get()?.n).toBe(1);
    db.close();
  });

  it('needs exactly one of path and database', () => {
    expect(() => createSqliteJobQueue({})).toThrow(
      expect.objectContaining({ code: 'invalid_job' }),
    );
  });
});
