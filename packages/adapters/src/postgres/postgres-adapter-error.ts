/**
 * Stable codes of {@link PostgresAdapterError}:
 * - `invalid_options`: neither or both of `connectionString` and `pool`, or a bad value;
 * - `invalid_schema_name`: the schema is not a plain SQL identifier;
 * - `postgres_unavailable`: the database could not be reached or refused the login;
 * - `postgres_migration_failed`: a migration failed and was rolled back, or the recorded
 *   migrations do not match the code's;
 * - `postgres_schema_too_new`: the schema was migrated by a newer release of the SDK;
 * - `postgres_schema_outdated`: `migrate: false` and migrations are pending; run
 *   `migratePostgresStore` first;
 * - `store_closed`: the store was used after `close()`;
 * - `invalid_cursor`: a ledger cursor that `ledger.list` did not issue;
 * - `invalid_timestamp`: a timestamp the store sorts or filters by is not an ISO 8601 instant
 *   with a zone;
 * - `invalid_query`: a `limit` that is not a positive integer.
 *
 * @example
 * ```ts
 * const needsMigration = (code: PostgresAdapterErrorCode) => code === 'postgres_schema_outdated';
 * ```
 */
export type PostgresAdapterErrorCode =
  | 'invalid_options'
  | 'invalid_schema_name'
  | 'postgres_unavailable'
  | 'postgres_migration_failed'
  | 'postgres_schema_too_new'
  | 'postgres_schema_outdated'
  | 'store_closed'
  | 'invalid_cursor'
  | 'invalid_timestamp'
  | 'invalid_query';

/**
 * An error of the PostgreSQL adapters, with a stable {@link PostgresAdapterErrorCode} and the
 * driver's error as `cause`. Messages never contain the connection string or its password.
 *
 * @example
 * ```ts
 * try {
 *   await createPostgresStore({ connectionString, migrate: false });
 * } catch (error) {
 *   if (error instanceof PostgresAdapterError && error.code === 'postgres_schema_outdated') {
 *     await migratePostgresStore({ connectionString });
 *   }
 * }
 * ```
 */
export class PostgresAdapterError extends Error {
  override readonly name = 'PostgresAdapterError';
  /** Stable code of the reason. */
  readonly code: PostgresAdapterErrorCode;

  constructor(code: PostgresAdapterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
