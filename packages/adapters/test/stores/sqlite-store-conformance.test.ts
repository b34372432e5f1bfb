import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@balance-sync/adapters/sqlite';
import { describeSyncStoreConformance } from '@balance-sync/woo-sync-core/testing';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'balance-sync-sqlite-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every test opens the same file again: the stores share one database, as processes would.
describeSyncStoreConformance('SQLite file', () =>
  createSqliteStore({ path: join(dir, 'conformance.db') }),
);

describeSyncStoreConformance('SQLite :memory:', () => createSqliteStore({ path: ':memory:' }));
