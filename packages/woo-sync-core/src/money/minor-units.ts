/**
 * An amount of money as an **integer count of the currency's minor unit** at the store's
 * number of decimals (`dp`): with `dp = 2`, `1250` is 12.50 GEL (1 250 tetri).
 *
 * It is a plain `number` rather than a branded type so that integer arithmetic (`+`, `-`,
 * comparisons) stays readable; the rule is carried by names instead: every variable,
 * field and parameter holding one ends in `Minor` (`amountMinor`, `totalMinor`). Values are
 * always safe integers (|n| ≤ 2^53 − 1, i.e. up to about 90 trillion GEL), which every
 * function of this module checks at its boundary. Products and ratios of amounts are
 * computed with `BigInt`, never with floating point.
 *
 * @example
 * ```ts
 * const priceMinor: MinorUnits = 1250; // 12.50 GEL
 * formatMoney(priceMinor * 3); // '37.50'
 * ```
 */
export type MinorUnits = number;

/**
 * Decimals of money amounts unless told otherwise: WooCommerce's default `dp` and the
 * precision of GEL (1 GEL = 100 tetri), which is also what Balance stores.
 *
 * @example
 * ```ts
 * formatMoney(1250, DEFAULT_MONEY_DECIMALS); // '12.50'
 * ```
 */
export const DEFAULT_MONEY_DECIMALS = 2;

/**
 * Whether `value` is a valid {@link MinorUnits} amount: a safe integer.
 *
 * @example
 * ```ts
 * isMinorUnits(1250); // true
 * isMinorUnits(12.5); // false
 * ```
 */
export function isMinorUnits(value: unknown): value is MinorUnits {
  return Number.isSafeInteger(value);
}

/** Throws a `RangeError` (a programmer error) unless `value` is a safe integer. */
export function assertMinorUnits(value: number, what = 'amount'): asserts value is MinorUnits {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of minor units, got ${value}`);
  }
}

/** Throws a `RangeError` unless `decimals` is an integer between 0 and 12. */
export function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    throw new RangeError(`decimals must be an integer from 0 to 12, got ${decimals}`);
  }
}
