/**
 * Condition of a discount rule (Discounts `DiscountCondition`). Other (amount-based) values exist but are unconfirmed.
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * const always = rule.DiscountCondition === DiscountCondition.unconditional;
 * ```
 */
export const DiscountCondition = {
  /** Unconditional. */
  unconditional: 'უპირობოდ',
} as const;

/**
 * One of the {@link DiscountCondition} literals.
 *
 * @example
 * ```ts
 * const value: DiscountConditionValue = DiscountCondition.unconditional;
 * ```
 */
export type DiscountConditionValue = (typeof DiscountCondition)[keyof typeof DiscountCondition];
