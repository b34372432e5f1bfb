/*
 * Exact decimal arithmetic for the simulator: money is kept as decimal strings and computed
 * in integer minor units (tetri = 1/100 GEL); quantities in thousandths (1C's usual 3
 * fractional digits). No floating-point arithmetic touches an amount.
 */

/**
 * Fractional digits of money amounts (tetri).
 *
 * @example
 * ```ts
 * decimalToUnits('12.50', MONEY_SCALE); // 1250
 * ```
 */
export const MONEY_SCALE = 2;
/**
 * Fractional digits of quantities (thousandths).
 *
 * @example
 * ```ts
 * decimalToUnits('3.75', QUANTITY_SCALE); // 3750
 * ```
 */
export const QUANTITY_SCALE = 3;

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:[.,](\d+))?$/;

/**
 * Parses a decimal given as a string (`"12.50"`, `"12,5"`) or a JSON number into integer
 * units of `10^-scale`, rounding half away from zero beyond `scale` digits (as a 1C numeric
 * attribute with that many fractional digits does). Returns `undefined` for anything that
 * is not a plain decimal (empty strings, exponents, booleans, `NaN`).
 *
 * @example
 * ```ts
 * decimalToUnits('12.50', 2); // 1250
 * decimalToUnits(3, 3); // 3000
 * decimalToUnits('0.125', 2); // 13
 * decimalToUnits('abc', 2); // undefined
 * ```
 */
export function decimalToUnits(value: unknown, scale: number): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = numberToPlainString(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const negative = match[1] === '-';
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? '';
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  const roundUp = fraction.length > scale && fraction.charCodeAt(scale) - 48 >= 5;
  const digits = BigInt(`${whole}${kept}`) + (roundUp ? 1n : 0n);
  if (digits > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const units = Number(digits);
  return negative && units !== 0 ? -units : units;
}

/**
 * Formats integer units of `10^-scale` as a decimal string with exactly `scale` digits.
 *
 * @example
 * ```ts
 * unitsToDecimal(1250, 2); // "12.50"
 * unitsToDecimal(-5, 2); // "-0.05"
 * unitsToDecimal(2500, 3); // "2.500"
 * ```
 */
export function unitsToDecimal(units: number, scale: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not an integer amount: ${units}`);
  const sign = units < 0 ? '-' : '';
  const digits = Math.abs(units)
    .toString()
    .padStart(scale + 1, '0');
  if (scale === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Multiplies a price in tetri by a quantity in thousandths and returns tetri, rounding half
 * away from zero. Used when a document line carries `Price` and `Quantity` but no `Amount`.
 *
 * @example
 * ```ts
 * multiplyPriceByQuantity(1250, 2000); // 2500 (12.50 × 2 = 25.00)
 * multiplyPriceByQuantity(333, 1500); // 500 (3.33 × 1.5 = 4.995 → 5.00)
 * ```
 */
export function multiplyPriceByQuantity(priceTetri: number, quantityThousandths: number): number {
  const product = BigInt(priceTetri) * BigInt(quantityThousandths);
  const divisor = 10n ** BigInt(QUANTITY_SCALE);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return Number(negative ? -rounded : rounded);
}

/** Renders a finite number without exponent notation (JSON numbers such as 1e-7). */
function numberToPlainString(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
