import { createHash } from 'node:crypto';
import type pg from 'pg';
import { PostgresAdapterError } from './postgres-adapter-error.js';
import {
  describeConnection,
  isConnectionError,
  type PostgresConnectionOptions,
  quoteSchema,
  resolvePool,
  warnOnIdleClientErrors,
} from './postgres-connection.js';
import {
  POSTGRES_STORE_MIGRATION_NAMESPACE,
  POSTGRES_STORE_MIGRATIONS,
  type PostgresMigration,
} from './postgres-store-migrations.js';

/**
 * What a migration run did.
 *
 * @example
 * ```ts
 * const result: PostgresMigrationResult = await migratePostgresStore({ connectionString });
 * if (result.applied.length > 0) console.log(`migrated to version ${result.version}`);
 * ```
 */
export interface PostgresMigrationResult {
  /** The schema migrated. */
  schema: string;
  /** Versions applied by this run; empty when the schema was already current. */
  applied: number[];
  /** The schema's version after the run. */
  version: number;
}

/** The 64-bit key of the advisory lock that serialises migrations of one schema. */
function migrationLockKey(schema: string): string {
  const digest = createHash('sha256').update(`balance-sync:migrations:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}

async function readApplied(client: pg.PoolClient, quoted: string): Promise<Map<number, string>> {
  const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
    `${quoted}.schema_migrations`,
  ]);
  if (!exists.rows[0]?.found) return new Map();
  const rows = await client.query<{ version: number; name: string }>(
    `SELECT version, name FROM ${quoted}.schema_migrations WHERE namespace = $1 ORDER BY version`,
    [POSTGRES_STORE_MIGRATION_NAMESPACE],
  );
  return new Map(rows.rows.map((row) => [Number(row.version), row.name]));
}

function pendingMigrations(
  schema: string,
  migrations: readonly PostgresMigration[],
  applied: ReadonlyMap<number, string>,
): PostgresMigration[] {
  for (const [version, name] of applied) {
    const known = migrations[version - 1];
    if (!known) {
      throw new PostgresAdapterError(
        'postgres_schema_too_new',
        `schema ${schema} has sync-store migration ${version} (${name}), which this release does not know; upgrade the SDK`,
      );
    }
    if (known.name !== name) {
      throw new PostgresAdapterError(
        'postgres_migration_failed',
        `schema ${schema}: sync-store migration ${version} is recorded as "${name}" but this release calls it "${known.name}"`,
      );
    }
  }
  return migrations.filter((migration) => !applied.has(migration.version));
}

/**
 * Applies the pending migrations of one schema inside a transaction holding an advisory lock
 * on that schema, so processes migrating at once apply each migration exactly once. With
 * `apply: false` it only checks that nothing is pending.
 */
export async function runPostgresMigrations(
  pool: pg.Pool,
  options: { schema: string; apply: boolean; connection: string },
): Promise<PostgresMigrationResult> {
  const { schema } = options;
  const quoted = quoteSchema(schema);
  const migrations = POSTGRES_STORE_MIGRATIONS;
  const current = migrations.length;
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    throw new PostgresAdapterError(
      'postgres_unavailable',
      `Could not connect to PostgreSQL at ${options.connection}`,
      { cause },
    );
  }
  let releaseError: Error | undefined;
  try {
    // Fast path without a lock or a transaction: nothing pending.
    const pendingNow = pendingMigrations(schema, migrations, await readApplied(client, quoted));
    if (pendingNow.length === 0) return { schema, applied: [], version: current };
    if (!options.apply) {
      throw new PostgresAdapterError(
        'postgres_schema_outdated',
        `schema ${schema} needs sync-store migrations ${pendingNow.map((m) => m.version).join(', ')}; run migratePostgresStore() (or start with migrate: true)`,
      );
    }
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
          namespace  text    NOT NULL,
          version    integer NOT NULL,
          name       text    NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (namespace, version)
        )`);
      const pending = pendingMigrations(schema, migrations, await readApplied(client, quoted));
      for (const migration of pending) {
        try {
          await client.query(migration.sql(quoted));
        } catch (cause) {
          throw new PostgresAdapterError(
            'postgres_migration_failed',
            `schema ${schema}: sync-store migration ${migration.version} (${migration.name}) failed; nothing was changed`,
            { cause },
          );
        }
        await client.query(
          `INSERT INTO ${quoted}.schema_migrations (namespace, version, name) VALUES ($1, $2, $3)`,
          [POSTGRES_STORE_MIGRATION_NAMESPACE, migration.version, migration.name],
        );
      }
      await client.query('COMMIT');
      return { schema, applied: pending.map((m) => m.version), version: current };
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: destroy it rather than return it to the pool.
        releaseError =
          rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof PostgresAdapterError) throw error;
    if (isConnectionError(error)) {
      throw new PostgresAdapterError(
        'postgres_unavailable',
        `Lost the connection to PostgreSQL at ${options.connection} while migrating`,
        { cause: error },
      );
    }
    throw new PostgresAdapterError(
      'postgres_migration_failed',
      `Could not migrate schema ${schema}; nothing was changed`,
      { cause: error },
    );
  } finally {
    client.release(releaseError);
  }
}

/**
 * Options of {@link migratePostgresStore}: where to connect and which schema.
 *
 * @example
 * ```ts
 * const options: MigratePostgresStoreOptions = { connectionString, schema: 'balance_sync' };
 * ```
 */
export type MigratePostgresStoreOptions = PostgresConnectionOptions;

/**
 * Brings the store's schema up to date and returns; for running migrations ahead of a
 * deploy, from a release step, with a role allowed to create tables. Safe to run from several
 * processes at once (an advisory lock serialises them) and again (it then does nothing).
 *
 * @throws {@link PostgresAdapterError} `postgres_unavailable`, `postgres_migration_failed`,
 *   `postgres_schema_too_new`, `invalid_schema_name` or `invalid_options`.
 *
 * @example
 * ```ts
 * import { migratePostgresStore } from '@balance-sync/adapters/postgres';
 *
 * const { applied, version } = await migratePostgresStore({
 *   connectionString: process.env.DATABASE_URL,
 *   schema: 'balance_sync',
 * });
 * console.log(`schema at version ${version}; applied ${applied.join(', ') || 'nothing'}`);
 * ```
 */
export async function migratePostgresStore(
  options: MigratePostgresStoreOptions,
): Promise<PostgresMigrationResult> {
  const schema = options.schema ?? 'balance_sync';
  quoteSchema(schema);
  const { pool, owned } = resolvePool(options);
  if (owned) warnOnIdleClientErrors(pool, undefined);
  try {
    return await runPostgresMigrations(pool, {
      schema,
      apply: true,
      connection: describeConnection(options.connectionString),
    });
  } finally {
    if (owned) await pool.end();
  }
}
