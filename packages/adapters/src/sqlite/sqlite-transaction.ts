import type { DatabaseSync } from 'node:sqlite';
import { isSqliteBusyError, SqliteAdapterError } from './sqlite-adapter-error.js';

/**
 * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`: the write lock is taken up front (waiting up
 * to the connection's `busy_timeout`), so the transaction can never fail half-way for lack of
 * it, and everything `work` wrote is rolled back if it throws. `work` must be synchronous:
 * an `await` inside would let other calls run in the middle of the transaction.
 *
 * @throws {@link SqliteAdapterError} `sqlite_busy` when the lock was not free in time.
 *
 * @example
 * ```ts
 * immediateTransaction(db, () => {
 *   insertMapping.run(first);
 *   insertMapping.run(second);
 * });
 * ```
 */
export function immediateTransaction<T>(db: DatabaseSync, work: () => T): T {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (isSqliteBusyError(error)) {
      throw new SqliteAdapterError(
        'sqlite_busy',
        'SQLite database is locked by another connection; gave up waiting for the write lock',
        { cause: error },
      );
    }
    throw error;
  }
  let result: T;
  try {
    result = work();
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      throw new TypeError('immediateTransaction: work must be synchronous, it returned a promise');
    }
    db.exec('COMMIT');
  } catch (error) {
    // SQLite rolls some failed transactions back by itself; only roll back one still open.
    // `isTransaction` is missing before Node 22.16: then try, and keep the original error.
    if (db.isTransaction !== false) {
      try {
        db.exec('ROLLBACK');
      } catch (rollbackError) {
        if (db.isTransaction === true)
          throw new AggregateError([error, rollbackError], 'ROLLBACK failed');
      }
    }
    throw error;
  }
  return result;
}
