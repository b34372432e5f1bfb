import { describe, expect, it } from 'vitest';
import { localToUtc, utcToLocalText } from '../../src/catalog/store-time.js';

describe('store time', () => {
  it('reads Balance local times in the store time zone', () => {
    expect(localToUtc('2025-11-24T00:00:00', 'Asia/Tbilisi')).toBe('2025-11-23T20:00:00Z');
    expect(localToUtc('24.11.2025', 'Asia/Tbilisi')).toBe('2025-11-23T20:00:00Z');
    expect(localToUtc('07.01.2026', 'Asia/Tbilisi', 1)).toBe('2026-01-07T20:00:00Z');
    expect(localToUtc('2025-12-31', 'UTC', 1)).toBe('2026-01-01T00:00:00Z');
    expect(localToUtc('31.02.2026', 'UTC')).toBe('2026-03-03T00:00:00Z');
    expect(localToUtc('not a date', 'UTC')).toBeUndefined();
  });

  it('resolves DST gaps forward and DST overlaps to the earlier instant', () => {
    expect(localToUtc('2026-03-29T02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00Z');
    expect(localToUtc('2026-10-25T02:30:00', 'Europe/Berlin')).toBe('2026-10-25T00:30:00Z');
    expect(localToUtc('2026-07-01T12:00:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00Z');
  });

  it('formats UTC instants as store-local text', () => {
    expect(utcToLocalText('2025-11-23T20:00:00Z', 'Asia/Tbilisi')).toBe('2025-11-24 00:00');
    expect(utcToLocalText('2025-11-23T20:00:00', 'Asia/Tbilisi')).toBe('2025-11-24 00:00');
  });
});
