import {
  type ExactDecimal,
  parseExactDecimal,
  roundPreservingTotal,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const d = (text: string) => parseExactDecimal(text) as ExactDecimal;

describe('roundPreservingTotal', () => {
  it('is plain rounding when the rounded values already reach the total', () => {
    expect(roundPreservingTotal([d('8.474576'), d('1.525424'), d('5')], 1500, 2)).toEqual([
      847, 153, 500,
    ]);
  });

  it('moves the value rounded down the most when the total is one tetri higher', () => {
    // rounded: 3.33 + 6.66 = 9.99, total 10.00; 3.334 lost more than 6.661
    expect(roundPreservingTotal([d('3.334'), d('6.661')], 1000, 2)).toEqual([334, 666]);
  });

  it('moves the value rounded up the most when the total is one tetri lower', () => {
    // rounded: 1.53 + 1.53 = 3.06, total 3.05; 1.525 gained more than 1.5254
    expect(roundPreservingTotal([d('1.5254'), d('1.525')], 305, 2)).toEqual([153, 152]);
  });

  it('prefers the larger value when residuals tie, then the earlier one', () => {
    expect(roundPreservingTotal([d('1.00'), d('5.00'), d('5.00')], 1101, 2)).toEqual([
      100, 501, 500,
    ]);
  });

  it('keeps zeros at zero and never flips a sign', () => {
    expect(roundPreservingTotal([d('0'), d('2.00')], 201, 2)).toEqual([0, 201]);
    expect(roundPreservingTotal([d('0'), d('0.004')], -1, 2)).toBeUndefined();
    expect(roundPreservingTotal([d('-1.004'), d('3.00')], 199, 2)).toEqual([-101, 300]);
  });

  it('refuses a total that rounding cannot explain', () => {
    expect(roundPreservingTotal([d('10.00'), d('5.00')], 1503, 2)).toBeUndefined();
    expect(roundPreservingTotal([d('10.00')], 998, 2)).toBeUndefined();
  });

  const valueArb = fc
    .tuple(fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }), fc.integer({ min: 0, max: 6 }))
    .map(([coefficient, scale]) => ({ coefficient, scale }));

  it('sums exactly, moves each value by at most one unit, and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -3, max: 3 }),
        (values, offset) => {
          const scaleOf = (v: ExactDecimal) => 10n ** BigInt(6 - v.scale);
          const exact = values.map((v) => v.coefficient * scaleOf(v)); // at 6 decimals
          const nearest = exact.map((x) => {
            const n = x < 0n ? -x : x;
            const q = (n + 5000n) / 10000n;
            return x < 0n ? -q : q;
          });
          const total = Number(nearest.reduce((a, b) => a + b, 0n)) + offset;
          const result = roundPreservingTotal(values, total, 2);
          if (offset === 0) expect(result).toEqual(nearest.map((v) => (v === 0n ? 0 : Number(v))));
          if (!result) return;
          expect(result.reduce((a, b) => a + b, 0)).toBe(total);
          result.forEach((value, index) => {
            const x = exact[index] ?? 0n;
            const diff = BigInt(value) * 10000n - x;
            expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(10000n);
            if (x === 0n) expect(value).toBe(0);
            if (x > 0n) expect(value).toBeGreaterThanOrEqual(0);
            if (x < 0n) expect(value).toBeLessThanOrEqual(0);
          });
          expect(roundPreservingTotal(values, total, 2)).toEqual(result);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
