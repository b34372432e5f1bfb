import { syncStoreInputRules } from '@balance-sync/woo-sync-core';
import { PostgresAdapterError } from './postgres-adapter-error.js';

/** The port's input rules (zoned timestamps, page limits, ledger cursors), with this adapter's errors. */
export const { instantMs, pageLimit, decodeLedgerCursor } = syncStoreInputRules(
  (code, message) => new PostgresAdapterError(code, message),
);

/** The items of a batch with repeated ids reduced to the last occurrence of each id. */
export function lastById<T>(items: readonly T[], id: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(id(item), item);
  return [...byId.values()];
}
