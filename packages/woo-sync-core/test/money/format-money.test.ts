import {
  formatMoney,
  formatQuantity,
  isMinorUnits,
  isWholeQuantity,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('formatMoney', () => {
  it.each([
    [1250, 2, '12.50'],
    [0, 2, '0.00'],
    [-5, 2, '-0.05'],
    [-1250, 2, '-12.50'],
    [7, 2, '0.07'],
    [1250, 0, '1250'],
    [1, 3, '0.001'],
  ])('formats %i at %i decimals as %j', (minor, decimals, text) => {
    expect(formatMoney(minor, decimals)).toBe(text);
  });

  it('always writes a dot and exactly two decimals, never an exponent', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (value, negative) => {
        expect(formatMoney(negative ? -value : value)).toMatch(/^-?\d+\.\d{2}$/);
      }),
    );
  });

  it('throws for amounts that are not safe integers (programmer error)', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => formatMoney(100, -1)).toThrow(RangeError);
  });

  it('isMinorUnits accepts only safe integers', () => {
    expect(isMinorUnits(1250)).toBe(true);
    expect(isMinorUnits(12.5)).toBe(false);
    expect(isMinorUnits('1250')).toBe(false);
  });
});

describe('quantities', () => {
  it('formats integers for Balance', () => {
    expect(formatQuantity(3)).toBe('3');
    expect(formatQuantity(-1)).toBe('-1');
    expect(() => formatQuantity(1.5)).toThrow(RangeError);
  });

  it('accepts only positive whole quantities for sold lines', () => {
    expect(isWholeQuantity(1)).toBe(true);
    expect(isWholeQuantity(0)).toBe(false);
    expect(isWholeQuantity(-2)).toBe(false);
    expect(isWholeQuantity(2.5)).toBe(false);
    expect(isWholeQuantity('2')).toBe(false);
  });
});
