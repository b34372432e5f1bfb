/*
 * The wall-clock time of an IANA time zone at a UTC instant, with the platform's Intl data
 * (no time-zone library; DST and historical offsets included). Balance dates carry no zone:
 * they are the merchant's local time, the store's configured time zone (default
 * Asia/Tbilisi). Shared by the document builders, the catalog and the CLI.
 */

/**
 * The calendar fields of an instant as a clock in some time zone shows them.
 *
 * @example
 * ```ts
 * const clock: WallClock = { year: 2026, month: 3, day: 2, hour: 0, minute: 30, second: 0 };
 * ```
 */
export interface WallClock {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** 0–23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall-clock time of `timeZone` at the instant `epochMs` (fractions of a second dropped).
 * Throws a `RangeError` (programmer error) for an unknown time zone; the configuration
 * schema validates time zones.
 *
 * @example
 * ```ts
 * wallClockAt(Date.parse('2026-03-01T20:30:00Z'), 'Asia/Tbilisi');
 * // { year: 2026, month: 3, day: 2, hour: 0, minute: 30, second: 0 }
 * ```
 */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines wrote midnight as "24" despite `h23`.
    hour: parts.hour === 24 ? 0 : (parts.hour ?? 0),
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * Offset of `timeZone` from UTC at the instant `epochMs`, in milliseconds (east positive).
 *
 * @example
 * ```ts
 * zoneOffsetAt(Date.parse('2026-03-01T00:00:00Z'), 'Asia/Tbilisi'); // 14400000
 * ```
 */
export function zoneOffsetAt(epochMs: number, timeZone: string): number {
  const clock = wallClockAt(epochMs, timeZone);
  const asUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}
