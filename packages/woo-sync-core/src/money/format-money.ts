import {
  assertDecimals,
  assertMinorUnits,
  DEFAULT_MONEY_DECIMALS,
  type MinorUnits,
} from './minor-units.js';

/**
 * Formats minor units as the decimal string Balance expects in `Price`, `Amount`,
 * `Discount` and payment rows: a dot, exactly `decimals` digits, a leading `-` for negative
 * amounts, never exponent notation.
 *
 * Throws a `RangeError` (programmer error) when `minor` is not a safe integer.
 *
 * @example
 * ```ts
 * formatMoney(1250);   // '12.50'
 * formatMoney(-5);     // '-0.05'
 * formatMoney(1250, 0); // '1250'
 * ```
 */
export function formatMoney(minor: MinorUnits, decimals: number = DEFAULT_MONEY_DECIMALS): string {
  assertMinorUnits(minor);
  assertDecimals(decimals);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor)
    .toString()
    .padStart(decimals + 1, '0');
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
