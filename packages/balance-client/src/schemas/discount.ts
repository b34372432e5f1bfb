import { z } from 'zod';
import { toIsoDate } from './balance-date.js';
import { booleanSchema, decimalSchema, optional, referenceSchema, textSchema } from './scalars.js';

/** One discount rule from `GET Discounts`, with ISO copies of its dates added. */
export const discountSchema = z
  .looseObject({
    /** Rule GUID. */
    uid: optional(textSchema),
    /** Code. */
    Code: optional(textSchema),
    /** Name. */
    Name: optional(textSchema),
    /** Discount percentage as a canonical decimal string. */
    Percentage: optional(decimalSchema),
    /** Whether the rule is active. */
    IsActive: optional(booleanSchema),
    /** First day, as Balance sends it (`DD.MM.YYYY`). */
    StartDate: optional(textSchema),
    /** Last day, as Balance sends it (`DD.MM.YYYY`). */
    EndDate: optional(textSchema),
    /** Condition, e.g. `უპირობოდ` (unconditional), see `DiscountCondition`. */
    DiscountCondition: optional(textSchema),
    /** Items or groups the rule applies to; empty means all items. */
    Items: z.preprocess(
      (value) => value ?? [],
      z.array(z.looseObject({ /** Item or group GUID. */ Item: referenceSchema })),
    ),
    /** Weekly schedule rows (`WeekDay`, `StartPeriod`, `EndPeriod`). */
    Schedule: z.preprocess((value) => value ?? [], z.array(z.looseObject({}))),
    /** Comments. */
    Comments: optional(textSchema),
  })
  .transform((rule) => ({
    ...rule,
    /** `StartDate` as ISO `YYYY-MM-DD` (added by the client). */
    startDateIso: toIsoDate(rule.StartDate),
    /** `EndDate` as ISO `YYYY-MM-DD` (added by the client). */
    endDateIso: toIsoDate(rule.EndDate),
  }));

/**
 * A discount rule. `StartDate`/`EndDate` stay as Balance sent them (`DD.MM.YYYY`); the
 * client adds `startDateIso`/`endDateIso` (`YYYY-MM-DD`, `undefined` when absent or empty).
 *
 * @example
 * ```ts
 * const active = (await balance.discounts.list()).filter((d) => d.IsActive !== false);
 * console.log(active[0]?.startDateIso, active[0]?.endDateIso);
 * ```
 *
 * @interface
 */
export type BalanceDiscount = z.output<typeof discountSchema>;
