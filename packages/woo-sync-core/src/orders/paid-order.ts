import type { WooOrder } from '../ports/woocommerce-port.js';

/**
 * Order meta key the export writes the Sale uid to, for people looking at the order in
 * WooCommerce.
 *
 * @example
 * ```ts
 * order.meta.find((entry) => entry.key === SALE_UID_META_KEY)?.value; // the Balance Sale uid
 * ```
 */
export const SALE_UID_META_KEY = '_balance_sale_uid';

/**
 * Whether an order counts as paid for the export: its status is one of
 * `orders.paidStatuses` (default `processing`, `completed`), or it is `refunded` after having
 * been paid (`date_paid` set) — a fully refunded order still needs its Sale, so that the
 * credit notes have something to credit. `on-hold` (bank transfer) and `pending` orders are
 * not paid; they are exported once they are.
 *
 * @example
 * ```ts
 * isPaidOrder(order, ['processing', 'completed']); // false for an on-hold order
 * ```
 */
export function isPaidOrder(order: WooOrder, paidStatuses: readonly string[]): boolean {
  if (paidStatuses.includes(order.status)) return true;
  return order.status === 'refunded' && order.datePaid !== null;
}
