/**
 * PostgreSQL adapters (optional peer dependency `pg`): the sync store for deployments with
 * several workers or an existing PostgreSQL.
 *
 * @packageDocumentation
 */

export {
  PostgresAdapterError,
  type PostgresAdapterErrorCode,
} from './postgres-adapter-error.js';
export type { PostgresConnectionOptions } from './postgres-connection.js';
export {
  type MigratePostgresStoreOptions,
  migratePostgresStore,
  type PostgresMigrationResult,
} from './postgres-migrations.js';
export {
  createPostgresStore,
  type PostgresStoreOptions,
  type PostgresSyncStore,
} from './postgres-sync-store.js';
