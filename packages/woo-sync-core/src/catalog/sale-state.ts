import type { WooProduct } from '../ports/woocommerce-port.js';
import { utcToEpoch } from '../time/utc-instant.js';
import { moneyToMinor } from './catalog-decimal.js';
import type { SaleValue } from './catalog-plan.js';

/** A sale reduced to what a shopper will see: price and the parts of the window still ahead. */
interface EffectiveSale {
  minor: number | undefined;
  from: number | null;
  to: number | null;
}

/**
 * The sale as it matters from `now` on. WooCommerce's daily sale cron clears
 * `date_on_sale_from` when a sale starts and clears the sale price and both dates when it
 * ends; reading both sides through this function makes those changes invisible, so they
 * never cause a rewrite:
 * - no price, or a window that has ended → no sale;
 * - a start in the past → "already running" (`from: null`).
 */
function effective(sale: SaleValue | null, now: number): EffectiveSale | null {
  if (!sale || sale.price.trim() === '') return null;
  const to = sale.to === null ? null : (utcToEpoch(sale.to) ?? null);
  if (to !== null && to <= now) return null;
  const from = sale.from === null ? null : (utcToEpoch(sale.from) ?? null);
  return { minor: moneyToMinor(sale.price), from: from !== null && from > now ? from : null, to };
}

/**
 * Whether two sales look the same to a shopper from `now` on (see above).
 *
 * @example
 * ```ts
 * // The cron cleared the start date of a running sale: still the same sale.
 * sameSale(
 *   { price: '15.90', from: '2025-11-23T20:00:00Z', to: null },
 *   { price: '15.9', from: null, to: null },
 *   new Date('2025-12-01T00:00:00Z'),
 * ); // true
 * ```
 */
export function sameSale(a: SaleValue | null, b: SaleValue | null, now: Date): boolean {
  const ms = now.getTime();
  const x = effective(a, ms);
  const y = effective(b, ms);
  if (x === null || y === null) return x === y;
  return x.minor === y.minor && x.from === y.from && x.to === y.to;
}

/**
 * The sale a store product has (`null` when it has no sale price).
 *
 * @example
 * ```ts
 * saleOfProduct(product); // { price: '15.90', from: null, to: '2026-01-07T20:00:00Z' }
 * ```
 */
export function saleOfProduct(product: WooProduct): SaleValue | null {
  if (product.salePrice.trim() === '') return null;
  return { price: product.salePrice, from: product.saleFrom, to: product.saleTo };
}

/**
 * The canonical form of a sale to write or to remember: `null` when it has ended, and no
 * start date once it is running (what WooCommerce's cron leaves behind).
 *
 * @example
 * ```ts
 * canonicalSale({ price: '9.00', from: '2020-01-01T00:00:00Z', to: null }, new Date()); // { price: '9.00', from: null, to: null }
 * ```
 */
export function canonicalSale(sale: SaleValue | null, now: Date): SaleValue | null {
  const ms = now.getTime();
  if (!sale || sale.price.trim() === '') return null;
  const to = sale.to === null ? null : utcToEpoch(sale.to);
  if (to !== null && to !== undefined && to <= ms) return null;
  const from = sale.from === null ? null : utcToEpoch(sale.from);
  return {
    price: sale.price,
    from: from !== null && from !== undefined && from > ms ? sale.from : null,
    to: sale.to,
  };
}
