/**
 * Site time zone handling and the date formats WooCommerce reads and writes.
 *
 * Responses carry dates as `YYYY-MM-DDTHH:MM:SS` with no offset, both in the site's time
 * zone (`date_created`) and in UTC (`date_created_gmt`). Inputs without an offset are read in
 * the site time zone for local fields and as UTC for `_gmt` fields.
 *
 * Internal module.
 */

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The site's time zone (IANA name such as `Asia/Tbilisi`, or a fixed `UTC+4` / `+04:00`). */
export class SiteTimeZone {
  readonly name: string;
  private readonly fixedOffset: number | null;
  private readonly formatter: Intl.DateTimeFormat | null;
  private readonly cache = new Map<number, number>();

  constructor(name: string) {
    this.name = name;
    const fixed = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name.trim());
    if (name === 'UTC' || name === 'GMT') {
      this.fixedOffset = 0;
      this.formatter = null;
    } else if (fixed) {
      const sign = fixed[1] === '-' ? -1 : 1;
      this.fixedOffset = sign * (Number(fixed[2]) * 3600 + Number(fixed[3] ?? 0) * 60);
      this.formatter = null;
    } else {
      this.fixedOffset = null;
      this.formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    }
  }

  /** Offset from UTC in seconds at the given instant (epoch seconds). */
  offsetAt(epochSec: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset;
    const bucket = Math.floor(epochSec / 900);
    const hit = this.cache.get(bucket);
    if (hit !== undefined) return hit;
    const parts = this.formatter?.formatToParts(new Date(bucket * 900 * 1000)) ?? [];
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    const offset = Math.round((wall - bucket * 900 * 1000) / 1000);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(bucket, offset);
    return offset;
  }

  /** The local wall-clock time of an instant, as seconds of a UTC-based calendar. */
  toWall(epochSec: number): number {
    return epochSec + this.offsetAt(epochSec);
  }

  /** The instant of a local wall-clock time (the first one if the wall time is ambiguous). */
  fromWall(wallSec: number): number {
    let guess = wallSec - this.offsetAt(wallSec);
    guess = wallSec - this.offsetAt(guess);
    return guess;
  }

  /** `YYYY-MM-DDTHH:MM:SS` in the site time zone. */
  formatLocal(epochSec: number): string {
    return formatWall(this.toWall(epochSec));
  }
}

// Responses format the same few seconds over and over (the dates of products saved together).
const wallTexts = new Map<number, string>();

/** Formats seconds of a UTC-based calendar as `YYYY-MM-DDTHH:MM:SS`. */
export function formatWall(wallSec: number): string {
  let text = wallTexts.get(wallSec);
  if (text === undefined) {
    text = new Date(wallSec * 1000).toISOString().slice(0, 19);
    if (wallTexts.size >= 4_096) wallTexts.clear();
    wallTexts.set(wallSec, text);
  }
  return text;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC. */
export function formatGmt(epochSec: number): string {
  return formatWall(epochSec);
}

/** A parsed date input: wall-clock seconds, and the offset it carried (if any). */
interface ParsedDate {
  wall: number;
  offsetSec: number | null;
}

function parseIso(input: string): ParsedDate | null {
  const m = ISO_RE.exec(input.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, tz] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const wall = Date.UTC(Number(y), month - 1, day, hour, minute, second) / 1000;
  let offsetSec: number | null = null;
  if (tz !== undefined) {
    if (tz === 'Z' || tz === 'z') {
      offsetSec = 0;
    } else {
      const sign = tz.startsWith('-') ? -1 : 1;
      const digits = tz.slice(1).replace(':', '');
      offsetSec = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || 0) * 60);
    }
  }
  return { wall, offsetSec };
}

/**
 * Reads a local date input the way `WC_Data::set_date_prop` does: numbers are UTC
 * timestamps, strings with `Z`/`±hh:mm` honour the offset, other strings are site-local.
 * Returns epoch seconds, `null` for "clear", or `undefined` when unparsable (ignored).
 */
export function parseLocalDateInput(value: unknown, tz: SiteTimeZone): number | null | undefined {
  if (value === null || value === undefined || value === '' || value === false || value === 0) {
    return null;
  }
  if (value === '0000-00-00 00:00:00') return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
    return Math.trunc(Number(value));
  }
  if (typeof value !== 'string') return undefined;
  const parsed = parseIso(value);
  if (!parsed) return undefined;
  if (parsed.offsetSec !== null) return parsed.wall - parsed.offsetSec;
  return tz.fromWall(parsed.wall);
}

/**
 * Reads a `_gmt` date input (`strtotime` in UTC): naive strings are UTC. Returns epoch
 * seconds, `null` for "clear" (`""`/`null`) or `undefined` when unparsable.
 */
export function parseGmtDateInput(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === '' || value === false) return null;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string') return undefined;
  const parsed = parseIso(value);
  if (!parsed) return undefined;
  return parsed.wall - (parsed.offsetSec ?? 0);
}

/** `rest_parse_date` validation of a `date-time` parameter. */
export function isRestDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (
    !/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|z|[+-]\d{2}(?::\d{2})?)?$/.test(value)
  ) {
    return false;
  }
  return parseIso(value) !== null;
}

/**
 * `WP_Date_Query::build_mysql_datetime` for a collection bound: a naive value is taken as a
 * wall-clock time in the column's frame; a value with an offset is converted to the **site**
 * time zone (even when comparing against a `_gmt` column, as WordPress does). Returns
 * wall-clock seconds.
 */
export function dateQueryBound(value: string, tz: SiteTimeZone): number | null {
  const parsed = parseIso(value);
  if (!parsed) return null;
  if (parsed.offsetSec === null) return parsed.wall;
  return tz.toWall(parsed.wall - parsed.offsetSec);
}
