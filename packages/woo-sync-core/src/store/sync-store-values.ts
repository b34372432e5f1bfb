import type { LedgerState } from '../ports/sync-store.js';

/**
 * Every {@link LedgerState}, in the order `ledger.counts()` reports them. Store adapters use
 * it to report a count for each state.
 *
 * @example
 * ```ts
 * const open = LEDGER_STATES.filter((state) => state !== 'exported');
 * ```
 */
export const LEDGER_STATES: readonly LedgerState[] = [
  'pending',
  'sent',
  'exported',
  'failed',
  'dead',
];

/**
 * A zero for every {@link LedgerState}: what `ledger.counts()` reports for an empty store, and
 * what adapters add their counts to (a state without documents is still reported, as 0).
 *
 * @example
 * ```ts
 * const counts = emptyLedgerCounts();
 * for (const entry of entries) counts[entry.state] += 1;
 * ```
 */
export function emptyLedgerCounts(): Record<LedgerState, number> {
  return { pending: 0, sent: 0, exported: 0, failed: 0, dead: 0 };
}

/**
 * The codes every `SyncStore` uses for bad input, whatever its error class:
 * - `invalid_timestamp`: a timestamp the store sorts or filters by is not an ISO 8601
 *   instant with a zone;
 * - `invalid_query`: a `limit` that is not a positive integer;
 * - `invalid_cursor`: a ledger cursor that `ledger.list` did not issue.
 *
 * @example
 * ```ts
 * const code: SyncStoreInputErrorCode = 'invalid_cursor';
 * ```
 */
export type SyncStoreInputErrorCode = 'invalid_timestamp' | 'invalid_query' | 'invalid_cursor';

/**
 * The checks and encodings every `SyncStore` applies to what callers pass in, so the
 * adapters accept and refuse the same values with the same codes and messages.
 */
export interface SyncStoreInputRules {
  /**
   * Epoch milliseconds of an instant the store sorts or filters by; it must carry its zone
   * (`Z` or `±HH:MM`), so that every host orders it the same way.
   */
  instantMs(value: string, field: string): number;
  /** A page size: the given one or the default; a positive integer. */
  pageLimit(limit: number | undefined, fallback: number): number;
  /** Reads a cursor made by {@link encodeLedgerCursor}. */
  decodeLedgerCursor(cursor: string): { updatedMs: number; key: string };
}

const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The opaque `ledger.list` cursor of the position after a ledger row in `(updatedAt, key)`
 * order.
 *
 * @example
 * ```ts
 * page.next = encodeLedgerCursor(Date.parse(last.updatedAt), last.key);
 * ```
 */
export function encodeLedgerCursor(updatedMs: number, key: string): string {
  return Buffer.from(JSON.stringify([updatedMs, key]), 'utf8').toString('base64url');
}

/**
 * The {@link SyncStoreInputRules} of a store whose errors are built by `fail` (the store's
 * own error class, with the same code).
 *
 * @example
 * ```ts
 * const rules = syncStoreInputRules((code, message) => new SqliteAdapterError(code, message));
 * rules.pageLimit(undefined, 100); // 100
 * ```
 */
export function syncStoreInputRules(
  fail: (code: SyncStoreInputErrorCode, message: string) => Error,
): SyncStoreInputRules {
  return {
    instantMs(value, field) {
      const ms =
        typeof value === 'string' && ZONED_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
      if (!Number.isFinite(ms)) {
        throw fail(
          'invalid_timestamp',
          `${field} must be an ISO 8601 instant with a zone (e.g. "2026-11-27T08:00:00Z"), got ${JSON.stringify(value)}`,
        );
      }
      return ms;
    },
    pageLimit(limit, fallback) {
      const value = limit ?? fallback;
      if (!Number.isSafeInteger(value) || value < 1) {
        throw fail('invalid_query', `limit must be a positive integer, got ${value}`);
      }
      return value;
    },
    decodeLedgerCursor(cursor) {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (
          Array.isArray(parsed) &&
          parsed.length === 2 &&
          Number.isSafeInteger(parsed[0]) &&
          typeof parsed[1] === 'string'
        ) {
          return { updatedMs: parsed[0] as number, key: parsed[1] };
        }
      } catch {
        // reported below with the stable code
      }
      throw fail('invalid_cursor', 'cursor is not one returned by ledger.list');
    },
  };
}
