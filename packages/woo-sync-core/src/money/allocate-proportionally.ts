import { assertMinorUnits, type MinorUnits } from './minor-units.js';

/**
 * Splits `totalMinor` into shares proportional to `weights`, exactly, by the
 * **largest-remainder method** (Hamilton):
 *
 * 1. each share starts at `floor(|total| × weight / Σweights)` (computed with `BigInt`);
 * 2. the units still missing (always fewer than the number of weights) go one each to the
 *    shares with the largest remainder `|total| × weight mod Σweights`;
 * 3. ties go to the **earlier** index, so the result is deterministic;
 * 4. a negative total is split as its magnitude and every share negated.
 *
 * Guarantees: the shares sum to `totalMinor` exactly; each share differs from its exact
 * proportion by less than one unit; a zero weight gets a zero share; and when
 * `|total| ≤ Σweights`, no share exceeds its weight (so allocating a refund over the
 * remaining amounts of lines never over-credits a line).
 *
 * Throws a `RangeError` (programmer error) for a negative or non-integer weight, or a
 * non-zero total over weights that are all zero (or no weights at all).
 *
 * @param totalMinor - amount to split, in minor units (any sign)
 * @param weights - non-negative integer weights, e.g. line amounts in minor units
 *
 * @example
 * ```ts
 * allocateProportionally(1000, [1, 1, 1]);    // [334, 333, 333]
 * allocateProportionally(-500, [3000, 1000]); // [-375, -125]
 * allocateProportionally(1, [0, 5, 5]);       // [0, 1, 0]
 * ```
 */
export function allocateProportionally(
  totalMinor: MinorUnits,
  weights: readonly number[],
): MinorUnits[] {
  assertMinorUnits(totalMinor, 'total');
  let weightSum = 0n;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`weights must be non-negative safe integers, got ${weight}`);
    }
    weightSum += BigInt(weight);
  }
  if (totalMinor === 0) return weights.map(() => 0);
  if (weightSum === 0n) {
    throw new RangeError(`cannot allocate ${totalMinor} over weights that are all zero`);
  }
  const magnitude = BigInt(Math.abs(totalMinor));
  const shares: bigint[] = [];
  const remainders: bigint[] = [];
  let allocated = 0n;
  for (const weight of weights) {
    const product = magnitude * BigInt(weight);
    const share = product / weightSum;
    shares.push(share);
    remainders.push(product % weightSum);
    allocated += share;
  }
  const order = weights.map((_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a] ?? 0n;
    const rb = remainders[b] ?? 0n;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return a - b;
  });
  let missing = magnitude - allocated;
  for (const index of order) {
    if (missing === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    missing -= 1n;
  }
  const sign = totalMinor < 0 ? -1 : 1;
  return shares.map((share) => (share === 0n ? 0 : sign * Number(share)));
}
