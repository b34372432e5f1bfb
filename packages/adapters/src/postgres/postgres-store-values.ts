import type { LedgerState } from '@balance-sync/woo-sync-core';
import { PostgresAdapterError } from './postgres-adapter-error.js';

/** Every ledger state, in the order `counts` reports them. */
export const LEDGER_STATES: readonly LedgerState[] = [
  'pending',
  'sent',
  'exported',
  'failed',
  'dead',
];

const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Epoch milliseconds of an instant the store sorts or filters by; it must carry its zone. */
export function instantMs(value: string, field: string): number {
  const ms =
    typeof value === 'string' && ZONED_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new PostgresAdapterError(
      'invalid_timestamp',
      `${field} must be an ISO 8601 instant with a zone (e.g. "2026-11-27T08:00:00Z"), got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/** A page size: the given one or the default; a positive integer. */
export function pageLimit(limit: number | undefined, fallback: number): number {
  const value = limit ?? fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new PostgresAdapterError(
      'invalid_query',
      `limit must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** The opaque position after a ledger row in `(updatedAt, key)` order. */
export function encodeLedgerCursor(updatedMs: number, key: string): string {
  return Buffer.from(JSON.stringify([updatedMs, key]), 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeLedgerCursor}. */
export function decodeLedgerCursor(cursor: string): { updatedMs: number; key: string } {
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
  throw new PostgresAdapterError('invalid_cursor', 'cursor is not one returned by ledger.list');
}

/** JSON text of a value; `undefined` is stored as JSON `null`. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** The items of a batch with repeated ids reduced to the last occurrence of each id. */
export function lastById<T>(items: readonly T[], id: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(id(item), item);
  return [...byId.values()];
}
