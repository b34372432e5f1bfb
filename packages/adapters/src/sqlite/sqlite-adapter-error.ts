/**
 * Stable codes of {@link SqliteAdapterError}:
 * - `sqlite_open_failed`: the database file could not be opened or configured;
 * - `sqlite_wal_unavailable`: the file system refused write-ahead logging (e.g. a network
 *   share); the SQLite adapters need a local disk;
 * - `sqlite_busy`: another connection held the write lock longer than `busyTimeoutMs`;
 * - `sqlite_migration_failed`: a migration failed and was rolled back, or the recorded
 *   migrations do not match the code's;
 * - `sqlite_schema_too_new`: the file was migrated by a newer release of the SDK;
 * - `sqlite_backup_failed`: a backup could not be written;
 * - `store_closed`: the store was used after `close()`;
 * - `invalid_cursor`: a ledger cursor that `ledger.list` did not issue;
 * - `invalid_timestamp`: a timestamp the store sorts or filters by is not an ISO 8601 instant
 *   with a zone;
 * - `invalid_query`: a `limit` that is not a positive integer.
 *
 * @example
 * ```ts
 * const retryLater = (code: SqliteAdapterErrorCode) => code === 'sqlite_busy';
 * ```
 */
export type SqliteAdapterErrorCode =
  | 'sqlite_open_failed'
  | 'sqlite_wal_unavailable'
  | 'sqlite_busy'
  | 'sqlite_migration_failed'
  | 'sqlite_schema_too_new'
  | 'sqlite_backup_failed'
  | 'store_closed'
  | 'invalid_cursor'
  | 'invalid_timestamp'
  | 'invalid_query';

/**
 * An error of the SQLite adapters, with a stable {@link SqliteAdapterErrorCode} and the
 * underlying `node:sqlite` error as `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await store.ledger.update(storeId, key, version, patch);
 * } catch (error) {
 *   if (error instanceof SqliteAdapterError && error.code === 'sqlite_busy') {
 *     // another process held the database for too long; retry later
 *   }
 * }
 * ```
 */
export class SqliteAdapterError extends Error {
  override readonly name = 'SqliteAdapterError';
  /** Stable code of the reason. */
  readonly code: SqliteAdapterErrorCode;

  constructor(code: SqliteAdapterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** SQLite's primary result codes for a database held by another connection. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/** Whether `error` is a `node:sqlite` error saying the database was locked by another connection. */
export function isSqliteBusyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode !== 'number') return false;
  // errcode may be an extended code (e.g. SQLITE_BUSY_SNAPSHOT = 517); its low byte is primary.
  const primary = errcode & 0xff;
  return primary === SQLITE_BUSY || primary === SQLITE_LOCKED;
}
