import type {
  ChangeCursor,
  UtcDateTime,
  WooCommercePort,
  WooOrder,
} from '../ports/woocommerce-port.js';
import { toUtcIso } from '../time/utc-instant.js';
import { OrderExportError } from './order-export-error.js';
import { isPaidOrder } from './paid-order.js';

/**
 * A closed range of instants, both UTC ISO 8601 with a zone.
 *
 * @example
 * ```ts
 * const march: DateRange = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T23:59:59Z' };
 * ```
 */
export interface DateRange {
  from: UtcDateTime;
  to: UtcDateTime;
}

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Milliseconds of `from` and `to`; throws `invalid_range` unless both are zoned and ordered.
 *
 * @example
 * ```ts
 * parseRange({ from: '2026-03-01T00:00:00Z', to: '2026-03-31T23:59:59Z' }); // { fromMs, toMs }
 * ```
 */
export function parseRange(range: DateRange): { fromMs: number; toMs: number } {
  const fromMs = ZONED.test(range.from) ? Date.parse(range.from) : Number.NaN;
  const toMs = ZONED.test(range.to) ? Date.parse(range.to) : Number.NaN;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) {
    throw new OrderExportError(
      'invalid_range',
      `"${range.from}" – "${range.to}" is not a range of UTC instants with from ≤ to (e.g. "2026-03-01T00:00:00Z" – "2026-03-31T23:59:59Z")`,
    );
  }
  return { fromMs, toMs };
}

/**
 * A change-feed position just before `fromMs` (one second earlier, at id 0): feeds read
 * strictly after it include everything stamped at or after `fromMs`.
 *
 * @example
 * ```ts
 * rangeStartCursor(Date.parse('2026-03-01T00:00:00Z')); // { timestamp: '2026-02-28T23:59:59Z', id: 0 }
 * ```
 */
export function rangeStartCursor(fromMs: number): ChangeCursor {
  return { timestamp: toUtcIso(fromMs - 1000), id: 0 };
}

/**
 * When an order counts as paid for a range: `date_paid`, else (a paid order WooCommerce did
 * not date) `date_completed`, else `date_created` — the same instant the Sale is dated with.
 * `null` for an order that is not paid.
 *
 * @example
 * ```ts
 * paidAt(order, ['processing', 'completed']); // '2026-03-04T10:15:00Z'
 * ```
 */
export function paidAt(order: WooOrder, paidStatuses: readonly string[]): UtcDateTime | null {
  if (order.datePaid !== null) return order.datePaid;
  if (!isPaidOrder(order, paidStatuses)) return null;
  return order.dateCompleted ?? order.dateCreated;
}

/**
 * The orders paid within a range, read from the store's change feed: every order paid in
 * the range was modified at or after its payment, so the feed is read from `from` on and
 * filtered by {@link paidAt}. Ordered by `(date_modified, id)`.
 *
 * @example
 * ```ts
 * for await (const order of paidOrdersInRange(woo, march, ['processing', 'completed'])) console.log(order.id);
 * ```
 */
export async function* paidOrdersInRange(
  woo: WooCommercePort,
  range: DateRange,
  paidStatuses: readonly string[],
): AsyncIterable<WooOrder> {
  const { fromMs, toMs } = parseRange(range);
  const after = rangeStartCursor(fromMs);
  for await (const order of woo.orders.listChanged({ after })) {
    const paid = paidAt(order, paidStatuses);
    if (paid === null) continue;
    const ms = Date.parse(paid);
    if (ms >= fromMs && ms <= toMs) yield order;
  }
}
