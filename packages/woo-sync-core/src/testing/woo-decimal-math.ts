// Exact arithmetic on WooCommerce decimal strings for the in-memory store (no floats).

const DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/** A decimal as an integer count of 10^-scale units. */
interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  const match = DECIMAL.exec(value.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new TypeError(`Not a decimal string: ${JSON.stringify(value)}`);
  }
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2] || '0'}${fraction}`);
  return { units: match[1] ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Compares two decimal strings: negative, zero or positive like a sort comparator. */
export function compareDecimals(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  const scale = Math.max(left.scale, right.scale);
  const difference = rescale(left, scale) - rescale(right, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** Sums decimal strings and formats the result with exactly `dp` decimals (inputs must fit). */
export function sumDecimals(values: readonly string[], dp = 2): string {
  let total = 0n;
  for (const value of values) {
    const parsed = parse(value);
    if (parsed.scale > dp) throw new RangeError(`${value} has more than ${dp} decimals`);
    total += rescale(parsed, dp);
  }
  return formatUnits(total, dp);
}

/** `-value`, formatted with `dp` decimals (zero stays unsigned). */
export function negateDecimal(value: string, dp = 2): string {
  const formatted = sumDecimals([value], dp);
  if (formatted.startsWith('-')) return formatted.slice(1);
  return /^0(\.0*)?$/.test(formatted) ? formatted : `-${formatted}`;
}

function formatUnits(units: bigint, dp: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(dp + 1, '0');
  const whole = digits.slice(0, digits.length - dp);
  const fraction = digits.slice(digits.length - dp);
  return `${negative ? '-' : ''}${whole}${dp > 0 ? `.${fraction}` : ''}`;
}
