import {
  coefficientAtScale,
  type ExactDecimal,
  parseExactDecimal,
  roundExactDecimal,
} from './exact-decimal.js';
import { assertDecimals, DEFAULT_MONEY_DECIMALS, type MinorUnits } from './minor-units.js';

/**
 * Why a money string could not be turned into minor units:
 * - `malformed`: not a plain decimal (empty, exponent, thousands separators, letters);
 * - `too-many-decimals`: non-zero digits beyond `decimals` where an exact value was required
 *   (usually the store's `dp` differs from the configured decimals);
 * - `out-of-range`: the amount does not fit a safe integer of minor units.
 */
export type MoneyParseFailure = 'malformed' | 'too-many-decimals' | 'out-of-range';

/**
 * The result of parsing a money string: the amount in minor units, or why it failed.
 *
 * @example
 * ```ts
 * const parsed: MoneyParseResult = parseMoney('12.50');
 * if (parsed.ok) console.log(parsed.minor); // 1250
 * ```
 */
export type MoneyParseResult =
  | { readonly ok: true; readonly minor: MinorUnits }
  | { readonly ok: false; readonly reason: MoneyParseFailure; readonly message: string };

function toResult(text: string, coefficient: bigint): MoneyParseResult {
  if (
    coefficient > BigInt(Number.MAX_SAFE_INTEGER) ||
    coefficient < -BigInt(Number.MAX_SAFE_INTEGER)
  ) {
    return { ok: false, reason: 'out-of-range', message: `"${text}" is too large an amount` };
  }
  const minor = Number(coefficient);
  return { ok: true, minor: minor === 0 ? 0 : minor };
}

function malformed(text: string): MoneyParseResult {
  return {
    ok: false,
    reason: 'malformed',
    message: `"${text}" is not a decimal amount such as "12.50"`,
  };
}

/**
 * Parses a money field that WooCommerce formatted to the store's decimals (`dp`) — order
 * and refund totals, line `total` / `total_tax`, shipping and fee totals — **exactly**, digit
 * by digit. Trailing zeros beyond `decimals` are fine (`"12.500"`); any other digit there
 * is refused as `too-many-decimals`, because it means the store's `dp` is not `decimals`
 * and silently rounding would lose money.
 *
 * @param decimals - the store's `dp`; defaults to 2 (GEL)
 *
 * @example
 * ```ts
 * parseMoney('12.50');  // { ok: true, minor: 1250 }
 * parseMoney('-9.00');  // { ok: true, minor: -900 }
 * parseMoney('12.505'); // { ok: false, reason: 'too-many-decimals', … }
 * ```
 */
export function parseMoney(
  text: string,
  decimals: number = DEFAULT_MONEY_DECIMALS,
): MoneyParseResult {
  assertDecimals(decimals);
  const value = parseExactDecimal(text);
  if (!value) return malformed(text);
  if (value.scale > decimals) {
    const divisor = 10n ** BigInt(value.scale - decimals);
    if (value.coefficient % divisor !== 0n) {
      return {
        ok: false,
        reason: 'too-many-decimals',
        message: `"${text}" has more than ${decimals} decimals; set the store's decimals to match WooCommerce's "Number of decimals"`,
      };
    }
    return toResult(text, value.coefficient / divisor);
  }
  return toResult(text, coefficientAtScale(value, decimals));
}

/**
 * Parses an **unrounded** amount — the entries of a line's `taxes[]`, which WooCommerce
 * sends with 4–6 decimals — and rounds it to `decimals` **half away from zero**, exactly as
 * PHP's `number_format()` / `round()` do when WooCommerce formats the same value
 * (`"0.4545"` → 0.45, `"0.455"` → 0.46, `"-0.125"` → −0.13).
 *
 * @example
 * ```ts
 * parseMoneyRounded('1.525424'); // { ok: true, minor: 153 }
 * parseMoneyRounded('-0.125');   // { ok: true, minor: -13 }
 * ```
 */
export function parseMoneyRounded(
  text: string,
  decimals: number = DEFAULT_MONEY_DECIMALS,
): MoneyParseResult {
  assertDecimals(decimals);
  const value = parseExactDecimal(text);
  if (!value) return malformed(text);
  return toResult(text, roundExactDecimal(value, decimals));
}

/**
 * Rounds an exact decimal to minor units (half away from zero), or `undefined` when the
 * result is not a safe integer.
 *
 * @example
 * ```ts
 * exactToMinorRounded({ coefficient: 4545n, scale: 4 }, 2); // 45
 * ```
 */
export function exactToMinorRounded(value: ExactDecimal, decimals: number): MinorUnits | undefined {
  const coefficient = roundExactDecimal(value, decimals);
  const result = toResult('', coefficient);
  return result.ok ? result.minor : undefined;
}
