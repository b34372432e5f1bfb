import { assertMinorUnits, type MinorUnits } from '../money/minor-units.js';

/**
 * How a line whose amount is not an exact multiple of its quantity goes to Balance
 * (`orders.rounding`):
 * - `split-line`: two lines, `(q − r) × p` and `r × (p + 1)`, where `p = ⌊A / q⌋` and
 *   `r = A − p·q` (in minor units) — 10.00 over 3 becomes 2 × 3.33 + 1 × 3.34;
 * - `discount-field`: one line at `Price = p + 1` with `Discount = q − r` minor units —
 *   3 × 3.34 − 0.02 = 10.00.
 */
export type RoundingRule = 'split-line' | 'discount-field';

/**
 * One Balance line, in minor units: `priceMinor × quantity − discountMinor = amountMinor`.
 */
export interface LineExpression {
  readonly quantity: number;
  readonly priceMinor: MinorUnits;
  /** `0` unless `discount-field` had to absorb a remainder. */
  readonly discountMinor: MinorUnits;
  readonly amountMinor: MinorUnits;
}

/**
 * Expresses `amountMinor` for `quantity` units as Balance lines whose
 * `Price × Quantity − Discount` equals the amount exactly (see {@link RoundingRule}). An
 * exact multiple always gives one line without a discount; the split puts the base-price
 * units first.
 *
 * Throws a `RangeError` (programmer error) unless `quantity` is a positive safe integer and
 * `amountMinor` a safe integer.
 *
 * @example
 * ```ts
 * expressLineAmount(3, 1000, 'split-line');
 * // [{ quantity: 2, priceMinor: 333, discountMinor: 0, amountMinor: 666 },
 * //  { quantity: 1, priceMinor: 334, discountMinor: 0, amountMinor: 334 }]
 * expressLineAmount(3, 1000, 'discount-field');
 * // [{ quantity: 3, priceMinor: 334, discountMinor: 2, amountMinor: 1000 }]
 * ```
 */
export function expressLineAmount(
  quantity: number,
  amountMinor: MinorUnits,
  rule: RoundingRule,
): LineExpression[] {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  }
  assertMinorUnits(amountMinor);
  const amount = BigInt(amountMinor);
  const units = BigInt(quantity);
  let price = amount / units;
  if (amount % units !== 0n && amount < 0n) price -= 1n; // floor for negative amounts
  const remainder = Number(amount - price * units); // 0 ≤ r < quantity
  const p = Number(price);
  if (remainder === 0) return [{ quantity, priceMinor: p, discountMinor: 0, amountMinor }];
  if (rule === 'discount-field') {
    return [{ quantity, priceMinor: p + 1, discountMinor: quantity - remainder, amountMinor }];
  }
  const baseUnits = quantity - remainder;
  return [
    { quantity: baseUnits, priceMinor: p, discountMinor: 0, amountMinor: p * baseUnits },
    { quantity: remainder, priceMinor: p + 1, discountMinor: 0, amountMinor: (p + 1) * remainder },
  ];
}
