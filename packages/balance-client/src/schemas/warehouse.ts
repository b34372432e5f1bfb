import { z } from 'zod';
import { booleanSchema, optional, textSchema } from './scalars.js';

/** One row of `GET Warehouses`. */
export const warehouseSchema = z.looseObject({
  /** Warehouse GUID (what Stocks rows and documents reference). */
  uid: z.string().min(1),
  /** Name. */
  Name: optional(textSchema),
  /** Code, where the tenant has one (some tenants accept it instead of the GUID). */
  Code: optional(textSchema),
  /** Address — spelled `Adress` by Balance. */
  Adress: optional(textSchema),
  /** Marked for deletion. */
  IsDeleted: optional(booleanSchema),
});

/**
 * A warehouse.
 *
 * @example
 * ```ts
 * const names = new Map((await balance.warehouses.list()).map((w) => [w.uid, w.Name]));
 * ```
 *
 * @interface
 */
export type BalanceWarehouse = z.output<typeof warehouseSchema>;
