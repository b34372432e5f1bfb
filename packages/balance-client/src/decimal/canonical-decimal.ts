const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
// Spaces, no-break spaces and thin spaces that 1C may use as thousands separators.
const GROUP_SEPARATORS = /[\s\u00a0\u202f\u2009']/g;
// Already canonical: no sign but `-`, no leading zeros, no trailing fraction zeros, not `-0`.
const CANONICAL = /^(?:0|-?[1-9]\d*|-?(?:0|[1-9]\d*)\.\d*[1-9])$/;

/**
 * Turns a decimal that Balance sent (a JSON number or a numeric string) into the canonical
 * decimal string used everywhere in this package, without floating-point arithmetic.
 *
 * Canonical form: plain notation (no exponent), an optional leading `-`, no leading zeros
 * in the integer part (but always at least `0`), no trailing zeros in the fraction and no
 * trailing `.`; negative zero becomes `0`. So `12.50`, `"12.50"`, `"012.5"`, `"1.25e1"` and
 * `"12,50"` (comma as decimal separator, as 1C formats it in some locales) all become
 * `"12.5"`, and `"30.00"` becomes `"30"`. Thousands separators (spaces, no-break spaces,
 * apostrophes) are ignored.
 *
 * @param value - A JSON number or a numeric string.
 * @returns The canonical decimal string, or `undefined` when `value` is not a finite decimal.
 *
 * @example
 * ```ts
 * canonicalDecimal('12.50'); // '12.5'
 * canonicalDecimal(30);      // '30'
 * canonicalDecimal('1 234,5'); // '1234.5'
 * canonicalDecimal('abc');   // undefined
 * ```
 */
export function canonicalDecimal(value: string | number): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    return CANONICAL.test(text) ? text : normalize(text);
  }
  // Most values Balance sends are canonical already ("22", "27.75").
  if (CANONICAL.test(value)) return value;
  let text = value.trim().replace(GROUP_SEPARATORS, '');
  // A lone comma is a decimal separator (1C formats numbers as `12,50` in Georgian/Russian locales).
  if (!text.includes('.') && text.split(',').length === 2) text = text.replace(',', '.');
  return normalize(text);
}

function normalize(text: string): string | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign = '', intPart = '', fracPart = '', exponentText] = match;
  if (intPart === '' && fracPart === '') return undefined;
  let digits = intPart + fracPart;
  // Position of the decimal point counted from the left end of `digits`.
  let point = intPart.length + (exponentText === undefined ? 0 : Number.parseInt(exponentText, 10));
  if (!Number.isSafeInteger(point) || Math.abs(point) > 10_000) return undefined;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  const integer = digits.slice(0, point).replace(/^0+/, '') || '0';
  const fraction = digits.slice(point).replace(/0+$/, '');
  const body = fraction === '' ? integer : `${integer}.${fraction}`;
  return sign === '-' && body !== '0' ? `-${body}` : body;
}

/**
 * Whether `value` is a decimal string that Balance accepts in a request body: optional `-`,
 * digits, optionally a `.` followed by digits (for example `"12.50"`, `"-3"`, `"0.005"`).
 *
 * @example
 * ```ts
 * isDecimalString('12.50'); // true
 * isDecimalString('12,50'); // false — use a dot in request bodies
 * ```
 */
export function isDecimalString(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}
