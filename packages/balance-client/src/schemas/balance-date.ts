/**
 * Converts a date as Balance sends it — `DD.MM.YYYY` (Discounts), optionally with a time,
 * or ISO `YYYY-MM-DD[THH:MM:SS]` — to an ISO calendar date `YYYY-MM-DD`. 1C's empty date
 * (`01.01.0001` / `0001-01-01`) and unreadable text give `undefined`.
 *
 * @example
 * ```ts
 * toIsoDate('31.12.2025');          // '2025-12-31'
 * toIsoDate('2023-12-31T00:00:00'); // '2023-12-31'
 * toIsoDate('01.01.0001');          // undefined (empty date)
 * ```
 */
export function toIsoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(text);
  let year: string;
  let month: string;
  let day: string;
  if (dotted) [, day = '', month = '', year = ''] = dotted;
  else if (iso) [, year = '', month = '', day = ''] = iso;
  else return undefined;
  if (year === '0001') return undefined;
  const result = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const check = new Date(`${result}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(result)
    ? result
    : undefined;
}
