import { z } from 'zod';
import { optional, quantitySchema, referenceSchema, textSchema } from './scalars.js';

/** One row of `GET Stocks`. */
export const stockSchema = z.looseObject({
  /** Item GUID. */
  Item: textSchema,
  /** Warehouse GUID (`undefined` when Balance sent the empty GUID, e.g. with `Total=true`). */
  Warehouse: referenceSchema,
  /** Branch GUID. */
  Branch: referenceSchema,
  /** Series (lot) GUID, for lot-tracked items. */
  Series: referenceSchema,
  /** Quantity on hand. */
  Quantity: quantitySchema,
  /** Reserved quantity; available to sell is `Quantity − Reserve`. */
  Reserve: optional(quantitySchema),
});

/**
 * A stock balance line (per item, warehouse and series with `Total=false`).
 *
 * @example
 * ```ts
 * const available = (row: BalanceStock) => row.Quantity - (row.Reserve ?? 0);
 * ```
 *
 * @interface
 */
export type BalanceStock = z.output<typeof stockSchema>;
