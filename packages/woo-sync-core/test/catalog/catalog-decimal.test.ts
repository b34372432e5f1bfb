import { describe, expect, it } from 'vitest';
import {
  decimalToScaled,
  formatMinor,
  moneyToMinor,
  percentOff,
} from '../../src/catalog/catalog-decimal.js';

describe('catalog decimals', () => {
  it('reads money to the tetri, half away from zero', () => {
    expect(moneyToMinor('18.9')).toBe(1890);
    expect(moneyToMinor('12.345')).toBe(1235);
    expect(moneyToMinor('12.344')).toBe(1234);
    expect(moneyToMinor('0.005')).toBe(1);
    expect(moneyToMinor('')).toBeUndefined();
    expect(moneyToMinor('abc')).toBeUndefined();
    expect(formatMinor(1890)).toBe('18.90');
    expect(formatMinor(5)).toBe('0.05');
  });

  it('takes a percentage off exactly', () => {
    expect(percentOff(1890, '10')).toBe(1701);
    expect(percentOff(999, '12.5')).toBe(874); // 874.125
    expect(percentOff(1005, '50')).toBe(503); // 502.5 rounds up
    expect(percentOff(1000, '100')).toBe(0);
    expect(percentOff(1000, '120')).toBeUndefined();
    expect(percentOff(1000, '-1')).toBeUndefined();
  });

  it('scales quantities, rounding down when asked', () => {
    expect(decimalToScaled('3.750', 4, 'floor')).toBe(37_500);
    expect(decimalToScaled('3.99999', 4, 'floor')).toBe(39_999);
    expect(decimalToScaled('-0.00001', 4, 'floor')).toBe(-1);
    expect(decimalToScaled(2.5, 4)).toBe(25_000);
    expect(decimalToScaled('1,5', 4)).toBe(15_000);
    expect(decimalToScaled('x', 4)).toBeUndefined();
  });
});
