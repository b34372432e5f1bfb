/**
 * SQLite adapters on Node's built-in `node:sqlite` (no native module): the embedded default
 * storage of the SDK. One database file in WAL mode, shared safely by several processes.
 *
 * @packageDocumentation
 */

// ---- SyncStore
export {
  SqliteAdapterError,
  type SqliteAdapterErrorCode,
} from './sqlite-adapter-error.js';
export {
  createSqliteStore,
  type SqliteStoreOptions,
  type SqliteSyncStore,
} from './sqlite-sync-store.js';

// ---- JobQueue

export { createSqliteJobQueue, type SqliteJobQueueOptions } from './sqlite-job-queue.js';
