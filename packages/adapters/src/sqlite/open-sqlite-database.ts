import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isSqliteBusyError, SqliteAdapterError } from './sqlite-adapter-error.js';

/** Options of {@link openSqliteDatabase}. */
export interface OpenSqliteDatabaseOptions {
  /** Path of the database file (created with its directory when missing), or `':memory:'`. */
  path: string;
  /**
   * How long a write waits for another connection's write lock before failing with
   * `sqlite_busy`, in milliseconds.
   * @default 5000
   */
  busyTimeoutMs?: number;
}

/** Blocks the thread for `ms` milliseconds (the open sequence is synchronous). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Switches the file to WAL and returns the journal mode now in force. Switching needs an
 * exclusive lock, and when several connections open a new file at once SQLite answers
 * SQLITE_BUSY at once (to avoid a deadlock) instead of waiting on `busy_timeout`; so a busy
 * switch is retried, with a growing pause, until `busyTimeoutMs` has passed.
 */
function switchToWal(db: DatabaseSync, busyTimeoutMs: number): string {
  const deadline = Date.now() + busyTimeoutMs;
  for (let pauseMs = 1; ; pauseMs = Math.min(pauseMs * 2, 50)) {
    try {
      return String(db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode);
    } catch (error) {
      if (!isSqliteBusyError(error) || Date.now() >= deadline) throw error;
      sleepSync(pauseMs);
    }
  }
}

/** Whether a path names a private in-memory database rather than a file. */
function isInMemorySqlitePath(path: string): boolean {
  return path === ':memory:';
}

/**
 * Opens a `node:sqlite` database the way every SQLite adapter of the SDK needs it:
 * - `journal_mode = WAL`, so readers never block the writer and several processes can share
 *   the file (fails with `sqlite_wal_unavailable` where the file system cannot do WAL);
 * - `busy_timeout`, so a writer waits for another connection's lock instead of failing at once
 *   (also while switching a new file to WAL, which SQLite itself would not wait for);
 * - `synchronous = FULL`, so a committed transaction survives a crash of the process or the
 *   machine;
 * - `foreign_keys = ON`.
 *
 * Shared by the SQLite sync store and the SQLite job queue, which may use the same file.
 * On Node 22 the first use of `node:sqlite` prints an `ExperimentalWarning` once per
 * process; the SDK leaves it alone (run node with `--disable-warning=ExperimentalWarning` to
 * hide it).
 *
 * @example
 * ```ts
 * const db = openSqliteDatabase({ path: './balance-sync.db' });
 * db.prepare('SELECT 1 AS one').get(); // { one: 1 }
 * db.close();
 * ```
 */
export function openSqliteDatabase(options: OpenSqliteDatabaseOptions): DatabaseSync {
  const { path } = options;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new SqliteAdapterError(
      'sqlite_open_failed',
      `busyTimeoutMs must be a non-negative integer, got ${busyTimeoutMs}`,
    );
  }
  if (typeof path !== 'string' || path === '') {
    throw new SqliteAdapterError('sqlite_open_failed', "path must be a file path or ':memory:'");
  }
  const inMemory = isInMemorySqlitePath(path);
  let db: DatabaseSync;
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
  } catch (cause) {
    throw new SqliteAdapterError('sqlite_open_failed', `Could not open SQLite database ${path}`, {
      cause,
    });
  }
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold.
    db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    const mode = switchToWal(db, busyTimeoutMs);
    if (!inMemory && mode !== 'wal') {
      throw new SqliteAdapterError(
        'sqlite_wal_unavailable',
        `SQLite database ${path} cannot use write-ahead logging (journal mode is ${mode}); put it on a local disk`,
      );
    }
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    if (error instanceof SqliteAdapterError) throw error;
    if (isSqliteBusyError(error)) {
      throw new SqliteAdapterError(
        'sqlite_busy',
        `SQLite database ${path} stayed locked by another connection while opening`,
        { cause: error },
      );
    }
    throw new SqliteAdapterError(
      'sqlite_open_failed',
      `Could not configure SQLite database ${path}`,
      { cause: error },
    );
  }
}
