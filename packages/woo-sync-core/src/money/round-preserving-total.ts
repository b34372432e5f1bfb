import {
  coefficientAtScale,
  divideRoundHalfAwayFromZero,
  type ExactDecimal,
} from './exact-decimal.js';
import { assertDecimals, assertMinorUnits, type MinorUnits } from './minor-units.js';

/**
 * Rounds exact values to minor units so that they **sum to a given total exactly**, moving
 * each value by less than one minor unit where it has a fraction, and by at most one unit
 * where it is already whole. This is how a document's lines are made to add up to the
 * WooCommerce order total when WooCommerce's own rounded fields do not (tax rounded per
 * line but totalled unrounded, woocommerce/woocommerce#17397).
 *
 * Rule:
 * 1. round every value half away from zero;
 * 2. if the rounded values miss the total by `d` units, move `|d|` values by one unit each,
 *    towards the total, choosing the values whose rounding went furthest the other way
 *    (largest residual first), then the larger value, then the earlier index;
 * 3. a value is never moved twice, a zero stays zero, and no value changes sign.
 *
 * @returns the rounded values, or `undefined` when the total cannot be reached that way
 * (the values and the total disagree by more than rounding explains)
 *
 * @example
 * ```ts
 * // 8.474576 + 1.525424 (net + tax of a 10.00 line, rounded separately) and a 5.00 line:
 * const values = ['8.474576', '1.525424', '5'].map((v) => parseExactDecimal(v)!);
 * roundPreservingTotal(values, 1500, 2); // [847, 153, 500]
 * roundPreservingTotal([parseExactDecimal('3.334')!, parseExactDecimal('6.661')!], 1000, 2);
 * // [334, 666]: rounded 333 + 666 = 999; 3.334 was rounded down most, so it moves up
 * ```
 */
export function roundPreservingTotal(
  values: readonly ExactDecimal[],
  totalMinor: MinorUnits,
  decimals: number,
): MinorUnits[] | undefined {
  assertMinorUnits(totalMinor, 'total');
  assertDecimals(decimals);
  const scale = values.reduce((max, value) => Math.max(max, value.scale), decimals);
  const unit = 10n ** BigInt(scale - decimals);
  const exact = values.map((value) => coefficientAtScale(value, scale));
  const rounded = exact.map((value) => divideRoundHalfAwayFromZero(value, unit));
  // residual > 0: the value was rounded down; < 0: rounded up.
  const residual = exact.map((value, index) => value - (rounded[index] ?? 0n) * unit);
  let difference = BigInt(totalMinor) - rounded.reduce((sum, value) => sum + value, 0n);

  if (difference !== 0n) {
    const up = difference > 0n;
    const candidates: number[] = [];
    exact.forEach((value, index) => {
      const r = residual[index] ?? 0n;
      const current = rounded[index] ?? 0n;
      if (value === 0n) return;
      if (up ? r < 0n : r > 0n) return; // moving it again would exceed one unit
      const next = up ? current + 1n : current - 1n;
      if ((value > 0n && next < 0n) || (value < 0n && next > 0n)) return;
      candidates.push(index);
    });
    if (BigInt(candidates.length) < (up ? difference : -difference)) return undefined;
    const magnitude = (v: bigint) => (v < 0n ? -v : v);
    candidates.sort((a, b) => {
      const ra = residual[a] ?? 0n;
      const rb = residual[b] ?? 0n;
      if (ra !== rb) return (up ? ra > rb : ra < rb) ? -1 : 1;
      const ma = magnitude(exact[a] ?? 0n);
      const mb = magnitude(exact[b] ?? 0n);
      if (ma !== mb) return ma > mb ? -1 : 1;
      return a - b;
    });
    for (const index of candidates) {
      if (difference === 0n) break;
      rounded[index] = (rounded[index] ?? 0n) + (up ? 1n : -1n);
      difference += up ? -1n : 1n;
    }
  }
  const result: MinorUnits[] = [];
  for (const value of rounded) {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      return undefined;
    }
    result.push(value === 0n ? 0 : Number(value));
  }
  return result;
}
