import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteStore, SqliteAdapterError } from '@balance-sync/adapters/sqlite';
import { ManualClock } from '@balance-sync/woo-sync-core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { applySqliteMigrations } from '../../src/sqlite/sqlite-migrations.js';
import { pendingSale } from './fixtures/ledger-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'balance-sync-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `store-${++files}`, 'balance-sync.db');

function rawRows(path: string, sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path);
  try {
    return db
      .prepare(sql)
      .all()
      .map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

describe('SQLite store: opening and migrations', () => {
  it('creates the file, its directory and the schema, in WAL mode', async () => {
    const path = freshPath();
    const clock = new ManualClock('2026-11-27T08:00:00Z');
    const store = createSqliteStore({ path, clock });
    expect(store.path).toBe(path);
    await store.ledger.insert(pendingSale('main', 1, '2026-11-27T08:00:00.000Z'));
    await store.close();

    expect(existsSync(path)).toBe(true);
    expect(rawRows(path, 'PRAGMA journal_mode')).toStrictEqual([{ journal_mode: 'wal' }]);
    expect(
      rawRows(path, 'SELECT namespace, version, name, applied_at FROM schema_migrations'),
    ).toStrictEqual([
      {
        namespace: 'sync-store',
        version: 1,
        name: 'create-sync-store',
        applied_at: '2026-11-27T08:00:00.000Z',
      },
    ]);
    const tables = rawRows(
      path,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync_%' ORDER BY name",
    ).map((row) => row.name);
    expect(tables).toStrictEqual([
      'sync_apply_journal',
      'sync_category_mappings',
      'sync_cursors',
      'sync_customers',
      'sync_ledger',
      'sync_product_mappings',
      'sync_run_reports',
      'sync_settings',
    ]);
  });

  it('reopens an existing file without migrating again and keeps the data', async () => {
    const path = freshPath();
    const first = createSqliteStore({ path, clock: new ManualClock('2026-01-01T00:00:00Z') });
    await first.ledger.insert(pendingSale('main', 1, '2026-11-27T08:00:00.000Z'));
    await first.settings.set('main', 'categories', { g1: 10 });
    await first.close();

    const second = createSqliteStore({ path, clock: new ManualClock('2027-01-01T00:00:00Z') });
    expect((await second.ledger.get('main', 'sale:1'))?.version).toBe(1);
    expect(await second.settings.get('main', 'categories')).toStrictEqual({ g1: 10 });
    await second.close();
    expect(rawRows(path, 'SELECT applied_at FROM schema_migrations')).toStrictEqual([
      { applied_at: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('refuses a file migrated by a newer release', async () => {
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const db = new DatabaseSync(path);
    db.prepare(
      "INSERT INTO schema_migrations VALUES ('sync-store', 2, 'from-the-future', '2030-01-01T00:00:00Z')",
    ).run();
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(
      expect.objectContaining({ code: 'sqlite_schema_too_new' }),
    );
  });

  it('refuses a file whose recorded migration has another name', async () => {
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const db = new DatabaseSync(path);
    db.prepare(
      "UPDATE schema_migrations SET name = 'renamed' WHERE namespace = 'sync-store'",
    ).run();
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(
      expect.objectContaining({ code: 'sqlite_migration_failed' }),
    );
  });

  it('keeps namespaces apart and rolls a failing batch of migrations back entirely', async () => {
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const db = new DatabaseSync(path);
    const now = () => '2026-11-27T08:00:00.000Z';
    const good = { version: 1, name: 'create-a', sql: 'CREATE TABLE other_a (x INTEGER) STRICT' };
    const bad = { version: 2, name: 'broken', sql: 'CREATE TABLE other_b (x NOPE_TYPE) STRICT' };
    expect(() =>
      applySqliteMigrations(db, { namespace: 'other', migrations: [good, bad], now }),
    ).toThrow(expect.objectContaining({ code: 'sqlite_migration_failed' }));
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'other_a'").get(),
    ).toBeUndefined();
    expect(
      db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE namespace = 'other'").get(),
    ).toEqual({ n: 0 });

    expect(
      applySqliteMigrations(db, { namespace: 'other', migrations: [good], now }),
    ).toStrictEqual([1]);
    expect(
      applySqliteMigrations(db, { namespace: 'other', migrations: [good], now }),
    ).toStrictEqual([]);
    expect(
      db.prepare('SELECT namespace, version FROM schema_migrations ORDER BY namespace').all(),
    ).toEqual([
      { namespace: 'other', version: 1 },
      { namespace: 'sync-store', version: 1 },
    ]);
    db.close();
  });

  it('refuses migrations that are not numbered 1, 2, 3, …', () => {
    const db = new DatabaseSync(':memory:');
    expect(() =>
      applySqliteMigrations(db, {
        namespace: 'gaps',
        migrations: [{ version: 2, name: 'two', sql: 'SELECT 1' }],
        now: () => '2026-11-27T08:00:00Z',
      }),
    ).toThrow(expect.objectContaining({ code: 'sqlite_migration_failed' }));
    db.close();
  });

  it('fails with sqlite_open_failed for a path it cannot open', async () => {
    const blocker = join(dir, 'a-file');
    await createSqliteStore({ path: blocker }).close();
    expect(() => createSqliteStore({ path: join(blocker, 'child.db') })).toThrow(
      expect.objectContaining({ code: 'sqlite_open_failed' }),
    );
  });
});

describe('SQLite store: locking and backups', () => {
  it('fails with sqlite_busy while another connection holds the write lock', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path, busyTimeoutMs: 20 });
    await store.ledger.insert(pendingSale('main', 1, '2026-11-27T08:00:00.000Z'));
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const attempt = store.ledger.update('main', 'sale:1', 1, {
        state: 'sent',
        updatedAt: '2026-11-27T08:00:01.000Z',
      });
      await expect(attempt).rejects.toBeInstanceOf(SqliteAdapterError);
      await expect(attempt).rejects.toMatchObject({ code: 'sqlite_busy' });
      // Readers are not blocked by the writer in WAL mode.
      expect((await store.ledger.get('main', 'sale:1'))?.version).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const moved = await store.ledger.update('main', 'sale:1', 1, {
      state: 'sent',
      updatedAt: '2026-11-27T08:00:01.000Z',
    });
    expect(moved?.version).toBe(2);
    await store.close();
  });

  it('leaves nothing of a multi-row write that failed half-way', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const mapping = (uid: string) => ({
      balanceUid: uid,
      wooId: 1,
      wooParentId: 0,
      sku: uid,
      lastPushed: {},
      updatedAt: '2026-11-27T08:00:00Z',
    });
    // The third row breaks the STRICT integer column: the whole batch must roll back.
    const broken = { ...mapping('u3'), wooId: 1.5 };
    await expect(
      store.products.upsert('main', [mapping('u1'), mapping('u2'), broken]),
    ).rejects.toThrow();
    expect(await store.products.list('main')).toStrictEqual([]);
    await store.close();
  });

  it('backs up a consistent copy while in use, and refuses to overwrite a file', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    for (let i = 0; i < 20; i += 1) {
      await store.ledger.insert(pendingSale('main', i, '2026-11-27T08:00:00.000Z'));
    }
    const target = join(dir, `backup-${files}.db`);
    await store.backup(target);
    await expect(store.backup(target)).rejects.toMatchObject({ code: 'sqlite_backup_failed' });
    await store.close();

    const restored = createSqliteStore({ path: target });
    expect((await restored.ledger.counts('main')).pending).toBe(20);
    await restored.close();
  });

  it('backs up an in-memory store to a file', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.customers.put('main', 'personal:1', 'uid-1');
    const target = join(dir, `memory-backup-${++files}.db`);
    await store.backup(target);
    await store.close();
    const restored = createSqliteStore({ path: target });
    expect(await restored.customers.get('main', 'personal:1')).toBe('uid-1');
    await restored.close();
  });
});
