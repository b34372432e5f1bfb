import { expressLineAmount } from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('expressLineAmount', () => {
  it('split-line: 10.00 over 3 is 2 × 3.33 + 1 × 3.34', () => {
    expect(expressLineAmount(3, 1000, 'split-line')).toEqual([
      { quantity: 2, priceMinor: 333, discountMinor: 0, amountMinor: 666 },
      { quantity: 1, priceMinor: 334, discountMinor: 0, amountMinor: 334 },
    ]);
  });

  it('discount-field: 10.00 over 3 is 3 × 3.34 − 0.02', () => {
    expect(expressLineAmount(3, 1000, 'discount-field')).toEqual([
      { quantity: 3, priceMinor: 334, discountMinor: 2, amountMinor: 1000 },
    ]);
  });

  it('keeps one plain line when the amount divides evenly', () => {
    for (const rule of ['split-line', 'discount-field'] as const) {
      expect(expressLineAmount(4, 1000, rule)).toEqual([
        { quantity: 4, priceMinor: 250, discountMinor: 0, amountMinor: 1000 },
      ]);
      expect(expressLineAmount(1, -472, rule)).toEqual([
        { quantity: 1, priceMinor: -472, discountMinor: 0, amountMinor: -472 },
      ]);
    }
  });

  it('handles amounts smaller than the quantity (1 × 0.00 + 1 × 0.01)', () => {
    expect(expressLineAmount(2, 1, 'split-line')).toEqual([
      { quantity: 1, priceMinor: 0, discountMinor: 0, amountMinor: 0 },
      { quantity: 1, priceMinor: 1, discountMinor: 0, amountMinor: 1 },
    ]);
  });

  it('throws for a quantity that is not a positive integer (programmer error)', () => {
    expect(() => expressLineAmount(0, 100, 'split-line')).toThrow(RangeError);
    expect(() => expressLineAmount(1.5, 100, 'split-line')).toThrow(RangeError);
  });

  it('always satisfies Price × Quantity − Discount = Amount and keeps the quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
        fc.constantFrom('split-line' as const, 'discount-field' as const),
        (quantity, amount, rule) => {
          const lines = expressLineAmount(quantity, amount, rule);
          expect(lines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(amount);
          expect(lines.reduce((sum, line) => sum + line.quantity, 0)).toBe(quantity);
          for (const line of lines) {
            expect(line.priceMinor * line.quantity - line.discountMinor).toBe(line.amountMinor);
            expect(line.quantity).toBeGreaterThan(0);
            expect(line.discountMinor).toBeGreaterThanOrEqual(0);
            expect(line.discountMinor).toBeLessThan(quantity);
          }
          if (rule === 'discount-field') expect(lines).toHaveLength(1);
          if (lines.length === 2)
            expect((lines[1]?.priceMinor ?? 0) - (lines[0]?.priceMinor ?? 0)).toBe(1);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
