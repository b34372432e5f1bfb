import { z } from 'zod';
import {
  booleanSchema,
  decimalSchema,
  optional,
  quantitySchema,
  referenceSchema,
  textSchema,
} from './scalars.js';

/** One row of `GET Items`: an item (product or service) or a group (folder). */
export const itemSchema = z.looseObject({
  /** Item or group GUID: the key for Stocks, Prices and Sale lines. */
  uid: z.string().min(1),
  /** Short name. */
  Name: optional(textSchema),
  /** Full name. */
  FullName: optional(textSchema),
  /** Item code; used as SKU by several integrations. */
  Code: optional(textSchema),
  /** Internal article; the SKU on some tenants. */
  InternalArticle: optional(textSchema),
  /** Parent group GUID; `undefined` means root (Balance sends the empty GUID). */
  Group: referenceSchema,
  /** Whether the row is a group (folder); Balance sends `"true"`/`"false"` or booleans. */
  IsGroup: z.preprocess((value) => value ?? false, booleanSchema),
  /** Base unit (name or GUID). */
  Unit: optional(textSchema),
  /** Item VAT rate (text such as `ჩვეულებრივი`, or a GUID). */
  VATRate: optional(textSchema),
  /** External code. */
  ExtCode: optional(textSchema),
  /** Weight, where the tenant keeps it. */
  Weight: optional(quantitySchema),
  /** Unit cost, where the tenant exposes it (canonical decimal string). */
  UnitCost: optional(decimalSchema),
  /** Default inventory account. */
  InventoriesAccount: optional(textSchema),
  /** Default expenses (COGS) account. */
  ExpensesAccount: optional(textSchema),
  /** Default revenue account. */
  RevenuesAccount: optional(textSchema),
  /** Default VAT payable account. */
  VATPayableAccount: optional(textSchema),
});

/**
 * An Items row (item or group), with every field the tenant sent kept. The item-type /
 * service flag and the barcode field are not named by the public docs: read them from the
 * extra fields (`testConnection()` lists which ones the tenant has).
 *
 * @example
 * ```ts
 * for await (const row of balance.items.list()) {
 *   if (!row.IsGroup) console.log(row.uid, row.Code ?? row.InternalArticle, row.Name);
 * }
 * ```
 *
 * @interface
 */
export type BalanceItem = z.output<typeof itemSchema>;
