/*
 * Balance's local dates (which carry no zone: they are the merchant's local time, the store's
 * configured time zone, default Asia/Tbilisi) ↔ UTC instants, for sale windows and reports.
 * The zone offsets come from the shared zoned-time module (the platform's Intl data).
 */

import { toUtcIso, utcToEpoch } from '../time/utc-instant.js';
import { zoneOffsetAt } from '../time/zoned-time.js';

const DAY = 86_400_000;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A local date-time as Balance writes it (`YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DD` or
 * `DD.MM.YYYY`) as its parts, or `undefined` when it is not one of those forms.
 *
 * @example
 * ```ts
 * parseLocalDateTime('24.11.2025'); // [2025, 11, 24, 0, 0, 0]
 * ```
 */
export function parseLocalDateTime(
  text: string,
): [number, number, number, number, number, number] | undefined {
  const trimmed = text.trim();
  const iso = LOCAL.exec(trimmed);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = iso;
    return [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  }
  const dotted = DOTTED.exec(trimmed);
  if (dotted) {
    const [, d, mo, y, h = '0', mi = '0', s = '0'] = dotted;
    return [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  }
  return undefined;
}

/**
 * The UTC instant of a wall-clock time in `timeZone`. Like Temporal's `compatible`
 * disambiguation: a time skipped by a DST change moves forward by the length of the gap; a
 * time that occurs twice is the earlier instant.
 *
 * @param addDays - days to add to the local date first (e.g. `1` turns an inclusive end
 *   date into the midnight that ends it)
 * @returns ISO 8601 in UTC with `Z` and no milliseconds, or `undefined` for an unreadable date
 * @example
 * ```ts
 * localToUtc('2025-11-24T00:00:00', 'Asia/Tbilisi'); // "2025-11-23T20:00:00Z"
 * localToUtc('07.01.2026', 'Asia/Tbilisi', 1); // "2026-01-07T20:00:00Z"
 * ```
 */
export function localToUtc(text: string, timeZone: string, addDays = 0): string | undefined {
  const parts = parseLocalDateTime(text);
  if (!parts) return undefined;
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d + addDays, h, mi, s);
  const before = zoneOffsetAt(wall - DAY, timeZone);
  const offsets = new Set([
    before,
    zoneOffsetAt(wall, timeZone),
    zoneOffsetAt(wall + DAY, timeZone),
  ]);
  let best: number | undefined;
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (zoneOffsetAt(candidate, timeZone) === offset && (best === undefined || candidate < best)) {
      best = candidate;
    }
  }
  // In a gap no offset fits: keep the offset from before the change (the time moves forward).
  return toUtcIso(best ?? wall - before);
}

/**
 * A UTC instant as the wall-clock time of `timeZone` (`YYYY-MM-DD HH:MM`), for reports.
 *
 * @example
 * ```ts
 * utcToLocalText('2025-11-23T20:00:00Z', 'Asia/Tbilisi'); // "2025-11-24 00:00"
 * ```
 */
export function utcToLocalText(text: string, timeZone: string): string {
  const epoch = utcToEpoch(text);
  if (epoch === undefined) return text;
  const local = epoch + zoneOffsetAt(epoch, timeZone);
  return new Date(local).toISOString().slice(0, 16).replace('T', ' ');
}
