/**
 * Exact money arithmetic for the simulator.
 *
 * WooCommerce stores money as decimal strings and computes in PHP floats; it rounds taxes to
 * 6 decimals of a cent inside the cart and formats order money with `number_format` (round
 * half away from zero). The simulator keeps every amount as an integer count of
 * **precise units** = 10⁻⁸ of the currency unit (10⁻⁶ of a cent for 2-decimal currencies),
 * so every figure WooCommerce would show, including its unrounded tax strings, is exact.
 *
 * Internal module.
 */

/** Decimal places of a precise unit. */
export const PRECISE_DECIMALS = 8;
/** Precise units in one currency unit. */
export const PRECISE_SCALE = 10 ** PRECISE_DECIMALS;

/**
 * An integer amount in precise units (10⁻⁸ of the currency unit), as records hold money.
 *
 * @example
 * const tenLari: Precise = 10 * 100_000_000;
 */
export type Precise = number;

function assertSafe(value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Amount out of the simulator's exact range: ${value}`);
  }
  return value;
}

/**
 * Parses a decimal string or number into precise units (digits past the 8th decimal are
 * rounded half away from zero). Junk parses as 0, as PHP's `(float)` would.
 */
export function parsePrecise(value: unknown): Precise {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 0;
    s = Number.isInteger(value) ? String(value) : value.toFixed(12);
  } else if (typeof value === 'string') {
    s = value.trim();
  } else {
    return 0;
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?/.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return 0;
  const negative = m[1] === '-';
  const intPart = m[2] === '' ? '0' : (m[2] ?? '0');
  const frac = m[3] ?? '';
  const head = frac.slice(0, PRECISE_DECIMALS).padEnd(PRECISE_DECIMALS, '0');
  const next = frac.charAt(PRECISE_DECIMALS);
  let units = BigInt(intPart) * BigInt(PRECISE_SCALE) + BigInt(head);
  if (next !== '' && Number(next) >= 5) units += 1n;
  return assertSafe(Number(negative ? -units : units));
}

/** Converts whole minor units (cents for 2-decimal currencies) to precise units. */
export function fromMinor(minor: number, dp: number): Precise {
  return assertSafe(minor * 10 ** (PRECISE_DECIMALS - dp));
}

/** Converts precise units to whole minor units, rounding half away from zero. */
export function toMinor(value: Precise, dp: number): number {
  return divRound(value, 10 ** (PRECISE_DECIMALS - dp));
}

/** Integer division rounding half away from zero (`round(a / b)` in PHP). */
export function divRound(a: number, b: number): number {
  if (b === 0) throw new RangeError('Division by zero');
  const q = Math.trunc(a / b);
  const r = a - q * b;
  if (2 * Math.abs(r) >= Math.abs(b)) return q + (Math.sign(a) * Math.sign(b) || 1);
  return q;
}

/** `a × num / den` computed exactly and rounded half away from zero. */
export function mulDivRound(a: number, num: number, den: number): number {
  const n = BigInt(a) * BigInt(num);
  const d = BigInt(den);
  let q = n / d;
  const r = n - q * d;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(d)) q += n < 0n !== d < 0n ? -1n : 1n;
  return assertSafe(Number(q));
}

/** `a × num / den` computed exactly and rounded towards negative infinity (`floor`). */
export function mulDivFloor(a: number, num: number, den: number): number {
  const n = BigInt(a) * BigInt(num);
  const d = BigInt(den);
  let q = n / d;
  if (n % d !== 0n && n < 0n !== d < 0n) q -= 1n;
  return assertSafe(Number(q));
}

/** Rounds precise units to `decimals` currency decimals, half away from zero. */
export function roundTo(value: Precise, decimals: number): Precise {
  if (decimals >= PRECISE_DECIMALS) return value;
  const step = 10 ** (PRECISE_DECIMALS - decimals);
  return assertSafe(divRound(value, step) * step);
}

/** Floors precise units to `decimals` currency decimals. */
export function floorTo(value: Precise, decimals: number): Precise {
  const step = 10 ** (PRECISE_DECIMALS - decimals);
  return Math.floor(value / step) * step;
}

/**
 * PHP `number_format($value, $dp, '.', '')`: rounds half away from zero and pads to `dp`
 * decimals. This is how WooCommerce prints order and refund money.
 */
export function formatMoney(value: Precise, dp: number): string {
  const rounded = roundTo(value, Math.min(dp, PRECISE_DECIMALS));
  const negative = rounded < 0;
  const abs = Math.abs(rounded);
  const int = Math.floor(abs / PRECISE_SCALE);
  const frac = String(abs % PRECISE_SCALE).padStart(PRECISE_DECIMALS, '0');
  const fracOut = dp <= 0 ? '' : `.${frac.slice(0, dp).padEnd(dp, '0')}`;
  const out = `${int}${fracOut}`;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/**
 * The unrounded form WooCommerce stores for tax amounts (`"15.25423729"`, `"15"`,
 * `"-1.2"`): all significant decimals, no trailing zeros.
 */
export function formatUnrounded(value: Precise): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const int = Math.floor(abs / PRECISE_SCALE);
  const frac = String(abs % PRECISE_SCALE)
    .padStart(PRECISE_DECIMALS, '0')
    .replace(/0+$/, '');
  const out = frac === '' ? String(int) : `${int}.${frac}`;
  return negative && out !== '0' ? `-${out}` : out;
}

/** The value as a JavaScript number of currency units (for display-only JSON numbers). */
export function toUnits(value: Precise): number {
  return value / PRECISE_SCALE;
}

/** Sums precise amounts. */
export function sumPrecise(values: Iterable<Precise>): Precise {
  let total = 0;
  for (const v of values) total += v;
  return assertSafe(total);
}
