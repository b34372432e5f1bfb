import {
  formatMoney,
  parseExactDecimal,
  parseMoney,
  parseMoneyRounded,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Reference rounding, done on the digits: half away from zero = first dropped digit ≥ 5. */
function referenceRound(text: string, decimals: number): number {
  const [, sign, whole, fraction = ''] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) ?? [];
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0');
  const up = (fraction.charCodeAt(decimals) || 48) - 48 >= 5;
  const magnitude = Number(`${whole}${kept}`) + (up ? 1 : 0);
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

describe('parseMoney (dp-formatted WooCommerce money)', () => {
  it.each([
    ['12.50', 1250],
    ['0.00', 0],
    ['-9.00', -900],
    ['-0.05', -5],
    ['3', 300],
    ['12.500', 1250],
    [' 7.10 ', 710],
    ['.5', 50],
    ['-0.00', 0],
  ])('reads %j exactly as %i tetri', (text, minor) => {
    expect(parseMoney(text)).toEqual({ ok: true, minor });
  });

  it('refuses digits beyond the store decimals instead of rounding them away', () => {
    const result = parseMoney('12.505');
    expect(result).toMatchObject({ ok: false, reason: 'too-many-decimals' });
    expect(result.ok ? '' : result.message).toContain('more than 2 decimals');
  });

  it.each(['', '1e3', '1,50', '12.5.0', 'abc', '--1', '1 000.00', 'NaN'])(
    'refuses %j as malformed',
    (text) => {
      expect(parseMoney(text)).toMatchObject({ ok: false, reason: 'malformed' });
    },
  );

  it('refuses amounts beyond safe integers', () => {
    expect(parseMoney('900719925474099.92')).toMatchObject({ ok: false, reason: 'out-of-range' });
  });

  it('honours other decimals (dp 0 and 3)', () => {
    expect(parseMoney('125', 0)).toEqual({ ok: true, minor: 125 });
    expect(parseMoney('1.250', 3)).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney('1.5', 0)).toMatchObject({ ok: false, reason: 'too-many-decimals' });
  });

  it('round-trips every amount through formatMoney', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 6 }), (minor, decimals) => {
        const value = minor % 10 ** 12;
        expect(parseMoney(formatMoney(value, decimals), decimals)).toEqual({
          ok: true,
          minor: value,
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseMoneyRounded (unrounded line taxes)', () => {
  it.each([
    ['0.4545', 45],
    ['0.455', 46],
    ['1.525424', 153],
    ['8.474576', 847],
    ['-0.125', -13],
    ['-0.124999', -12],
    ['0.005', 1],
    ['-0.005', -1],
    ['0.004999', 0],
    ['2', 200],
  ])('rounds %j half away from zero to %i', (text, minor) => {
    expect(parseMoneyRounded(text)).toEqual({ ok: true, minor });
  });

  it('rounds like PHP number_format for any decimal', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.integer({ min: 0, max: 8 }))
      .map(([negative, digits, scale]) => {
        const padded = digits.toString().padStart(scale + 1, '0');
        const body = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
        return `${negative ? '-' : ''}${body}`;
      });
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 4 }), (text, decimals) => {
        expect(parseMoneyRounded(text, decimals)).toEqual({
          ok: true,
          minor: referenceRound(text, decimals),
        });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseExactDecimal', () => {
  it('keeps every digit', () => {
    expect(parseExactDecimal('-0.4545')).toEqual({ coefficient: -4545n, scale: 4 });
    expect(parseExactDecimal('12')).toEqual({ coefficient: 12n, scale: 0 });
    expect(parseExactDecimal('1.525424')).toEqual({ coefficient: 1525424n, scale: 6 });
  });

  it('refuses exponents and empty strings', () => {
    expect(parseExactDecimal('1e-7')).toBeUndefined();
    expect(parseExactDecimal('')).toBeUndefined();
    expect(parseExactDecimal('-')).toBeUndefined();
  });
});
