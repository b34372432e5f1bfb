import { allocateProportionally } from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('allocateProportionally (largest remainder)', () => {
  it('splits 10.00 over three equal lines with the extra tetri on the first', () => {
    expect(allocateProportionally(1000, [1, 1, 1])).toEqual([334, 333, 333]);
  });

  it('gives the extra units to the largest remainders', () => {
    // exact shares: 2.857…, 5.714…, 1.428… → floors 2, 5, 1 (8), two more to .857 and .714
    expect(allocateProportionally(10, [2, 4, 1])).toEqual([3, 6, 1]);
  });

  it('splits a negative total (a discount) the same way, negated', () => {
    expect(allocateProportionally(-500, [3000, 1000])).toEqual([-375, -125]);
    expect(allocateProportionally(-1000, [1, 1, 1])).toEqual([-334, -333, -333]);
  });

  it('never gives anything to a zero weight', () => {
    expect(allocateProportionally(1, [0, 5, 5])).toEqual([0, 1, 0]);
    expect(allocateProportionally(0, [3, 4])).toEqual([0, 0]);
  });

  it('throws for bad inputs (programmer errors)', () => {
    expect(() => allocateProportionally(100, [0, 0])).toThrow(RangeError);
    expect(() => allocateProportionally(100, [])).toThrow(RangeError);
    expect(() => allocateProportionally(100, [-1, 2])).toThrow(RangeError);
    expect(() => allocateProportionally(100, [1.5])).toThrow(RangeError);
    expect(() => allocateProportionally(1.5, [1])).toThrow(RangeError);
    expect(allocateProportionally(0, [])).toEqual([]);
  });

  const weightsArb = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10 ** 9 })), {
      minLength: 1,
      maxLength: 12,
    })
    .filter((weights) => weights.some((weight) => weight > 0));

  it('always sums exactly, stays within one unit of the exact share and is deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), weightsArb, (total, weights) => {
        const shares = allocateProportionally(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
        shares.forEach((share, index) => {
          // |share × Σw − total × w| < Σw  ⇔  |share − exact| < 1
          const diff = BigInt(share) * sum - BigInt(total) * BigInt(weights[index] ?? 0);
          expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
          if (weights[index] === 0) expect(share).toBe(0);
          if (total >= 0) expect(share).toBeGreaterThanOrEqual(0);
          else expect(share).toBeLessThanOrEqual(0);
        });
        expect(allocateProportionally(total, weights)).toEqual(shares);
      }),
      { numRuns: 3000 },
    );
  });

  it('never allocates more than a weight when the total fits in the weights', () => {
    fc.assert(
      fc.property(weightsArb, fc.double({ min: 0, max: 1, noNaN: true }), (weights, fraction) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const total = Math.floor(sum * fraction);
        allocateProportionally(total, weights).forEach((share, index) => {
          expect(share).toBeLessThanOrEqual(weights[index] ?? 0);
        });
      }),
      { numRuns: 3000 },
    );
  });
});
