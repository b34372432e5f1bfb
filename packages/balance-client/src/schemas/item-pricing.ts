import { z } from 'zod';
import { decimalSchema, optional, textSchema } from './scalars.js';

/** One line of an ItemPricing document. */
export const itemPricingLineSchema = z.looseObject({
  /** Item GUID. */
  Item: textSchema,
  /** Price as a canonical decimal string. */
  Price: optional(decimalSchema),
});

/** One ItemPricing (price-setting) document from `GET ItemPricing`. */
export const itemPricingSchema = z.looseObject({
  /** Document GUID, when the tenant sends it. */
  uid: optional(textSchema),
  /** Price type GUID. */
  PriceType: optional(textSchema),
  /** Document date (`YYYY-MM-DDTHH:MM:SS`, server local time). */
  Date: optional(textSchema),
  /** Lines. */
  Items: z.preprocess((value) => value ?? [], z.array(itemPricingLineSchema)),
});

/**
 * A price-setting document: prices of several items for one price type from a date.
 *
 * @example
 * ```ts
 * for await (const doc of balance.itemPricing.list()) {
 *   for (const line of doc.Items) console.log(doc.PriceType, doc.Date, line.Item, line.Price);
 * }
 * ```
 *
 * @interface
 */
export type BalanceItemPricing = z.output<typeof itemPricingSchema>;

/**
 * A line of {@link BalanceItemPricing}.
 *
 * @example
 * ```ts
 * const line: BalanceItemPricingLine = doc.Items[0]!;
 * ```
 *
 * @interface
 */
export type BalanceItemPricingLine = z.output<typeof itemPricingLineSchema>;
