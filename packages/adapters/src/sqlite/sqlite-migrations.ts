import type { DatabaseSync } from 'node:sqlite';
import { SqliteAdapterError } from './sqlite-adapter-error.js';
import { immediateTransaction } from './sqlite-transaction.js';

/** One step of a schema, applied once and recorded in `schema_migrations`. */
export interface SqliteMigration {
  /** Position in the namespace's history: 1, 2, 3, … without gaps. */
  version: number;
  /** Short name, recorded beside the version (e.g. `create-ledger`). */
  name: string;
  /** The statements; they run inside the migration's transaction. */
  sql: string;
}

/** Options of {@link applySqliteMigrations}. */
export interface ApplySqliteMigrationsOptions {
  /**
   * Whose migrations these are (`sync-store`, `job-queue`, …). Several components can keep
   * their tables in one file; each has its own numbering in `schema_migrations`.
   */
  namespace: string;
  /** Every migration of the namespace, in order. */
  migrations: readonly SqliteMigration[];
  /** When the migrations are applied, as an ISO instant. */
  now: () => string;
}

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    namespace  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL,
    PRIMARY KEY (namespace, version)
  ) STRICT`;

function checkMigrationList(namespace: string, migrations: readonly SqliteMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new SqliteAdapterError(
        'sqlite_migration_failed',
        `migrations of "${namespace}" must be numbered 1, 2, 3, …; position ${index + 1} has version ${migration.version}`,
      );
    }
  });
}

function readApplied(db: DatabaseSync, namespace: string): Map<number, string> {
  const hasTable = db
    .prepare(
      "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    )
    .get();
  if (!hasTable) return new Map();
  const rows = db
    .prepare('SELECT version, name FROM schema_migrations WHERE namespace = ? ORDER BY version')
    .all(namespace);
  return new Map(rows.map((row) => [Number(row.version), String(row.name)]));
}

function pendingMigrations(
  namespace: string,
  migrations: readonly SqliteMigration[],
  applied: ReadonlyMap<number, string>,
): SqliteMigration[] {
  for (const [version, name] of applied) {
    const known = migrations[version - 1];
    if (!known) {
      throw new SqliteAdapterError(
        'sqlite_schema_too_new',
        `the database has "${namespace}" migration ${version} (${name}), which this release does not know; upgrade the SDK or restore a backup`,
      );
    }
    if (known.name !== name) {
      throw new SqliteAdapterError(
        'sqlite_migration_failed',
        `"${namespace}" migration ${version} is recorded as "${name}" but this release calls it "${known.name}"`,
      );
    }
  }
  return migrations.filter((migration) => !applied.has(migration.version));
}

/**
 * Brings a namespace's tables up to date: applies, in order, every migration not yet recorded
 * in the `schema_migrations` table, all in one `BEGIN IMMEDIATE` transaction. Running it again
 * does nothing, two processes running it at once apply each migration once (the second waits
 * for the first's lock, then finds nothing to do), and a failing migration leaves the file as
 * it was.
 *
 * @returns The versions applied by this call (empty when the schema was current).
 * @throws {@link SqliteAdapterError} `sqlite_migration_failed` or `sqlite_schema_too_new`.
 *
 * @example
 * ```ts
 * applySqliteMigrations(db, {
 *   namespace: 'job-queue',
 *   migrations: [{ version: 1, name: 'create-jobs', sql: 'CREATE TABLE queue_jobs (…) STRICT' }],
 *   now: () => new Date().toISOString(),
 * });
 * ```
 */
export function applySqliteMigrations(
  db: DatabaseSync,
  options: ApplySqliteMigrationsOptions,
): number[] {
  const { namespace, migrations } = options;
  checkMigrationList(namespace, migrations);
  // Fast path without the write lock: every migration already applied.
  if (pendingMigrations(namespace, migrations, readApplied(db, namespace)).length === 0) return [];
  return immediateTransaction(db, () => {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const pending = pendingMigrations(namespace, migrations, readApplied(db, namespace));
    const record = db.prepare(
      'INSERT INTO schema_migrations (namespace, version, name, applied_at) VALUES (?, ?, ?, ?)',
    );
    for (const migration of pending) {
      try {
        db.exec(migration.sql);
      } catch (cause) {
        throw new SqliteAdapterError(
          'sqlite_migration_failed',
          `"${namespace}" migration ${migration.version} (${migration.name}) failed; nothing was changed`,
          { cause },
        );
      }
      record.run(namespace, migration.version, migration.name, options.now());
    }
    return pending.map((migration) => migration.version);
  });
}
