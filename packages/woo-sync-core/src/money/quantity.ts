/**
 * Whether `value` is a WooCommerce line quantity the builders accept for a sold line: a
 * positive safe integer (WooCommerce quantities are integers; refund lines carry them
 * negated).
 *
 * @example
 * ```ts
 * isWholeQuantity(3);   // true
 * isWholeQuantity(0);   // false
 * isWholeQuantity(1.5); // false
 * ```
 */
export function isWholeQuantity(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/**
 * Formats an integer quantity as the string Balance receives in `Quantity` (`"3"`).
 * Throws a `RangeError` (programmer error) for anything but a safe integer.
 *
 * @example
 * ```ts
 * formatQuantity(3);  // '3'
 * formatQuantity(-1); // '-1'
 * ```
 */
export function formatQuantity(quantity: number): string {
  if (!Number.isSafeInteger(quantity)) {
    throw new RangeError(`quantity must be a safe integer, got ${quantity}`);
  }
  return String(quantity === 0 ? 0 : quantity);
}
