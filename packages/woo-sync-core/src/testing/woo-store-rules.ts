// Small rules WooCommerce applies everywhere, shared by the in-memory store and the suite.

import type { ChangeCursor, UtcDateTime } from '../ports/woocommerce-port.js';

/**
 * The form WooCommerce compares SKUs in: trimmed (`wc_clean`) and case-insensitive (the
 * database collation). Two non-empty SKUs collide when their normalised forms are equal.
 *
 * @example
 * ```ts
 * normalizeWooSku('  Abc-1 ') === normalizeWooSku('ABC-1'); // true
 * ```
 */
export function normalizeWooSku(sku: string): string {
  return sku.trim().toLowerCase();
}

/** An instant at WooCommerce's one-second resolution, as a port timestamp (`…T08:00:00Z`). */
export function toUtcSeconds(instant: Date | number): UtcDateTime {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** Orders feed positions by timestamp, then id. */
export function compareCursors(a: ChangeCursor, b: ChangeCursor): number {
  const byTime = Date.parse(a.timestamp) - Date.parse(b.timestamp);
  return byTime !== 0 ? byTime : a.id - b.id;
}
