import { wallClockAt } from '../time/zoned-time.js';

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/** Whether the written fields form a real calendar date and time (`Date` would roll 02-30 over). */
function isRealDateTime(match: RegExpExecArray): boolean {
  const field = (index: number) => Number(match[index] ?? '0');
  const [year, month, day] = [field(1), field(2), field(3)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    field(4) < 24 &&
    field(5) < 60 &&
    field(6) < 60 &&
    field(7) < 24 &&
    field(8) < 60
  );
}

/**
 * Converts an instant (ISO 8601 **with** a zone: `Z` or `±HH:MM`) to Balance's zone-less
 * local date-time `YYYY-MM-DDTHH:MM:SS` in the store's IANA time zone, with
 * `Intl.DateTimeFormat` (DST and historical offsets included). Fractions of a second are
 * dropped. A string without a zone is refused: JavaScript would read it in the machine's own
 * zone, which differs between hosts.
 *
 * Throws a `RangeError` (programmer error) for an unknown time zone; the configuration
 * schema validates time zones.
 *
 * @returns the local date-time, or `undefined` when `instant` is not a valid zoned instant
 *
 * @example
 * ```ts
 * toBalanceDateTime('2026-03-01T20:30:00Z', 'Asia/Tbilisi'); // '2026-03-02T00:30:00'
 * toBalanceDateTime('2026-03-01T20:30:00', 'Asia/Tbilisi');  // undefined (no zone)
 * ```
 */
export function toBalanceDateTime(instant: string, timeZone: string): string | undefined {
  const match = INSTANT_PATTERN.exec(instant.trim());
  if (!match || !isRealDateTime(match)) return undefined;
  const date = new Date(instant.trim());
  if (Number.isNaN(date.getTime())) return undefined;
  const local = wallClockAt(date.getTime(), timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${String(local.year).padStart(4, '0')}-${two(local.month)}-${two(local.day)}T${two(local.hour)}:${two(local.minute)}:${two(local.second)}`;
}
