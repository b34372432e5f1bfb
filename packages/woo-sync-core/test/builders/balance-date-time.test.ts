import { toBalanceDateTime } from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

describe('toBalanceDateTime', () => {
  it('converts UTC to Tbilisi time (UTC+4, no DST), across midnight and year end', () => {
    expect(toBalanceDateTime('2026-03-01T09:00:00Z', 'Asia/Tbilisi')).toBe('2026-03-01T13:00:00');
    expect(toBalanceDateTime('2026-03-01T20:30:00Z', 'Asia/Tbilisi')).toBe('2026-03-02T00:30:00');
    expect(toBalanceDateTime('2026-12-31T22:15:09Z', 'Asia/Tbilisi')).toBe('2027-01-01T02:15:09');
    expect(toBalanceDateTime('2026-07-01T00:00:00Z', 'Asia/Tbilisi')).toBe('2026-07-01T04:00:00');
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(toBalanceDateTime('2026-03-29T00:59:59Z', 'Europe/Berlin')).toBe('2026-03-29T01:59:59');
    expect(toBalanceDateTime('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:00:00');
  });

  it('accepts offsets and fractions, writes midnight as 00 (never 24)', () => {
    expect(toBalanceDateTime('2026-03-01T13:00:00+04:00', 'Asia/Tbilisi')).toBe(
      '2026-03-01T13:00:00',
    );
    expect(toBalanceDateTime('2026-03-01T20:00:00.999Z', 'Asia/Tbilisi')).toBe(
      '2026-03-02T00:00:00',
    );
  });

  it('refuses instants without a zone and garbage', () => {
    expect(toBalanceDateTime('2026-03-01T09:00:00', 'Asia/Tbilisi')).toBeUndefined();
    expect(toBalanceDateTime('2026-02-30T09:00:00Z', 'Asia/Tbilisi')).toBeUndefined();
    expect(toBalanceDateTime('2026-13-01T09:00:00Z', 'Asia/Tbilisi')).toBeUndefined();
    expect(toBalanceDateTime('2026-03-01T24:00:00Z', 'Asia/Tbilisi')).toBeUndefined();
    expect(toBalanceDateTime('yesterday', 'Asia/Tbilisi')).toBeUndefined();
    expect(toBalanceDateTime('2028-02-29T09:00:00Z', 'Asia/Tbilisi')).toBe('2028-02-29T13:00:00');
  });
});
