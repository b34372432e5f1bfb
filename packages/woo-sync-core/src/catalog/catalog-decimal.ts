/*
 * Exact decimal arithmetic for the catalog: Balance and WooCommerce send money and
 * quantities as decimal strings; the catalog works on integers (tetri for money,
 * ten-thousandths for quantities) and never on floats. Money goes through the shared
 * helpers of `src/money/`; quantities (rounded down, never money) are scaled here.
 */
import { divideRoundHalfAwayFromZero, parseExactDecimal } from '../money/exact-decimal.js';
import { formatMoney } from '../money/format-money.js';
import { parseMoneyRounded } from '../money/parse-money.js';

const DECIMAL = /^\s*([+-]?)(\d*)(?:[.,](\d*))?\s*$/;

/**
 * How {@link decimalToScaled} treats digits beyond the scale.
 *
 * @example
 * ```ts
 * decimalToScaled('3.999', 0, 'floor'); // 3
 * ```
 */
export type ScaleRounding = 'half-up' | 'floor';

/**
 * A decimal string (or a finite number, as some tenants send) as an integer scaled by
 * `10^decimals`, rounded by `rounding` (half away from zero, or towards −∞). `undefined`
 * when the input is not a decimal or does not fit a safe integer.
 *
 * @example
 * ```ts
 * decimalToScaled('12.345', 2); // 1235
 * decimalToScaled('3.750', 4, 'floor'); // 37500
 * decimalToScaled('abc', 2); // undefined
 * ```
 */
export function decimalToScaled(
  value: string | number,
  decimals: number,
  rounding: ScaleRounding = 'half-up',
): number | undefined {
  const text = typeof value === 'number' ? numberToPlain(value) : value;
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', intPart = '', fracPart = ''] = match;
  if (intPart === '' && fracPart === '') return undefined;
  const kept = (fracPart + '0'.repeat(decimals)).slice(0, decimals);
  const rest = fracPart.slice(decimals);
  let magnitude = Number((intPart || '0') + kept);
  if (!Number.isSafeInteger(magnitude)) return undefined;
  const negative = sign === '-';
  const hasRest = /[1-9]/.test(rest);
  if (rounding === 'half-up') {
    if (rest !== '' && rest.charCodeAt(0) >= 53 /* '5' */) magnitude += 1;
  } else if (negative && hasRest) {
    magnitude += 1;
  }
  if (magnitude === 0) return 0;
  return negative ? -magnitude : magnitude;
}

function numberToPlain(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '');
}

/**
 * Formats an integer amount of minor units (tetri) as a decimal string with two decimals.
 *
 * @example
 * ```ts
 * formatMinor(1890); // "18.90"
 * formatMinor(-5); // "-0.05"
 * ```
 */
export function formatMinor(minor: number): string {
  return formatMoney(minor, 2);
}

/**
 * A money decimal string in minor units (tetri), rounded half away from zero to the tetri;
 * `undefined` for anything that is not a plain decimal (`""`, `"abc"`).
 *
 * @example
 * ```ts
 * moneyToMinor('18.9'); // 1890
 * moneyToMinor('0.005'); // 1
 * moneyToMinor(''); // undefined
 * ```
 */
export function moneyToMinor(value: string): number | undefined {
  const result = parseMoneyRounded(value, 2);
  return result.ok ? result.minor : undefined;
}

/**
 * `regular` (minor units) reduced by `percentage` percent, rounded half away from zero to
 * the tetri. `undefined` when the percentage is not a decimal between 0 and 100.
 *
 * @example
 * ```ts
 * percentOff(1890, '10'); // 1701
 * percentOff(999, '12.5'); // 874
 * ```
 */
export function percentOff(regular: number, percentage: string): number | undefined {
  const percent = parseExactDecimal(percentage);
  if (!percent || percent.coefficient < 0n) return undefined;
  const hundred = 100n * 10n ** BigInt(percent.scale);
  if (percent.coefficient > hundred) return undefined;
  return Number(
    divideRoundHalfAwayFromZero(BigInt(regular) * (hundred - percent.coefficient), hundred),
  );
}
