import { syncStoreInputRules } from '@balance-sync/woo-sync-core';
import { SqliteAdapterError } from './sqlite-adapter-error.js';

/** The port's input rules (zoned timestamps, page limits, ledger cursors), with this adapter's errors. */
export const { instantMs, pageLimit, decodeLedgerCursor } = syncStoreInputRules(
  (code, message) => new SqliteAdapterError(code, message),
);
