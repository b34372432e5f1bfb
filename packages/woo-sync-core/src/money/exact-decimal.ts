/**
 * A decimal number held exactly: `coefficient × 10^-scale`. `"0.4545"` is
 * `{ coefficient: 4545n, scale: 4 }`. Used for WooCommerce's unrounded tax amounts, which
 * carry more decimals than the currency.
 *
 * @example
 * ```ts
 * const tax: ExactDecimal = parseExactDecimal('1.525424')!; // { coefficient: 1525424n, scale: 6 }
 * ```
 */
export interface ExactDecimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

// Plain decimal notation only: optional sign, digits, optional fraction. No exponent, no
// thousands separators: WooCommerce never sends them, and accepting them would hide bugs.
const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses a plain decimal string (`"12.50"`, `"-0.4545"`, `"3"`, `".5"`) exactly, digit by
 * digit, without floating point. Surrounding whitespace is ignored.
 *
 * @returns the exact value, or `undefined` when `text` is not a plain decimal (empty,
 * exponent notation, separators, more than 30 fractional digits)
 *
 * @example
 * ```ts
 * parseExactDecimal('-0.4545'); // { coefficient: -4545n, scale: 4 }
 * parseExactDecimal('1e3');     // undefined
 * ```
 */
export function parseExactDecimal(text: string): ExactDecimal | undefined {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  if (fraction.length > 30) return undefined;
  const magnitude = BigInt(`${whole || '0'}${fraction}`);
  return { coefficient: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/**
 * The coefficient of `value` at a larger or equal `scale` (exact: appends zeros).
 *
 * @example
 * ```ts
 * coefficientAtScale({ coefficient: 125n, scale: 2 }, 4); // 12500n
 * ```
 */
export function coefficientAtScale(value: ExactDecimal, scale: number): bigint {
  if (scale < value.scale) {
    throw new RangeError(`cannot widen scale ${value.scale} to the smaller scale ${scale}`);
  }
  return value.coefficient * 10n ** BigInt(scale - value.scale);
}

/**
 * The exact sum of decimals, at the largest scale among them (`0` for an empty list).
 *
 * @example
 * ```ts
 * sumExactDecimals([parseExactDecimal('0.4545')!, parseExactDecimal('1.2')!]); // 1.6545
 * ```
 */
export function sumExactDecimals(values: readonly ExactDecimal[]): ExactDecimal {
  const scale = values.reduce((max, value) => Math.max(max, value.scale), 0);
  let coefficient = 0n;
  for (const value of values) coefficient += coefficientAtScale(value, scale);
  return { coefficient, scale };
}

/**
 * An integer count of `10^-decimals` units as an {@link ExactDecimal}.
 *
 * @example
 * ```ts
 * exactFromMinor(1250, 2); // { coefficient: 1250n, scale: 2 } = 12.50
 * ```
 */
export function exactFromMinor(minor: number, decimals: number): ExactDecimal {
  return { coefficient: BigInt(minor), scale: decimals };
}

/**
 * Divides `numerator` by a positive `denominator` and rounds **half away from zero** (the
 * rule of PHP's `round()` and `number_format()`, which WooCommerce uses): 2.5 → 3,
 * −2.5 → −3, 2.4999 → 2.
 *
 * @example
 * ```ts
 * divideRoundHalfAwayFromZero(-25n, 10n); // -3n
 * ```
 */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/**
 * Floor division (towards −∞) of `numerator` by a positive `denominator`.
 *
 * @example
 * ```ts
 * divideFloor(-7n, 2n); // -4n
 * ```
 */
export function divideFloor(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}

/**
 * Rounds `value` to `decimals` fractional digits, half away from zero, and returns the
 * coefficient at that scale.
 *
 * @example
 * ```ts
 * roundExactDecimal(parseExactDecimal('0.4550')!, 2); // 46n  (0.46)
 * roundExactDecimal(parseExactDecimal('-0.125')!, 2); // -13n (-0.13)
 * ```
 */
export function roundExactDecimal(value: ExactDecimal, decimals: number): bigint {
  if (value.scale <= decimals) return coefficientAtScale(value, decimals);
  return divideRoundHalfAwayFromZero(value.coefficient, 10n ** BigInt(value.scale - decimals));
}
