import { z } from 'zod';
import { decimalSchema, optional, textSchema } from './scalars.js';

/** One row of `GET Prices`. */
export const priceSchema = z.looseObject({
  /** Price type GUID (which types are exported is set in the integration profile). */
  PriceType: optional(textSchema),
  /** Item GUID. */
  Item: textSchema,
  /** Currency (code or GUID). */
  Currency: optional(textSchema),
  /** Price as a canonical decimal string (e.g. `"12.5"`). */
  Price: decimalSchema,
  /** VAT rate, when the tenant sends it. */
  VATRate: optional(textSchema),
});

/**
 * A current price of an item for one price type.
 *
 * @example
 * ```ts
 * const regular = prices.filter((p) => p.PriceType === regularPriceType);
 * ```
 *
 * @interface
 */
export type BalancePrice = z.output<typeof priceSchema>;
